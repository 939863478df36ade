// A job's steps in order, typed so that each step reads `steps.<id>.outputs.<name>` only of the
// steps before it, and the job's `outputs` read those of all of them.
import { contextOf } from "../expressions/_context.js";
import type { StepIdOf, StepOutputsById, StepsContext } from "../expressions/data-flow.js";
import type { Step, StepSpec } from "./types.js";

/**
 * What a step added with a callback reads: the `steps` context of the steps before it.
 * @example jobSteps().add(checkout).add(({ steps }) => step({ run: expr`echo ${steps.checkout.outputs.commit}` }))
 */
export interface EarlierSteps<Known> {
  steps: StepsContext<Known>;
}

// A step whose id an earlier step already has is refused at the `.add(…)` that repeats it.
type UniqueId<S, Known> = [StepIdOf<S>] extends [never]
  ? unknown
  : StepIdOf<S> extends keyof Known
    ? { readonly "step id": `"${StepIdOf<S>}" is already the id of an earlier step of this job` }
    : unknown;

/**
 * The steps of a job, in order: a list, usable as the job's `steps`, that also knows the ids and
 * outputs of its steps (`Known`: id → output names). Built with {@link jobSteps}.
 * @example const built: JobSteps<{ version: "tag" }> = jobSteps().add(step({ id: "version", run: "…" }, { outputs: ["tag"] }));
 */
export interface JobSteps<Known = {}> extends ReadonlyArray<Step | StepSpec> {
  /**
   * The `steps` context of all these steps, for the job's `outputs`:
   * `outputs: { tag: built.steps.version.outputs.tag }`.
   */
  readonly steps: StepsContext<Known>;
  /**
   * Appends a step: a {@link step} or an action binding's step, or a function of the earlier steps'
   * context that returns one. Its id must be new in the job.
   */
  add<S extends Step<string, string>>(entry: (S & UniqueId<S, Known>) | (((earlier: EarlierSteps<Known>) => S) & UniqueId<S, Known>)): JobSteps<Known & StepOutputsById<S>>;
}

/**
 * Starts the steps of a job, added in the order they run with `.add(…)`. A step added as a function
 * reads `steps.<id>.outputs.<name>` of the steps before it only (a later or unknown id, or an output
 * the step does not set, is a type error), and `.steps` reads them all for the job's `outputs`. Output
 * names come from action bindings and from `step(…, { outputs: [...] })`; other steps accept any name.
 *
 * @example
 * const built = jobSteps()
 *   .add(actionsCheckout())
 *   .add(step({ id: "version", run: "echo tag=v1 >> \"$GITHUB_OUTPUT\"" }, { outputs: ["tag"] }))
 *   .add(({ steps }) => step({ run: expr`make release TAG=${steps.version.outputs.tag}` }));
 * export const release = job({ "runs-on": "ubuntu-latest", outputs: { tag: built.steps.version.outputs.tag }, steps: built });
 */
export function jobSteps(): JobSteps {
  return sequence([]);
}

// A plain array, so every stage reads it as a list; the builder's members are not enumerable, so
// they never reach the YAML.
function sequence<Known>(items: readonly (Step | StepSpec)[]): JobSteps<Known> {
  const context = contextOf("steps") as StepsContext<Known>;
  const add = (entry: Step | ((earlier: EarlierSteps<Known>) => Step)) => sequence([...items, typeof entry === "function" ? entry({ steps: context }) : entry]);
  return Object.defineProperties([...items], { steps: { value: context }, add: { value: add } }) as unknown as JobSteps<Known>;
}
