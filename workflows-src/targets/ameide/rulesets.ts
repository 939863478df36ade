// Branch protection of ameideio/ameide, from the same source as its workflows: `main` is the trunk
// every change lands on (seed 002), `prod` the deploy branch reached only by a reviewed pull request
// from `main` (seed 000). Each requires one check, CI's always-run gate, passed as the job itself.
import { protectedBranch } from "trunkline";
import { ci } from "./ameide.ts";

/** main: pull requests only, approved by a code owner, conversations resolved, linear history. */
export const main = protectedBranch({ branch: "main", requiredChecks: [ci.gate] });

/** prod: the ship gate. A reviewed pull request from main, CI green on it, squash only (seed 000). */
export const prod = protectedBranch({ branch: "prod", requiredChecks: [ci.gate], codeOwners: false, resolveConversations: false, mergeMethods: ["squash"] });
