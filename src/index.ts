// The public API: what workflow sources and trunkline.config.ts import from "trunkline".
export { workflow, job, step } from "./dsl/workflow.js";
export type { Job, JobRef, JobSpec, RunnerJobSpec, CallerJobSpec, Step, StepSpec, Workflow, WorkflowSpec } from "./dsl/types.js";
export { defineConfig } from "./config/define-config.js";
export type { TargetConfig, TrunklineConfig } from "./config/define-config.js";
export type { Diagnostic } from "./diagnostics/diagnostic.js";
