// Branch protection of ameideio/ameide-gitops (seed 002): `main` takes pull requests only, and its one
// required check is the gate of gitops-gate.yaml — shown as "GitOps / Gate" on a pull request — never
// the path-scoped checks it calls, which a pull request that does not touch their paths skips.
import { protectedBranch } from "trunkline";
import { gate as gitopsGate } from "./gitops.ts";

/** main: approved by a code owner, conversations resolved, linear history, the gate green. */
export const main = protectedBranch({ branch: "main", requiredChecks: [gitopsGate.gate] });
