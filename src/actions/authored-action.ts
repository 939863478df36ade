// Actions authored in TypeScript: the metadata of a composite, JavaScript or Docker action as a
// typed object. `gen` writes it to `.github/actions/<name>/action.yml` in the target's repository,
// and the same object is the action's binding, so a workflow of that repository calls it with
// typed `with` and reads its outputs, as it does a locked action's.
import { LOCAL_ACTION } from "../dsl/brand.js";
import { type CallSite, captureCallSite } from "../dsl/call-site.js";
import type { Step, StepSpec } from "../dsl/types.js";
import { type ActionBinding, type ActionInputValue, bindStep } from "./define-action.js";

/** Where a repository keeps its own actions: `uses: ./.github/actions/<name>`. */
export const LOCAL_ACTIONS_FOLDER = ".github/actions";

/**
 * One input of an authored action (`inputs.<id>` in action.yml).
 * @see https://docs.github.com/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs
 */
export interface AuthoredInput {
  /** What the input is for; shown on hover where the action is used. */
  description: string;
  /**
   * Whether a step must set it. A required input without a `default` is a required key of the
   * binding's `with`, so leaving it out is a type error.
   * @default false
   */
  required?: boolean;
  /** The value when a step does not set it. */
  default?: string | number | boolean;
  /** Set when the input is deprecated: a step that sets it gets this message as a warning at `gen`. */
  deprecationMessage?: string;
}

/** One output of a composite action: `value` is an expression over its steps' outputs. */
export interface AuthoredCompositeOutput {
  description?: string;
  /** e.g. `${{ steps.version.outputs.tag }}`. */
  value: string;
}

/** One output of a JavaScript or Docker action, which sets it itself. */
export interface AuthoredOutput {
  description?: string;
}

/** `runs` of a composite action: its steps, each a {@link Step}, an action binding's step or a plain step. */
export interface CompositeRuns {
  using: "composite";
  /** A `run` step of a composite action must say its `shell`. */
  steps: readonly (Step | StepSpec)[];
}

/** `runs` of a JavaScript action. */
export interface NodeRuns {
  using: "node20" | "node24";
  /** The file that runs, relative to the action's folder. */
  main: string;
  pre?: string;
  "pre-if"?: string;
  post?: string;
  "post-if"?: string;
}

/** `runs` of a Docker container action. */
export interface DockerRuns {
  using: "docker";
  /** `Dockerfile`, or `docker://image@sha256:…`. */
  image: string;
  env?: Readonly<Record<string, string>>;
  args?: readonly string[];
  "pre-entrypoint"?: string;
  entrypoint?: string;
  "post-entrypoint"?: string;
  "pre-if"?: string;
  "post-if"?: string;
}

/** What every authored action's metadata holds besides `outputs` and `runs`. */
export interface AuthoredActionBase<Inputs> {
  /** The action's display name. */
  name: string;
  description: string;
  author?: string;
  inputs?: Inputs;
  branding?: { icon?: string; color?: string };
}

/** The metadata of a composite action. */
export interface CompositeActionSpec<Inputs, Outputs> extends AuthoredActionBase<Inputs> {
  outputs?: Outputs;
  runs: CompositeRuns;
}

/** The metadata of a JavaScript or Docker action. */
export interface ContainerOrNodeActionSpec<Inputs, Outputs> extends AuthoredActionBase<Inputs> {
  outputs?: Outputs;
  runs: NodeRuns | DockerRuns;
}

type RequiredInputNames<Inputs> = { [K in keyof Inputs]: Inputs[K] extends { required: true } ? (Inputs[K] extends { default: unknown } ? never : K) : never }[keyof Inputs] & string;
type Flatten<T> = { [K in keyof T]: T[K] };

/** The `with` of an authored action's steps: its required inputs (without a default) required, the others optional. */
export type AuthoredWith<Inputs> = Flatten<{ [K in RequiredInputNames<Inputs>]: ActionInputValue } & { [K in Exclude<keyof Inputs & string, RequiredInputNames<Inputs>>]?: ActionInputValue }>;

/** An action authored in TypeScript: its binding (call it for a step), and the metadata `gen` writes. */
export type AuthoredAction<With extends object, Output extends string> = ActionBinding<With, Output> & {
  readonly [LOCAL_ACTION]: true;
  /** The folder under `.github/actions/`. */
  readonly actionName: string;
  /** The metadata as authored; `gen` writes it to `.github/actions/<actionName>/action.yml`. */
  readonly metadata: object;
  readonly definedAt: CallSite;
};

/**
 * A composite action written in TypeScript. Export it from a workflow source: `gen` writes
 * `.github/actions/<name>/action.yml` in the target's repository, validated against GitHub's action
 * definition and checked by the rules that check steps. Call it in a workflow of the same
 * repository for a step `uses: ./.github/actions/<name>`, with typed `with` and outputs.
 * @example
 * export const setup = compositeAction("setup-toolchain", {
 *   name: "Set up the toolchain", description: "Node and pnpm, with the store cached",
 *   inputs: { "node-version": { description: "Node.js version", required: true } },
 *   outputs: { "store-path": { description: "pnpm store", value: "${{ steps.store.outputs.path }}" } },
 *   runs: { using: "composite", steps: [step({ id: "store", run: "…", shell: "bash" })] },
 * });
 */
export function compositeAction<const Inputs extends Readonly<Record<string, AuthoredInput>> = {}, const Outputs extends Readonly<Record<string, AuthoredCompositeOutput>> = {}>(
  name: string,
  metadata: CompositeActionSpec<Inputs, Outputs>,
): AuthoredAction<AuthoredWith<Inputs>, keyof Outputs & string> {
  return authorAction(name, metadata);
}

/**
 * The metadata of a JavaScript or Docker action, written in TypeScript: `gen` writes its
 * action.yml (the code or image it runs is yours to keep beside it), and the value is its binding.
 * @example export const notify = javascriptOrDockerAction("notify", { name: "Notify", description: "…", runs: { using: "node24", main: "dist/index.js" } });
 */
export function javascriptOrDockerAction<const Inputs extends Readonly<Record<string, AuthoredInput>> = {}, const Outputs extends Readonly<Record<string, AuthoredOutput>> = {}>(
  name: string,
  metadata: ContainerOrNodeActionSpec<Inputs, Outputs>,
): AuthoredAction<AuthoredWith<Inputs>, keyof Outputs & string> {
  return authorAction(name, metadata);
}

function authorAction<With extends object, Output extends string>(name: string, metadata: AuthoredActionBase<Record<string, AuthoredInput>> & { outputs?: object }): AuthoredAction<With, Output> {
  const definedAt = captureCallSite();
  const inputs = metadata.inputs ?? {};
  const deprecatedInputs = Object.fromEntries(Object.entries(inputs).flatMap(([input, spec]) => (spec.deprecationMessage === undefined ? [] : [[input, spec.deprecationMessage]])));
  const uses = `./${LOCAL_ACTIONS_FOLDER}/${name}`;
  // its steps carry the action itself, so a workflow that calls it gets its action.yml even unexported
  const binding = bindStep<With, Output>({ uses, label: uses, tag: "", outputs: Object.keys(metadata.outputs ?? {}) as Output[], deprecatedInputs, isAuthored: true });
  return Object.assign(binding, { [LOCAL_ACTION]: true as const, actionName: name, metadata, definedAt });
}
