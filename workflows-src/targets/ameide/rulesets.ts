// Branch protection of ameideio/ameide, from the same source as its workflows: `main` is the trunk
// every change lands on (seed 002), `prod` the deploy branch reached only by a reviewed pull request
// from `main` (seed 000). Each requires one check, CI's always-run gate, passed as the job itself.
import { ruleset } from "trunkline";
import { ci } from "./ameide.ts";

/** main: pull requests only, approved by a code owner, conversations resolved, linear history. */
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
    { type: "required_status_checks", parameters: { required_status_checks: [ci.gate] } },
    { type: "required_linear_history" },
    { type: "non_fast_forward" },
    { type: "deletion" },
  ],
});

/** prod: the ship gate. A reviewed pull request from main, CI green on it, squash only (seed 000). */
export const prod = ruleset("prod", {
  conditions: { ref_name: { include: ["refs/heads/prod"] } },
  rules: [
    {
      type: "pull_request",
      parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, allowed_merge_methods: ["squash"] },
    },
    { type: "required_status_checks", parameters: { required_status_checks: [ci.gate] } },
    { type: "required_linear_history" },
    { type: "non_fast_forward" },
    { type: "deletion" },
  ],
});
