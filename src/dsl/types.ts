import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";
import type * as GitHub from "../types/index.js";
import type { JOB, STEP, WORKFLOW } from "./brand.js";
import type { RuleId } from "../rules/index.js";
import type { CallSite } from "./call-site.js";
import type { HasOutputs, HasStepOutputs, MatrixContext, MatrixLiteral, NeedsContext } from "../expressions/data-flow.js";

/** A step as GitHub defines it: `uses` an action or `run`s a script (never both). */
export type StepSpec = GitHub.WorkflowStep;

/** What trunkline keeps beside a workflow, job or step, out of band: none of it is written to the YAML. */
export interface DefineOptions {
  /**
   * Rule ids whose findings on this workflow, job or step (and everything inside it) are dropped.
   * Say why in a comment next to it; prefer fixing the finding.
   * @example job({ … }, { suppress: ["timeout-missing"] }) // a release job that waits for an approval
   * @see docs/rules/README.md for the rule ids
   */
  suppress?: readonly RuleId[];
}

/**
 * What trunkline keeps beside a step, out of band: suppressions, and the outputs a `run` step sets.
 * @example step({ id: "version", run: "…" }, { outputs: ["tag"], suppress: ["timeout-missing"] })
 */
export interface StepOptions<Outputs extends string = string> extends DefineOptions {
  /**
   * The outputs this step sets (`echo "tag=…" >> "$GITHUB_OUTPUT"`), so later steps and the job's
   * `outputs` read them by name, and a misspelt one is a type error. Without it, any name is accepted.
   * @example step({ id: "version", run: "echo tag=v1 >> \"$GITHUB_OUTPUT\"" }, { outputs: ["tag"] })
   */
  outputs?: readonly Outputs[];
}

/**
 * A step built with {@link step}, which remembers the TypeScript line that defined it. `Id` is its
 * `id` (`never` without one) and `Outputs` the names of its outputs, for `jobSteps`.
 * @example const version: Step<"version", "tag"> = step({ id: "version", run: "…" }, { outputs: ["tag"] });
 */
export interface Step<Id extends string = string, Outputs extends string = string> extends HasStepOutputs<Id, Outputs> {
  readonly [STEP]: true;
  readonly spec: StepSpec;
  readonly definedAt: CallSite;
  /** Rule ids suppressed on this step (see {@link DefineOptions}). */
  readonly suppress?: readonly string[];
  /** Warnings its builder found (a deprecated action input), reported by `gen` at this step's line. */
  readonly warnings?: readonly { path: (string | number)[]; message: string; hint: string }[];
  /** The action authored in TypeScript this step calls (`compositeAction`…): `gen` writes its action.yml too. */
  readonly localAction?: object;
}

/** Anything accepted where a job needs another job: a {@link Job} built with {@link job}. */
export type JobRef = Job;

/** The fields of a job that runs steps on a runner. `needs` takes the jobs themselves, not ids. */
export type RunnerJobSpec = Omit<GitHub.RunnerJob, "needs" | "steps"> & {
  /**
   * Jobs that must finish before this one starts. Pass the job objects; trunkline writes their ids,
   * so a renamed job can never leave a dangling `needs`.
   * @see https://docs.github.com/actions/using-workflows/workflow-syntax-for-github-actions#jobsjob_idneeds
   */
  needs?: readonly JobRef[];
  /** The steps, in order: {@link step} values or plain step objects. */
  steps: readonly (Step | StepSpec)[];
};

/** The fields of a job that calls a reusable workflow (`uses: owner/repo/.github/workflows/x.yml@ref`). */
export type CallerJobSpec = Omit<GitHub.ReusableWorkflowCallJob, "needs"> & {
  /** Jobs that must finish first, as job objects. */
  needs?: readonly JobRef[];
};

/** Either kind of job. */
export type JobSpec = RunnerJobSpec | CallerJobSpec;

/** A job built with {@link job}. Its id is the key it is given in the workflow's `jobs`; `Outputs` names the outputs it declares. */
export interface Job<Spec extends JobSpec = JobSpec, Outputs extends string = string> extends HasOutputs<Outputs> {
  readonly [JOB]: true;
  readonly spec: Spec;
  readonly definedAt: CallSite;
  /** Rule ids suppressed on this job (see {@link DefineOptions}). */
  readonly suppress?: readonly string[];
}

/** A workflow's fields as GitHub defines them; `jobs` maps job ids to jobs. */
export type WorkflowSpec = Omit<GitHub.Workflow, "jobs"> & {
  /**
   * The jobs, keyed by id. The key is the id other workflows and rulesets see. Plain job objects
   * typed with @github-actions-workflow-ts/lib's types are accepted as well.
   */
  jobs: Record<string, Job | GitHub.WorkflowJob | GW.NormalJob | GW.ReusableWorkflowCallJob>;
};

// A phantom key: never set at run time, it carries the literal type of the workflow's `on`.
declare const TRIGGERS: unique symbol;

/**
 * A workflow built with {@link workflow}: what a source file exports to get a YAML file. `On` is
 * the literal type of its triggers, which types the calls of a reusable workflow (`job.call`).
 */
export interface Workflow<On = GitHub.On> {
  readonly [TRIGGERS]?: On;
  readonly [WORKFLOW]: true;
  /** The output file name inside the target's workflows folder, e.g. `ci.yml`. */
  readonly fileName: string;
  readonly spec: WorkflowSpec;
  readonly definedAt: CallSite;
  /** Rule ids suppressed on the whole workflow (see {@link DefineOptions}). */
  readonly suppress?: readonly string[];
}

/** What a job built with the two-argument {@link job} depends on: the jobs it needs, keyed by id, and its strategy. */
export interface JobDependencies<Needs extends Record<string, Job<JobSpec, string>>, Matrix extends MatrixLiteral> {
  /**
   * The jobs this one needs, keyed by their ids in the workflow: `{ build, test }`. Only they appear
   * in the `needs` context, with the outputs they declare.
   */
  needs?: Needs;
  /** The job's strategy; its `matrix` literal types the `matrix` context. */
  strategy?: Omit<GitHub.Strategy, "matrix"> & { matrix: Matrix };
}

/** The typed contexts a job's body reads: `needs` from its dependencies, `matrix` from its matrix literal. */
export interface JobContexts<Needs, Matrix> {
  needs: NeedsContext<Needs>;
  matrix: MatrixContext<Matrix>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type AllKeys<T> = T extends unknown ? keyof T : never;

/** A job's fields other than `needs` and `strategy`, as the body of the two-argument {@link job} returns them. */
export type JobBody = DistributiveOmit<RunnerJobSpec, "needs" | "strategy"> | DistributiveOmit<CallerJobSpec, "needs" | "strategy">;

/**
 * `Body`, with every key a job does not have typed as a message naming the job key it is one typo
 * away from: a returned object literal is not checked for unknown keys otherwise, and `never` would
 * say nothing of what to write instead.
 */
export type ExactJobBody<Body> = Body & { readonly [K in Exclude<keyof Body, AllKeys<JobBody>>]: UnknownKey<K, "job", AllKeys<JobBody>> };

// The message tsc shows as the type a value is "not assignable to"; a key of an object type, since a
// string literal here would reduce the whole intersection to `never` and every key would be reported.
type UnknownKey<K, Kind extends string, Known> = K extends string ? { [Message in `${K} is not a ${Kind} key${DidYouMean<K, Known & string>}`]: never } : never;
type DidYouMean<K extends string, Known extends string> = [CloseTo<K, Known>] extends [never] ? "" : `; did you mean ${CloseTo<K, Known>}?`;
type CloseTo<K extends string, Known extends string> = Known extends unknown ? (OneEditApart<K, Known> extends true ? Known : never) : never;

// One character inserted, removed, replaced, or two neighbours swapped.
type OneEditApart<A extends string, B extends string> = A extends `${infer a}${infer restA}`
  ? B extends `${infer b}${infer restB}`
    ? a extends b
      ? OneEditApart<restA, restB>
      : restA extends restB
        ? true
        : restA extends B
          ? true
          : A extends restB
            ? true
            : restA extends `${b}${infer tail}`
              ? restB extends `${a}${tail}`
                ? true
                : false
              : false
    : restA extends ""
      ? true
      : false
  : B extends `${string}${infer restB}`
    ? restB extends ""
      ? true
      : false
    : false;

/** The names of the outputs a job body declares. */
export type OutputNames<Body> = Body extends { readonly outputs?: infer O } ? (O extends object ? keyof O & string : never) : never;
