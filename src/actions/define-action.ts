// What a generated binding (workflows-src/actions/*.ts) calls: a typed step builder for one locked
// action. Small on purpose: generated bindings hold the facts, this holds the behaviour.
import { ACTION, STEP } from "../dsl/brand.js";
import { captureCallSite } from "../dsl/call-site.js";
import type { DefineOptions, Step } from "../dsl/types.js";
import type { UsesStep } from "../types/index.js";

/** A value an action input takes in `with:` (GitHub passes each as a string; expressions are strings). */
export type ActionInputValue = string | number | boolean;

/** The step fields besides `uses` and `with`: `id`, `name`, `if`, `env`, `timeout-minutes`… */
export type ActionStepFields = Omit<UsesStep, "uses" | "with" | "run" | "working-directory" | "shell" | "wait" | "wait-all" | "cancel" | "parallel">;

/** A step of a bound action: `with` is required when the action has a required input. */
export type ActionStepSpec<With extends object> = ActionStepFields & ({} extends With ? { with?: With } : { with: With });

/** What a binding is defined from; written by `trunkline actions add`, never by hand. */
export interface ActionDefinition<Output extends string> {
  /** `owner/repo[/path]`. */
  action: string;
  /** The locked commit. */
  sha: string;
  /** The release tag the lockfile names for `sha`. */
  tag: string;
  outputs: readonly Output[];
  /** Deprecated inputs → the action's deprecation message. */
  deprecatedInputs?: Readonly<Record<string, string>>;
}

/** A typed, locked action: call it to get a step; `uses` is its pinned reference. */
export interface ActionBinding<With extends object, Output extends string> {
  // `Id` is inferred from `id` alone, so later steps read `steps.<id>.outputs.<Output>` (see jobSteps).
  <const Id extends string = never>(
    ...args: {} extends With ? [spec?: ActionStepSpec<With> & { readonly id?: Id }, options?: DefineOptions] : [spec: ActionStepSpec<With> & { readonly id?: Id }, options?: DefineOptions]
  ): Step<Id, Output>;
  /** `owner/repo[/path]@<sha>`, as written to the YAML (with `# <tag>` beside it). */
  readonly uses: string;
  readonly tag: string;
  /** The action's output names: `steps.<id>.outputs.<name>`. */
  readonly outputs: readonly Output[];
}

/** A deprecated input set in a step, reported as a warning by `gen` (kept beside the step, never in the YAML). */
export interface StepWarning {
  path: (string | number)[];
  message: string;
  hint: string;
}

/** Builds the binding of one locked action; used by generated bindings. */
export function defineAction<With extends object, Output extends string = never>(definition: ActionDefinition<Output>): ActionBinding<With, Output> {
  const uses = `${definition.action}@${definition.sha}`;
  return bindStep<With, Output>({ uses, label: `${definition.action} ${definition.tag}`, tag: definition.tag, outputs: definition.outputs, deprecatedInputs: definition.deprecatedInputs ?? {} });
}

/** What a local action's binding is defined from; written by `trunkline actions add ./path`, never by hand. */
export interface LocalActionDefinition<Output extends string> {
  /** `./.github/actions/<name>` (or `$/…`), written to the YAML as it is. */
  uses: string;
  outputs: readonly Output[];
  /** Deprecated inputs → the action's deprecation message. */
  deprecatedInputs?: Readonly<Record<string, string>>;
}

/** Builds the binding of an action of this repository (an action.yml under `./`); used by generated bindings. */
export function defineLocalAction<With extends object, Output extends string = never>(definition: LocalActionDefinition<Output>): ActionBinding<With, Output> {
  return bindStep<With, Output>({ uses: definition.uses, label: definition.uses, tag: "", outputs: definition.outputs, deprecatedInputs: definition.deprecatedInputs ?? {} });
}

/** What {@link bindStep} needs: the `uses` to write, how messages name the action, its outputs. */
export interface BoundAction<Output extends string> {
  uses: string;
  /** How a warning names the action: `actions/checkout v4.1.0`, `./.github/actions/setup`. */
  label: string;
  tag: string;
  outputs: readonly Output[];
  deprecatedInputs: Readonly<Record<string, string>>;
  /** Set for an action authored in TypeScript (`compositeAction`): every step built carries the binding itself. */
  isAuthored?: boolean;
}

/** The callable binding of an action, locked or local: a step builder with `uses`, `tag` and `outputs`. */
export function bindStep<With extends object, Output extends string>(bound: BoundAction<Output>): ActionBinding<With, Output> {
  const { uses, label, deprecatedInputs: deprecated } = bound;
  const build = (spec?: ActionStepSpec<With>, options?: DefineOptions): Step => {
    const { with: inputs, ...fields } = (spec ?? {}) as ActionStepFields & { with?: Record<string, unknown> };
    const warnings: StepWarning[] = Object.keys(inputs ?? {})
      .filter((name) => Object.hasOwn(deprecated, name))
      .map((name) => ({
        path: ["with", name],
        message: `input "${name}" of ${label} is deprecated: ${deprecated[name]}`,
        hint: `stop setting "${name}", as the action's message says`,
      }));
    const stepSpec = { ...fields, uses, ...(inputs === undefined ? {} : { with: inputs }) } as UsesStep;
    return {
      [STEP]: true,
      spec: stepSpec,
      definedAt: captureCallSite(),
      ...(options?.suppress?.length ? { suppress: [...options.suppress] } : {}),
      ...(warnings.length ? { warnings } : {}),
      ...(bound.isAuthored ? { localAction: binding } : {}),
    };
  };
  // NOTE: `build` reads `binding` only when called, after it is assigned here
  const binding = Object.assign(build, { [ACTION]: true, uses, tag: bound.tag, outputs: bound.outputs }) as unknown as ActionBinding<With, Output>;
  return binding;
}
