import { JOB, STEP, WORKFLOW } from "./brand.js";
import { captureCallSite } from "./call-site.js";
import type { DefineOptions, Job, JobSpec, Step, StepSpec, Workflow, WorkflowSpec } from "./types.js";

/**
 * Declares a workflow. `file` names the YAML file written for it (`"ci"` → `ci.yml`); export the
 * result from a source file under `workflows-src/`.
 *
 * @example
 * export default workflow("ci", { name: "CI", on: { pull_request: { branches: ["main"] } }, jobs: { test } });
 */
export function workflow(file: string, spec: WorkflowSpec, options?: DefineOptions): Workflow {
  const fileName = /\.ya?ml$/.test(file) ? file : `${file}.yml`;
  return { [WORKFLOW]: true, fileName, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

/**
 * Declares a job. Give it an id by placing it in a workflow's `jobs`; other jobs `needs` it by
 * reference. Errors found in the job point back at this line.
 */
// NOTE: `Spec` is never inferred from the argument: a generic argument skips TypeScript's check for
// unknown keys, so `job({ "timeout-minute": 5 })` would pass. Name it to narrow: `job<RunnerJobSpec>({ … })`.
export function job<Spec extends JobSpec = JobSpec>(spec: NoInfer<Spec>, options?: DefineOptions): Job<Spec> {
  return { [JOB]: true, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

/** Declares a step. Errors found in the step point back at this line. */
export function step(spec: StepSpec, options?: DefineOptions): Step {
  return { [STEP]: true, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

// Suppressions travel beside the spec, never inside it, so they cannot reach the YAML.
function outOfBand(options: DefineOptions | undefined): { suppress?: readonly string[] } {
  return options?.suppress?.length ? { suppress: [...options.suppress] } : {};
}
