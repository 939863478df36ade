import type { Validator } from "../compile.js";

/** The validation layers every output goes through: JSON Schema, then GitHub's own parser. */
export async function defaultValidators(): Promise<Validator[]> {
  const [{ validateSchema }, { validateWithParser }] = await Promise.all([import("./schema.js"), import("./parser.js")]);
  return [
    ({ model, file }) => validateSchema(model, file),
    ({ text, file, featureFlags, document }) => validateWithParser(text, file, { featureFlags, document }),
  ];
}

/**
 * {@link defaultValidators} with GitHub's parser definition built and the code run once (warm-up.ts):
 * what a thread about to check many outputs does while it waits for the first.
 */
export async function prepareValidators(): Promise<Validator[]> {
  const [validators, { prepareParser }, { warmUpValidators }] = await Promise.all([defaultValidators(), import("./parser.js"), import("./warm-up.js")]);
  prepareParser();
  await warmUpValidators(validators);
  return validators;
}
