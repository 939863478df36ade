import { JOB, STEP, WORKFLOW } from "./brand.js";
import { captureCallSite } from "./call-site.js";
import type { Job, JobSpec, Step, StepSpec, Workflow, WorkflowSpec } from "./types.js";

/**
 * Declares a workflow. `file` names the YAML file written for it (`"ci"` → `ci.yml`); export the
 * result from a source file under `workflows-src/`.
 *
 * @example
 * export default workflow("ci", { name: "CI", on: { pull_request: { branches: ["main"] } }, jobs: { test } });
 */
export function workflow(file: string, spec: WorkflowSpec): Workflow {
  const fileName = /\.ya?ml$/.test(file) ? file : `${file}.yml`;
  return { [WORKFLOW]: true, fileName, spec, definedAt: captureCallSite() };
}

/**
 * Declares a job. Give it an id by placing it in a workflow's `jobs`; other jobs `needs` it by
 * reference. Errors found in the job point back at this line.
 */
export function job<Spec extends JobSpec>(spec: Spec): Job<Spec> {
  return { [JOB]: true, spec, definedAt: captureCallSite() };
}

/** Declares a step. Errors found in the step point back at this line. */
export function step(spec: StepSpec): Step {
  return { [STEP]: true, spec, definedAt: captureCallSite() };
}
