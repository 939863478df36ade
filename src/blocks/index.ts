// Building blocks: the seed patterns as typed values, used by the templates and by authors directly.
export { unwrap, allOf, anyOf, literal } from "./expressions.js";
export { expr } from "../expressions/expr.js";
export type { Expression } from "./expressions.js";
export { checkCron } from "./cron.js";
export type { CronExpression } from "./cron.js";
export { onPullRequest, onPush, onMergeGroup, onSchedule, onWorkflowDispatch, onWorkflowCall, triggers, input } from "./triggers.js";
export type {
  Triggers, Patterns, BranchFilter, TagFilter, PathFilter, PullRequestActivity, PullRequestOptions, PushOptions,
  StringInput, BooleanInput, NumberInput, ChoiceInput, EnvironmentInput, DispatchInput, CallInput, CallSecret, CallOutput,
  WorkflowCallOptions,
} from "./triggers.js";
export { onDeployBranch } from "./deploy-branch.js";
export { changeDetection } from "./path-scoping.js";
export type { ChangeFilters, ChangeDetection, ChangeDetectionOptions } from "./path-scoping.js";
export { pullRequestConcurrency, branchConcurrency, releaseConcurrency, deploymentConcurrency, supersededRunsConcurrency } from "./concurrency.js";
export type { ConcurrencySpec } from "./concurrency.js";
export { alwaysRunGate, GATE_SCRIPT } from "./gate.js";
export type { Gate, GateOptions } from "./gate.js";
export { NOT_FROM_FORK, FROM_FORK, runnerFromVariable, guardForks } from "./runners.js";
export { pinnedImage, imageAt, channelTag, container, service } from "./images.js";
export type { ImageDigest, PinnedImage, ChannelTag, PinnedContainer, PinnedService } from "./images.js";
export { readOnlyPermissions, noPermissions, grant } from "./permissions.js";
export type { PermissionsSpec } from "./permissions.js";
export { onReleaseTags, IS_RELEASE_TAG } from "./releases.js";
export type { ReleaseTagPattern } from "./releases.js";
export { protectedBranch } from "./branch-protection.js";
export type { ProtectedBranchOptions } from "./branch-protection.js";
