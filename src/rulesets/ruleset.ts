// The ruleset DSL: branch and tag protection as GitHub's repository rulesets REST API models it
// (https://docs.github.com/rest/repos/rules#create-a-repository-ruleset), with one difference:
// required status checks are the jobs themselves, and trunkline computes the check names.
import { captureCallSite, type CallSite } from "../dsl/call-site.js";
import type { Job } from "../dsl/types.js";

/** Marks a value built by {@link ruleset}; registered so a second copy of trunkline recognises it. */
export const RULESET = Symbol.for("trunkline.ruleset");

/**
 * A ref a ruleset applies to: `refs/heads/<branch>` or `refs/tags/<tag>` (fnmatch patterns such as
 * `refs/heads/release/*` allowed), `~DEFAULT_BRANCH`, or `~ALL`.
 * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#using-fnmatch-syntax
 */
export type RefPattern = `refs/heads/${string}` | `refs/tags/${string}` | "~DEFAULT_BRANCH" | "~ALL";

/** Who may bypass a ruleset. */
export interface BypassActor {
  /**
   * The actor's id: a team id, an app's integration id, a repository role id (`5` is admin), `1`
   * for `OrganizationAdmin`, `null` for `DeployKey`.
   * @see https://docs.github.com/rest/repos/rules#create-a-repository-ruleset
   */
  actor_id: number | null;
  /**
   * What kind of actor `actor_id` names.
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#granting-bypass-permissions-for-your-branch-or-tag-ruleset
   */
  actor_type: "Integration" | "OrganizationAdmin" | "RepositoryRole" | "Team" | "DeployKey";
  /**
   * `always`, or only when merging a pull request (`pull_request`).
   * @default "always"
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#granting-bypass-permissions-for-your-branch-or-tag-ruleset
   */
  bypass_mode?: "always" | "pull_request";
}

/** The parameters of a `pull_request` rule; each left out takes GitHub's own default. */
export interface PullRequestParameters {
  /**
   * Approving reviews needed before merging (0–10).
   * @default 0
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  required_approving_review_count?: number;
  /**
   * A new reviewable push dismisses earlier approvals.
   * @default false
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  dismiss_stale_reviews_on_push?: boolean;
  /**
   * Files with a code owner (CODEOWNERS) need that owner's approval.
   * @default false
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  require_code_owner_review?: boolean;
  /**
   * The last push must be approved by someone other than its pusher.
   * @default false
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  require_last_push_approval?: boolean;
  /**
   * Every review conversation must be resolved before merging.
   * @default false
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  required_review_thread_resolution?: boolean;
  /**
   * The merge methods the merge button offers. With `required_linear_history`, leave out `merge`.
   * @default ["merge", "squash", "rebase"]
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-a-pull-request-before-merging
   */
  allowed_merge_methods?: readonly ("merge" | "squash" | "rebase")[];
}

/** The parameters of a `required_status_checks` rule. */
export interface RequiredStatusChecksParameters {
  /**
   * The jobs whose checks must pass — pass the job objects (the always-run gate, ideally one). trunkline
   * writes the check name GitHub reports for each: the job's `name` (or id), one per matrix leg
   * (`Test (20)`), `<caller> / <job>` for a job of a reusable workflow; all from the GitHub Actions app.
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-status-checks-to-pass-before-merging
   */
  required_status_checks: readonly Job[];
  /**
   * The branch must be up to date with its base before merging (re-runs checks after every base change).
   * @default false
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-status-checks-to-pass-before-merging
   */
  strict_required_status_checks_policy?: boolean;
  /**
   * Allow creating the ref even when the checks would fail.
   * @default false
   * @see https://docs.github.com/rest/repos/rules#create-a-repository-ruleset
   */
  do_not_enforce_on_create?: boolean;
}

/** The parameters of a `merge_queue` rule; each left out takes GitHub's own default. */
export interface MergeQueueParameters {
  /**
   * How a queued group is merged.
   * @default "MERGE"
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  merge_method?: "MERGE" | "SQUASH" | "REBASE";
  /**
   * Merge once every group's checks pass (`ALLGREEN`) or only the head group's (`HEADGREEN`).
   * @default "ALLGREEN"
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  grouping_strategy?: "ALLGREEN" | "HEADGREEN";
  /**
   * How many queued pull requests are built (their checks run) at once.
   * @default 5
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  max_entries_to_build?: number;
  /**
   * The fewest pull requests merged together in one group.
   * @default 1
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  min_entries_to_merge?: number;
  /**
   * The most pull requests merged together in one group.
   * @default 5
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  max_entries_to_merge?: number;
  /**
   * How long to wait for `min_entries_to_merge` before merging a smaller group.
   * @default 5
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  min_entries_to_merge_wait_minutes?: number;
  /**
   * How long to wait for the required checks before the entry fails.
   * @default 60
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#managing-a-merge-queue
   */
  check_response_timeout_minutes?: number;
}

/**
 * One rule of a ruleset, by its REST `type`. Workflows of a branch with a `merge_queue` rule must
 * also run on `merge_group`, or the queue waits for checks that never come.
 * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets
 */
export type RulesetRule =
  | { type: "pull_request"; parameters?: PullRequestParameters }
  | { type: "required_status_checks"; parameters: RequiredStatusChecksParameters }
  | { type: "merge_queue"; parameters?: MergeQueueParameters }
  | { type: "required_linear_history" } // no merge commits: squash or rebase only
  | { type: "non_fast_forward" } // blocks force pushes
  | { type: "deletion" } // blocks deleting the ref
  | { type: "creation" } // only bypass actors may create matching refs
  | { type: "required_signatures" }; // commits must be signed

/** A ruleset's fields as GitHub's REST API names them, minus `name` (given to {@link ruleset}). */
export interface RulesetSpec {
  /**
   * What the ruleset protects.
   * @default "branch"
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
   */
  target?: "branch" | "tag";
  /**
   * `active` enforces, `evaluate` only reports (GitHub Enterprise), `disabled` turns it off.
   * @default "active"
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets#about-rule-enforcement-statuses
   */
  enforcement?: "active" | "evaluate" | "disabled";
  /**
   * Who may bypass it. Always written, so updating a ruleset replaces bypass actors added by hand.
   * @default []
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#granting-bypass-permissions-for-your-branch-or-tag-ruleset
   */
  bypass_actors?: readonly BypassActor[];
  /**
   * Which refs it applies to.
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/creating-rulesets-for-a-repository#choosing-which-branches-or-tags-to-target
   */
  conditions: {
    ref_name: {
      /** Refs it applies to, e.g. `["refs/heads/main"]` or `["~DEFAULT_BRANCH"]`. */
      include: readonly RefPattern[];
      /**
       * Refs it leaves alone even when `include` matches them.
       * @default []
       */
      exclude?: readonly RefPattern[];
    };
  };
  /**
   * The rules, in the order GitHub shows them.
   * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets
   */
  rules: readonly RulesetRule[];
}

/** A ruleset built with {@link ruleset}: what a source file exports to get `rulesets/<name>.json`. */
export interface Ruleset {
  readonly [RULESET]: true;
  /** The ruleset's name on GitHub, and its file name (`<name>.json`). */
  readonly name: string;
  readonly spec: RulesetSpec;
  readonly definedAt: CallSite;
}

/**
 * Declares a repository ruleset — branch protection generated from the same source as the workflows.
 * Export it from a target's source; `gen` writes GitHub's REST JSON to `rulesets/<name>.json` beside
 * the target's `.github/` (`.github/rulesets/` for this repository) and checks that every required job
 * runs on pull requests into the protected branches; `trunkline rulesets plan` prints the `gh api`
 * commands that apply it.
 * @example
 * export const main = ruleset("main", {
 *   conditions: { ref_name: { include: ["refs/heads/main"] } },
 *   rules: [{ type: "pull_request" }, { type: "required_status_checks", parameters: { required_status_checks: [ci.gate] } }],
 * });
 * @see https://docs.github.com/rest/repos/rules#create-a-repository-ruleset
 */
export function ruleset(name: string, spec: RulesetSpec): Ruleset {
  return { [RULESET]: true, name, spec, definedAt: captureCallSite() };
}
