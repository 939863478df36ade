import { JOB, STEP, WORKFLOW } from "./brand.js";
import { captureCallSite } from "./call-site.js";
import type { MatrixLiteral } from "../expressions/data-flow.js";
import { contextOf } from "../expressions/_context.js";
import type * as GitHub from "../types/index.js";
import { type ExactTriggers, callWorkflow } from "./reusable-call.js";
import type { DefineOptions, ExactJobBody, Job, JobBody, JobContexts, JobDependencies, JobSpec, OutputNames, Step, StepOptions, StepSpec, Workflow, WorkflowSpec } from "./types.js";

/**
 * Declares a workflow. `file` names the YAML file written for it (`"ci"` → `ci.yml`); export the
 * result from a source file under `workflows-src/`.
 *
 * @example
 * export default workflow("ci", { name: "CI", on: { pull_request: { branches: ["main"] } }, jobs: { test } });
 */
// NOTE: `On` is inferred so a reusable workflow's interface reaches its callers; `ExactTriggers`
// keeps the unknown-key check inside input, secret and output definitions that inference skips.
export function workflow<const On extends GitHub.On = GitHub.On>(file: string, spec: WorkflowSpec & { readonly on: On & NoInfer<ExactTriggers<On>> }, options?: DefineOptions): Workflow<On> {
  const fileName = /\.ya?ml$/.test(file) ? file : `${file}.yml`;
  return { [WORKFLOW]: true, fileName, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

/**
 * Declares a job. Give it an id by placing it in a workflow's `jobs`; other jobs `needs` it by
 * reference. Errors found in the job point back at this line. To read `needs` and `matrix` with
 * typed expressions, declare it with {@link jobUsing} (`job.using`).
 */
// NOTE: `Spec` is never inferred from the argument: a generic argument skips TypeScript's check for
// unknown keys, so `job({ "timeout-minute": 5 })` would pass. Name it to narrow: `job<RunnerJobSpec>({ … })`.
// `Outputs` is inferred from the keys of `outputs` alone, which keeps that check.
function defineJob<Spec extends JobSpec = JobSpec, Outputs extends string = never>(spec: NoInfer<Spec> & { readonly outputs?: { readonly [K in Outputs]: unknown } }, options?: DefineOptions): Job<Spec, Outputs> {
  return { [JOB]: true, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

/**
 * Declares a job whose expressions read typed contexts: the first argument says what it depends on
 * (`needs`, keyed by id, and `strategy`), the second builds the rest from `needs` and `matrix`.
 *
 * @example
 * const test = job.using({ needs: { build }, strategy: { matrix: { node: [20, 22] } } }, ({ needs, matrix }) => ({
 *   "runs-on": "ubuntu-latest",
 *   steps: [step({ run: expr`npm test -- --version ${needs.build.outputs.version} --node ${matrix.node}` })],
 * }));
 */
// NOTE: a function of its own, not an overload of `job`: with overloads, a mistake in the body is
// reported as "no overload matches" on the call's line instead of on the key's line.
export function jobUsing<const Needs extends Record<string, Job<JobSpec, string>> = {}, const Matrix extends MatrixLiteral = never, Body extends JobBody = JobBody>(
  dependencies: JobDependencies<Needs, Matrix>,
  body: (contexts: JobContexts<Needs, Matrix>) => ExactJobBody<Body>,
  options?: DefineOptions,
): Job<JobSpec, OutputNames<Body>> {
  const { needs, strategy } = dependencies;
  const fields = body({ needs: contextOf("needs"), matrix: contextOf("matrix") } as JobContexts<Needs, Matrix>);
  // `needs` is written as a list of jobs, as `job` takes it: the ids come from the workflow's `jobs`.
  const spec = { ...fields, ...(needs ? { needs: Object.values(needs) } : {}), ...(strategy ? { strategy } : {}) } as JobSpec;
  return { [JOB]: true, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

/**
 * Declares a job (see {@link defineJob}); `job.using` declares one that reads typed `needs` and
 * `matrix`; `job.call` one that calls a reusable workflow (see {@link callWorkflow}).
 */
export const job: typeof defineJob & { using: typeof jobUsing; call: typeof callWorkflow } = Object.assign(defineJob, { using: jobUsing, call: callWorkflow });

/** The step's `id`, kept as a literal type. */
interface StepId<Id extends string> {
  readonly id?: Id;
}

/**
 * Declares a step. Errors found in the step point back at this line. Its `id` and the `outputs`
 * named in `options` type what later steps of a {@link jobSteps} sequence read from it.
 *
 * @example
 * step({ id: "version", run: "echo tag=v1 >> \"$GITHUB_OUTPUT\"" }, { outputs: ["tag"] })
 */
// NOTE: only `Id` and `Outputs` are inferred, from `id` and `options.outputs`: the spec's type is not
// a type parameter, which keeps TypeScript's check for unknown keys (`uzes:`).
export function step<const Id extends string = never, const Outputs extends string = string>(spec: NoInfer<StepSpec> & StepId<Id>, options?: StepOptions<Outputs>): Step<Id, Outputs> {
  return { [STEP]: true, spec, definedAt: captureCallSite(), ...outOfBand(options) };
}

// Suppressions travel beside the spec, never inside it, so they cannot reach the YAML.
function outOfBand(options: DefineOptions | undefined): { suppress?: readonly string[] } {
  return options?.suppress?.length ? { suppress: [...options.suppress] } : {};
}
