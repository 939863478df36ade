import type * as GitHub from "../types/index.js";
import type { Rendered } from "./_expression.js";
import { type Context, contextOf } from "./_context.js";
import type { Result } from "./contexts.js";

// ---- matrix -------------------------------------------------------------------------------------

/** A matrix literal as the job's `strategy.matrix` holds it, or an expression (`fromJSON(…)`) where GitHub allows one. */
export type MatrixLiteral = NonNullable<GitHub.Strategy["matrix"]>;

type Row = { readonly [key: string]: unknown };
type RowsOf<M> = M extends { readonly include: readonly (infer R)[] } ? (R extends Row ? R : never) : never;
type AxesOf<M> = { readonly [K in Exclude<keyof M, "include" | "exclude">]: M[K] extends readonly (infer E)[] ? E : never };
type KeysOfRows<R> = R extends Row ? keyof R : never;
type ValueInRows<R, K extends PropertyKey> = R extends Row ? (K extends keyof R ? R[K] : never) : never;

/** The shape of `matrix` for a matrix literal: every axis and every key an `include` row adds. */
// An expression's keys are known only when the run starts: any key is accepted.
export type MatrixShape<M> = M extends string | Rendered
  ? { readonly [key: string]: unknown }
  : { readonly [K in keyof AxesOf<M> | KeysOfRows<RowsOf<M>>]: (K extends keyof AxesOf<M> ? AxesOf<M>[K] : never) | ValueInRows<RowsOf<M>, K> };

/** The `matrix` context of a job whose matrix literal is `M`. */
export type MatrixContext<M> = Context<"matrix", MatrixShape<M>>;

// ---- needs --------------------------------------------------------------------------------------

// A phantom key: never set at run time.
declare const OUTPUTS: unique symbol;

/** Carries, in a job's type, the names of the outputs it declares. */
export interface HasOutputs<Outputs extends string> {
  readonly [OUTPUTS]?: Outputs;
}

type OutputsOf<J> = J extends HasOutputs<infer O> ? O : never;

/** The `needs` context of a job that needs the jobs `N` (keyed by id): their outputs and results. */
export type NeedsContext<N> = Context<"needs", { readonly [Id in keyof N]: { outputs: { readonly [O in OutputsOf<N[Id]>]: string }; result: Result } }>;

// ---- steps --------------------------------------------------------------------------------------

// Phantom keys: never set at run time.
declare const STEP_ID: unique symbol;
declare const STEP_OUTPUTS: unique symbol;

/**
 * Carries, in a step's type, its `id` (`never` without one, `string` when not known) and the names of
 * its outputs (`string` when any name may be set, as for a `run` step).
 * @example const version: HasStepOutputs<"version", "tag"> = step({ id: "version", run: "…" }, { outputs: ["tag"] });
 */
export interface HasStepOutputs<Id extends string, Outputs extends string> {
  readonly [STEP_ID]?: Id;
  readonly [STEP_OUTPUTS]?: Outputs;
}

/** A step's id, as its type carries it. */
export type StepIdOf<S> = S extends HasStepOutputs<infer Id, string> ? Id : never;
/** A step's output names, as its type carries them. */
export type StepOutputNamesOf<S> = S extends HasStepOutputs<string, infer Outputs> ? Outputs : string;

/**
 * The outputs of the steps a step can read, by id: `{ version: "tag"; checkout: "commit" | "ref" }`.
 * A step whose id is not a literal is left out: it cannot be read by name.
 */
export type StepOutputsById<S> = [StepIdOf<S>] extends [never] ? {} : string extends StepIdOf<S> ? {} : { readonly [Id in StepIdOf<S>]: StepOutputNamesOf<S> };

/**
 * The shape of `steps` for the earlier steps `Known` (id → output names): their outputs, outcome and conclusion.
 * @example type Shape = StepsShape<{ version: "tag" }>;  // { version: { outputs: { tag: string }; outcome: Result; conclusion: Result } }
 */
export type StepsShape<Known> = { readonly [Id in keyof Known]: { outputs: { readonly [O in Known[Id] & string]: string }; outcome: Result; conclusion: Result } };

/**
 * The `steps` context of a step whose earlier steps in the job are `Known` (id → output names).
 * @example jobSteps().add(version).add(({ steps }: { steps: StepsContext<{ version: "tag" }> }) => step({ run: expr`echo ${steps.version.outputs.tag}` }))
 */
export type StepsContext<Known> = Context<"steps", StepsShape<Known>>;

// ---- inputs -------------------------------------------------------------------------------------

type InputsIn<On, Event extends string> = On extends { readonly [E in Event]?: infer T } ? (T extends { readonly inputs?: infer I } ? NonNullable<I> : never) : never;
type DeclaredInputs<On> = InputsIn<On, "workflow_dispatch"> | InputsIn<On, "workflow_call">;
type KeysOfAll<T> = T extends object ? keyof T : never;
type InputValue<D> = D extends { readonly type: "boolean" }
  ? boolean
  : D extends { readonly type: "number" }
    ? number
    : D extends { readonly type: "choice"; readonly options: readonly (infer O)[] }
      ? O
      : string;
type DefinitionIn<I, K extends PropertyKey> = I extends object ? (K extends keyof I ? I[K] : never) : never;

/** The shape of `inputs` for a workflow's `on`: the inputs its `workflow_dispatch` and `workflow_call` declare. */
export type InputsShape<On> = { readonly [K in KeysOfAll<DeclaredInputs<On>>]: InputValue<DefinitionIn<DeclaredInputs<On>, K>> };

/**
 * The `inputs` context of a workflow with the triggers `on`: only the inputs they declare, typed
 * (`choice` → its options, `boolean` → boolean, `number` → number).
 *
 * @example
 * const on = defineTriggers({ workflow_dispatch: { inputs: { dryrun: { type: "boolean", default: true } } } });
 * const inputs = inputsOf(on);  // inputs.dryrun → ${{ inputs.dryrun }}
 */
export function inputsOf<const On extends GitHub.On>(on: On): Context<"inputs", InputsShape<On>> {
  void on; // only its type matters: the context reads the inputs by name at run time
  return contextOf("inputs");
}

/**
 * Declares a workflow's triggers and keeps their literal types, so {@link inputsOf} knows the inputs.
 * Pass the result as the workflow's `on`.
 */
// NOTE: the mapped type rejects top-level keys `Triggers` lacks (`pul_request`): a generic argument
// is not checked for unknown keys otherwise.
export function defineTriggers<const On extends GitHub.Triggers>(on: On & { readonly [K in Exclude<keyof On, keyof GitHub.Triggers>]: never }): On {
  return on;
}
