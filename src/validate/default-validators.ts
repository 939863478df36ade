import type { Validator } from "../compile.js";

/** The validation layers every output goes through: JSON Schema, then GitHub's own parser. */
export async function defaultValidators(): Promise<Validator[]> {
  const [{ validateSchema }, { validateWithParser }] = await Promise.all([import("./schema.js"), import("./parser.js")]);
  return [
    ({ model, file }) => validateSchema(model, file),
    ({ text, file, featureFlags, document }) => validateWithParser(text, file, { featureFlags, document }),
  ];
}
