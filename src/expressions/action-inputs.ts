import { type Context, contextOf } from "./_context.js";

/**
 * The `inputs` context inside an action authored in TypeScript: one string per input the action
 * declares (an action's inputs are always strings), so a misspelt name is a type error.
 *
 * @example
 * const setupInputs = { "node-version": { description: "Node.js version", default: "20" } } as const;
 * const inputs = actionInputsOf(setupInputs);
 * compositeAction("setup", { name: "Set up", description: "…", inputs: setupInputs, runs: { using: "composite",
 *   steps: [{ uses: pinnedAction("actions/setup-node"), with: { "node-version": inputs["node-version"] } }] } });
 */
export function actionInputsOf<const Inputs extends Readonly<Record<string, object>>>(inputs: Inputs): Context<"inputs", { readonly [Name in keyof Inputs]: string }> {
  void inputs; // only its type matters: the context reads the inputs by name at run time
  return contextOf("inputs");
}
