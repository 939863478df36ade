// What changes for a workflow when an action moves to another release: read from the two
// `action.yml` files, so a breaking update (a new required input, a removed input) is seen before
// it lands, not when a run fails.
import type { ActionMetadata } from "./metadata.js";

/** How an action's interface changed between two releases; every list sorted. */
export interface MetadataDiff {
  /** Inputs a step must now set: new and required, or required where they were optional. */
  newRequiredInputs: string[];
  /** Inputs that are gone: a step still setting one gets a warning from the runner and no effect. */
  removedInputs: string[];
  /** New optional inputs. */
  newInputs: string[];
  newOutputs: string[];
  /** Outputs that are gone: an expression reading one is now empty. */
  removedOutputs: string[];
  /** Inputs whose default changed (undefined: no default). */
  changedDefaults: { input: string; from: string | undefined; to: string | undefined }[];
  /** Inputs deprecated in the new release and not in the old one, with the action's message. */
  newlyDeprecated: { input: string; message: string }[];
}

/** The change from `before` to `after`. */
export function diffMetadata(before: ActionMetadata, after: ActionMetadata): MetadataDiff {
  const oldInputs = Object.keys(before.inputs);
  const newInputNames = Object.keys(after.inputs);
  const sorted = (names: string[]) => names.sort();
  return {
    newRequiredInputs: sorted(newInputNames.filter((name) => after.inputs[name]!.required && !before.inputs[name]?.required)),
    removedInputs: sorted(oldInputs.filter((name) => !Object.hasOwn(after.inputs, name))),
    newInputs: sorted(newInputNames.filter((name) => !Object.hasOwn(before.inputs, name) && !after.inputs[name]!.required)),
    newOutputs: sorted(Object.keys(after.outputs).filter((name) => !Object.hasOwn(before.outputs, name))),
    removedOutputs: sorted(Object.keys(before.outputs).filter((name) => !Object.hasOwn(after.outputs, name))),
    changedDefaults: sorted(newInputNames.filter((name) => Object.hasOwn(before.inputs, name) && before.inputs[name]!.default !== after.inputs[name]!.default)).map((input) => ({
      input,
      from: before.inputs[input]!.default,
      to: after.inputs[input]!.default,
    })),
    newlyDeprecated: sorted(newInputNames.filter((name) => after.inputs[name]!.deprecationMessage !== undefined && before.inputs[name]?.deprecationMessage === undefined)).map((input) => ({
      input,
      message: after.inputs[input]!.deprecationMessage!.trim().replace(/\s*\n\s*/g, " "),
    })),
  };
}

/** Whether a workflow that worked before may fail after: a new required input, or an input or output gone. */
export function isBreaking(diff: MetadataDiff): boolean {
  return diff.newRequiredInputs.length > 0 || diff.removedInputs.length > 0 || diff.removedOutputs.length > 0;
}

/** The diff as lines for a terminal or a pull request body; empty when nothing a workflow sees changed. */
export function describeMetadataDiff(diff: MetadataDiff): string[] {
  const quote = (value: string | undefined) => (value === undefined ? "(none)" : JSON.stringify(value));
  return [
    ...diff.newRequiredInputs.map((input) => `+ required input "${input}" (every step must now set it)`),
    ...diff.removedInputs.map((input) => `- input "${input}" removed`),
    ...diff.newInputs.map((input) => `+ optional input "${input}"`),
    ...diff.newOutputs.map((output) => `+ output "${output}"`),
    ...diff.removedOutputs.map((output) => `- output "${output}" removed`),
    ...diff.changedDefaults.map((change) => `~ input "${change.input}" default ${quote(change.from)} → ${quote(change.to)}`),
    ...diff.newlyDeprecated.map((entry) => `~ input "${entry.input}" deprecated: ${entry.message}`),
  ];
}
