// The checks every output and every linted workflow goes through: GitHub's own parser, and the JSON
// Schema derived from the very definition that parser reads with (scripts/build-schema.ts). The
// schema never finds fault with a workflow the parser passes (test/validate/schema-within-parser.test.ts
// holds every corpus to that), so it runs only on one the parser finds fault with, where it says in
// workflow terms what is wrong with its shape. A clean workflow, most of them, costs the parser alone,
// and a run where every workflow is clean never loads the schema's code.
import type { Validator } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

type Input = Parameters<Validator>[0];

// GitHub's parser, loaded on first call: its code is the costliest to load.
async function parserLayer(): Promise<Validator> {
  const { validateWithParser } = await import("./parser.js");
  return ({ model, text, file, featureFlags, document, emitted }) => validateWithParser(text, file, { featureFlags, document, ...(emitted ? { emittedFrom: model } : {}) });
}

// The JSON Schema, loaded on first call.
async function schemaLayer(): Promise<Validator> {
  const { validateSchema } = await import("./schema.js");
  return ({ model, file }) => validateSchema(model, file);
}

let schema: Promise<Validator> | undefined;
const loadSchema = () => (schema ??= schemaLayer());

/**
 * The schema's findings on an output GitHub's parser found `parserFound` on, followed by those: none
 * for an output the parser passed, which the schema passes too.
 */
export async function withSchemaFindings(input: Input, parserFound: readonly Diagnostic[]): Promise<Diagnostic[]> {
  if (parserFound.length === 0) return [];
  const validateSchema = await loadSchema();
  const schemaFound = input.profile ? input.profile.time("stage: schema", () => validateSchema(input)) : validateSchema(input);
  return [...(await schemaFound), ...parserFound];
}

/** The validation every output goes through, as one {@link Validator}: GitHub's parser, then the schema on what it finds fault with. */
export async function defaultValidators(): Promise<Validator[]> {
  const validateWithParser = await parserLayer();
  return [
    async (input) => {
      const found = input.profile ? await input.profile.timeAsync("stage: GitHub's parser", async () => validateWithParser(input)) : await validateWithParser(input);
      return withSchemaFindings(input, found);
    },
  ];
}

/** {@link defaultValidators} with GitHub's parser definition built and the code run once (warm-up.ts), for a thread about to check many workflows. */
export async function prepareValidators(): Promise<Validator[]> {
  return warmedUp(await defaultValidators());
}

/**
 * GitHub's parser alone, warmed up as {@link prepareValidators} is: what the validation worker runs,
 * prepared while it waits for the first output. The main thread adds the schema's findings
 * ({@link withSchemaFindings}) to an output the worker found fault with.
 */
export async function prepareParserLayer(): Promise<Validator> {
  return (await warmedUp([await parserLayer()]))[0]!;
}

async function warmedUp(layers: Validator[]): Promise<Validator[]> {
  const [{ prepareParser }, { warmUpValidators }] = await Promise.all([import("./parser.js"), import("./warm-up.js")]);
  prepareParser();
  await warmUpValidators(layers);
  return layers;
}
