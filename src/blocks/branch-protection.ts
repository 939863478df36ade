import type { Job } from "../dsl/types.js";
import { type PullRequestParameters, type Ruleset, ruleset } from "../rulesets/ruleset.js";

/** What {@link protectedBranch} needs: the branch, the checks it requires, and how it is reviewed. */
export interface ProtectedBranchOptions {
  /** The branch to protect, e.g. `"main"` or `"prod"`. */
  branch: string;
  /** The jobs whose checks must pass, usually one: the workflow's always-run gate. */
  requiredChecks: readonly Job[];
  /** The ruleset's name. @default the branch */
  name?: string;
  /** Approving reviews needed. @default 1 */
  approvals?: number;
  /** Files with a code owner need that owner's approval. @default true */
  codeOwners?: boolean;
  /** Every review conversation must be resolved. @default true */
  resolveConversations?: boolean;
  /**
   * Merge methods the merge button offers; linear history rules out `merge`.
   * @default ["squash", "rebase"]
   */
  mergeMethods?: NonNullable<PullRequestParameters["allowed_merge_methods"]>;
}

/**
 * A branch that takes reviewed pull requests only: required checks green, linear history, no
 * force pushes, no deletion — the protection both seeds ask for, as one call. Use it for the trunk
 * (`main`) and for a deploy branch (`prod`); for anything else, write the {@link ruleset} yourself.
 *
 * @example
 * export const main = protectedBranch({ branch: "main", requiredChecks: [ci.gate] });
 * export const prod = protectedBranch({ branch: "prod", requiredChecks: [ci.gate], codeOwners: false, resolveConversations: false, mergeMethods: ["squash"] });
 * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets
 */
export function protectedBranch(options: ProtectedBranchOptions): Ruleset {
  const review: PullRequestParameters = {
    required_approving_review_count: options.approvals ?? 1,
    dismiss_stale_reviews_on_push: true,
    ...((options.codeOwners ?? true) && { require_code_owner_review: true }),
    ...((options.resolveConversations ?? true) && { required_review_thread_resolution: true }),
    allowed_merge_methods: options.mergeMethods ?? ["squash", "rebase"],
  };
  return ruleset(options.name ?? options.branch, {
    conditions: { ref_name: { include: [`refs/heads/${options.branch}`] } },
    rules: [
      { type: "pull_request", parameters: review },
      { type: "required_status_checks", parameters: { required_status_checks: options.requiredChecks } },
      { type: "required_linear_history" },
      { type: "non_fast_forward" },
      { type: "deletion" },
    ],
  });
}
