// The public API: what workflow sources and trunkline.config.ts import from "trunkline".
export { workflow, job, step } from "./dsl/workflow.js";
export { jobSteps } from "./dsl/job-steps.js";
export type { EarlierSteps, JobSteps } from "./dsl/job-steps.js";
export { remoteWorkflow } from "./dsl/reusable-call.js";
export type { CallFields, CallInputs, CallInterfaceOf, CallOutputNames, CallSecrets, CalleeInterface, ExpressionText, InputArgument, NotReusable, RemoteWorkflow, RemoteWorkflowDescriptor } from "./dsl/reusable-call.js";
/** GitHub's trigger types, named so a consumer's declarations can name a workflow's inferred `on` (`Workflow<Pick<WorkflowTriggers, "push">>`). */
export type { On as WorkflowOn, Triggers as WorkflowTriggers, WorkflowCallMapping } from "./types/index.js";
export type { DefineOptions, Job, JobBody, JobContexts, JobDependencies, JobRef, JobSpec, RunnerJobSpec, CallerJobSpec, Step, StepOptions, StepSpec, Workflow, WorkflowSpec } from "./dsl/types.js";
export * from "./expressions/index.js";
export type { RuleId } from "./rules/index.js";
export type { LintConfig, LintIgnore, RuleSetting } from "./rules/_settings.js";
export { document } from "./dsl/document.js";
export type { Document } from "./dsl/document.js";
export { ruleset } from "./rulesets/ruleset.js";
export type { BypassActor, MergeQueueParameters, PullRequestParameters, RefPattern, RequiredStatusChecksParameters, Ruleset, RulesetRule, RulesetSpec } from "./rulesets/ruleset.js";
export * from "./blocks/index.js";
export { ACTION_PINS, pinnedAction, newestTag, tagOfPin } from "./actions/pins.js";
export type { PinnedActionName, PinnedActionTag, PinnedUses } from "./actions/pins.js";
export { defineAction, defineLocalAction } from "./actions/define-action.js";
export { compositeAction, javascriptOrDockerAction } from "./actions/authored-action.js";
export type { AuthoredAction, AuthoredCompositeOutput, AuthoredInput, AuthoredOutput, AuthoredWith, CompositeActionSpec, CompositeRuns, ContainerOrNodeActionSpec, DockerRuns, NodeRuns } from "./actions/authored-action.js";
export type { LocalActionDefinition } from "./actions/define-action.js";
export type { ActionBinding, ActionDefinition, ActionInputValue, ActionStepFields, ActionStepSpec } from "./actions/define-action.js";
export { defineConfig } from "./config/define-config.js";
export type { TargetConfig, TrunklineConfig } from "./config/define-config.js";
export type { CostBudget, CostConfig } from "./cost/budgets.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
