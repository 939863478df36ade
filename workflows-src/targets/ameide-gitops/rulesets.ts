// Branch protection of ameideio/ameide-gitops (seed 002): `main` takes pull requests only, and its one
// required check is the gate of gitops-gate.yaml — shown as "GitOps / Gate" on a pull request — never
// the path-scoped checks it calls, which a pull request that does not touch their paths skips.
import { ruleset } from "trunkline";
import { gate as gitopsGate } from "./gitops.ts";

/** main: approved by a code owner, conversations resolved, linear history, the gate green. */
export const main = ruleset("main", {
  conditions: { ref_name: { include: ["refs/heads/main"] } },
  rules: [
    {
      type: "pull_request",
      parameters: {
        required_approving_review_count: 1,
        require_code_owner_review: true,
        dismiss_stale_reviews_on_push: true,
        required_review_thread_resolution: true,
        allowed_merge_methods: ["squash", "rebase"],
      },
    },
    { type: "required_status_checks", parameters: { required_status_checks: [gitopsGate.gate] } },
    { type: "required_linear_history" },
    { type: "non_fast_forward" },
    { type: "deletion" },
  ],
});
