// Branch protection of ameideio/ameide-backlog (seed 002): `main` takes pull requests only, with CI's
// always-run gate as its one required check.
import { protectedBranch } from "trunkline";
import { ci } from "./backlog.ts";

/** main: approved by a code owner, conversations resolved, linear history, the gate green. */
export const main = protectedBranch({ branch: "main", requiredChecks: [ci.gate] });
