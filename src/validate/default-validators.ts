import type { Validator } from "../compile.js";

// Each layer loads its own code, so that a thread running only some of them loads only theirs.
const LAYERS: readonly (() => Promise<Validator>)[] = [
  async () => {
    const { validateSchema } = await import("./schema.js");
    return ({ model, file }) => validateSchema(model, file);
  },
  async () => {
    const { validateWithParser } = await import("./parser.js");
    return ({ text, file, featureFlags, document }) => validateWithParser(text, file, { featureFlags, document });
  },
];

/** The validation layers every output goes through: JSON Schema, then GitHub's own parser; those from `first` to before `end` when given. */
export async function defaultValidators(first = 0, end = LAYERS.length): Promise<Validator[]> {
  return Promise.all(LAYERS.slice(first, end).map((load) => load()));
}

/**
 * {@link defaultValidators} (from `first` on) with GitHub's parser definition built and the code run
 * once (warm-up.ts): what a thread about to check many outputs does while it waits for the first.
 */
export async function prepareValidators(first = 0): Promise<Validator[]> {
  const [validators, { prepareParser }, { warmUpValidators }] = await Promise.all([defaultValidators(first), import("./parser.js"), import("./warm-up.js")]);
  prepareParser();
  await warmUpValidators(validators);
  return validators;
}
