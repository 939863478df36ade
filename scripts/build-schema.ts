// Converts the workflow definition that ships inside @actions/workflow-parser (GitHub's "template
// schema" format) into a draft-07 JSON Schema plus ajv standalone validation code, so schema/ can never
// drift from the parser version pinned in package.json.
//
//   npx tsx scripts/build-schema.ts          write schema/
//   npx tsx scripts/build-schema.ts --check  exit 1, naming the stale files, when schema/ is out of date
//
// The conversion follows the parser's reader (dist/templates/template-reader.js and templates/schema/*.js):
// - a "string" definition also accepts number, boolean and null scalars, which the reader converts to
//   strings before matching ("true", "3.5", "" for null); constants are compared after that conversion;
// - "one-of" becomes anyOf: the reader dispatches on the kind of value and takes the first match; several
//   mappings in one one-of become one mapping plus a choice by keys (see convertMappingChoice);
// - mappings without loose types reject unknown keys;
// - expression context is inherited: a definition with a non-empty "context", and everything below it,
//   accepts a string containing "${{" in place of its normal value (and as a mapping key); without
//   context such strings are rejected ("A template expression is not allowed in this context"), except
//   a lone string literal such as `${{ 'text' }}`, which the reader reads as text;
// - "allowed-values" become enums;
// - the background-step keys are left out: the reader rejects them unless an experimental flag is on.
// Expression syntax, duplicate keys and the parser's later checks (its converter) are the parser stage's job.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { PARSER_CORRECTIONS, correctDefinitionJson, recordedCorrections } from "../src/validate/parser-corrections.js";

/** The definition the parser reads a workflow file with (workflow-constants.js: WORKFLOW_ROOT). */
export const WORKFLOW_ROOT_DEFINITION = "workflow-root-strict";

/** The package the schema is derived from. */
export const PARSER_PACKAGE = "@actions/workflow-parser";
/** The workflow definition inside that package, in GitHub's template-schema format. */
export const PARSER_DEFINITION_FILE = "dist/workflow-v1.0.min.json";

/** One definition in the template-schema format (only the keys the reader understands). */
export interface TemplateDefinition {
  description?: string;
  context?: string[];
  null?: Record<string, never>;
  boolean?: Record<string, never>;
  number?: Record<string, never>;
  string?: { constant?: string; "require-non-empty"?: boolean };
  sequence?: { "item-type": string };
  mapping?: {
    properties?: Record<string, string | TemplateProperty>;
    "loose-key-type"?: string;
    "loose-value-type"?: string;
  };
  "one-of"?: string[];
  "allowed-values"?: string[];
}

/** A mapping property given in its long form. */
export interface TemplateProperty {
  type: string;
  required?: boolean;
  description?: string;
}

/** The parsed workflow definition file. */
export interface TemplateSchema {
  version: string;
  definitions: Record<string, TemplateDefinition>;
}

/** A draft-07 JSON Schema node, as far as this generator writes them. */
export interface JsonSchema {
  $schema?: string;
  $comment?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  minLength?: number;
  pattern?: string;
  not?: JsonSchema;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  required?: string[];
  definitions?: Record<string, JsonSchema>;
}

// The helper definition matching a string that holds an expression.
const EXPRESSION_DEFINITION = "expression";

// Suffix of the variant of a context-free definition read below a definition that has context.
const WITH_EXPRESSIONS_SUFFIX = ".with-expressions";

// The reader rejects these keys unless the experimental flag allowBackgroundSteps is on
// (template-reader.js: backgroundStepProperties); the schema describes the default parser.
const EXPERIMENTAL_STEP_PROPERTIES = new Set(["background", "wait", "wait-all", "cancel"]);

// The reader looks for "${{" anywhere in a string; whether the expression inside is well formed is
// left to the parser stage.
const EXPRESSION_PATTERN = "\\$\\{\\{";

// A value that is only a string literal in an expression (`${{ 'text' }}`) is read as that text, not as
// an expression (template-reader.js: parseScalar, getExpressionString).
const LITERAL_EXPRESSION_PATTERN = "^\\$\\{\\{\\s*'(?:[^']|'')*'\\s*\\}\\}$";

const DEFINITION_KINDS = ["null", "boolean", "number", "string", "sequence", "mapping", "one-of", "allowed-values"] as const;
type DefinitionKind = (typeof DEFINITION_KINDS)[number];

// Built-in definitions every template schema has (template-schema.js constructor); a file may override them.
const BUILT_IN_DEFINITIONS: Record<string, TemplateDefinition> = {
  null: { null: {} },
  boolean: { boolean: {} },
  number: { number: {} },
  string: { string: {} },
  sequence: { sequence: { "item-type": "any" } },
  mapping: { mapping: { "loose-key-type": "string", "loose-value-type": "any" } },
  any: { "one-of": ["null", "boolean", "number", "string", "sequence", "mapping"] },
};

/** Parses the definition file, failing on any key the converter does not understand. */
export function parseTemplateSchema(json: unknown): TemplateSchema {
  if (!isRecord(json) || !isRecord(json["definitions"])) {
    throw new Error("workflow definition: expected an object with `definitions`");
  }
  const definitions: Record<string, TemplateDefinition> = { ...BUILT_IN_DEFINITIONS };
  for (const [name, definition] of Object.entries(json["definitions"])) {
    if (!isRecord(definition)) throw new Error(`definition "${name}" is not an object`);
    for (const key of Object.keys(definition)) {
      if (key !== "description" && key !== "context" && !(DEFINITION_KINDS as readonly string[]).includes(key)) {
        throw new Error(`definition "${name}" has key "${key}", which this converter does not support`);
      }
    }
    kindOf(name, definition as TemplateDefinition);
    if (isRecord(definition["string"])) {
      for (const key of Object.keys(definition["string"])) {
        if (key !== "constant" && key !== "require-non-empty") {
          throw new Error(`definition "${name}" uses string option "${key}", which this converter does not support`);
        }
      }
    }
    definitions[name] = definition as TemplateDefinition;
  }
  if (EXPRESSION_DEFINITION in definitions) {
    throw new Error(`the workflow definition now has a "${EXPRESSION_DEFINITION}" definition; rename the helper`);
  }
  return { version: typeof json["version"] === "string" ? json["version"] : "", definitions };
}

/** Converts a template schema to a draft-07 JSON Schema whose root is `root`. */
export function convertTemplateSchema(template: TemplateSchema, root = WORKFLOW_ROOT_DEFINITION): JsonSchema {
  const converter = new Converter(template);
  const rootRef = converter.ref(root, false);
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $comment: `Generated by scripts/build-schema.ts from ${PARSER_PACKAGE} ${PARSER_DEFINITION_FILE}; do not edit by hand.`,
    title: "GitHub Actions workflow",
    description: template.definitions[root]?.description ?? "A GitHub Actions workflow file.",
    ...rootRef,
    definitions: converter.finish(),
  };
}

class Converter {
  private readonly output = new Map<string, JsonSchema>();
  private readonly pending: { name: string; expressionsAllowed: boolean }[] = [];

  constructor(private readonly template: TemplateSchema) {}

  /** A $ref to `name` as read below a parent where expressions are (or are not) allowed. */
  ref(name: string, parentAllowsExpressions: boolean): JsonSchema {
    const definition = this.definition(name);
    const expressionsAllowed = parentAllowsExpressions || hasContext(definition);
    const schemaName = definitionName(name, expressionsAllowed && !hasContext(definition));
    if (!this.output.has(schemaName)) {
      this.output.set(schemaName, {}); // placeholder: marks it seen, so recursive types terminate
      this.pending.push({ name, expressionsAllowed });
    }
    return { $ref: `#/definitions/${schemaName}` };
  }

  finish(): Record<string, JsonSchema> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      const schemaName = definitionName(next.name, next.expressionsAllowed && !hasContext(this.definition(next.name)));
      this.output.set(schemaName, this.convert(next.name, next.expressionsAllowed));
    }
    this.output.set(EXPRESSION_DEFINITION, {
      description: "A value holding an expression (`${{ … }}`), which is checked by the parser, not this schema.",
      type: "string",
      pattern: EXPRESSION_PATTERN,
      not: { pattern: LITERAL_EXPRESSION_PATTERN },
    });
    const sorted: Record<string, JsonSchema> = {};
    for (const name of [...this.output.keys()].sort()) sorted[name] = this.output.get(name)!;
    return sorted;
  }

  private definition(name: string): TemplateDefinition {
    const definition = this.template.definitions[name];
    if (!definition) throw new Error(`definition "${name}" is referenced but not defined`);
    return definition;
  }

  private convert(name: string, expressionsAllowed: boolean): JsonSchema {
    const definition = this.definition(name);
    const body = this.convertBody(name, definition, expressionsAllowed);
    const described: JsonSchema = definition.description ? { description: definition.description } : {};
    if (!expressionsAllowed || acceptsEveryString(body)) return { ...described, ...body };
    // Where expressions are allowed, the reader accepts one in place of any value (template-reader.js: validate)
    const expression = { $ref: `#/definitions/${EXPRESSION_DEFINITION}` };
    if (body.anyOf && Object.keys(body).length === 1) return { ...described, anyOf: [expression, ...body.anyOf] };
    return { ...described, anyOf: [expression, body] };
  }

  private convertBody(name: string, definition: TemplateDefinition, expressionsAllowed: boolean): JsonSchema {
    switch (kindOf(name, definition)) {
      case "null":
        return { type: "null" };
      case "boolean":
        return { type: "boolean" };
      case "number":
        return { type: "number" };
      case "string":
        return this.convertString(definition.string!, expressionsAllowed);
      case "allowed-values":
        return { enum: definition["allowed-values"]!.flatMap(scalarsMatchingConstant) };
      case "sequence":
        return { type: "array", items: this.ref(definition.sequence!["item-type"], expressionsAllowed) };
      case "mapping":
        return this.convertMapping(name, definition.mapping!, expressionsAllowed);
      case "one-of":
        return this.convertOneOf(name, definition["one-of"]!, expressionsAllowed);
    }
  }

  private convertString(options: NonNullable<TemplateDefinition["string"]>, expressionsAllowed: boolean): JsonSchema {
    if (options.constant) {
      const values = scalarsMatchingConstant(options.constant);
      return values.length === 1 ? { const: values[0] } : { enum: values };
    }
    // null reads as "", so it only fits a string that may be empty (null-token.js: toString)
    const schema: JsonSchema = options["require-non-empty"]
      ? { type: ["string", "number", "boolean"], minLength: 1 }
      : { type: ["string", "number", "boolean", "null"] };
    if (!expressionsAllowed) schema.not = { $ref: `#/definitions/${EXPRESSION_DEFINITION}` };
    return schema;
  }

  private convertMapping(
    name: string,
    mapping: NonNullable<TemplateDefinition["mapping"]>,
    expressionsAllowed: boolean,
  ): JsonSchema {
    const schema: JsonSchema = { type: "object" };
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [key, property] of Object.entries(mapping.properties ?? {})) {
      if (EXPERIMENTAL_STEP_PROPERTIES.has(key)) continue;
      const { type, required: isRequired, description } = typeof property === "string" ? { type: property } : property;
      properties[key] = { ...this.ref(type, expressionsAllowed), ...(description ? { description } : {}) };
      if (isRequired) required.push(key);
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    const looseKey = mapping["loose-key-type"];
    const looseValue = mapping["loose-value-type"];
    if (looseKey && looseValue) {
      this.assertKeyTypeAcceptsPropertyNames(name, looseKey, Object.keys(properties));
      schema.propertyNames = this.ref(looseKey, expressionsAllowed);
      schema.additionalProperties = this.ref(looseValue, expressionsAllowed);
    } else {
      // An expression key may stand for any properties (e.g. `${{ insert }}`); its value is read as "any"
      if (expressionsAllowed) schema.patternProperties = { [EXPRESSION_PATTERN]: {} };
      schema.additionalProperties = false;
    }
    // NOTE: the reader also skips the required check when some key is an expression; that corner (a
    // `${{ }}` key in a mapping with required keys) is left to the parser stage to keep errors readable.
    if (required.length > 0) schema.required = required;
    return schema;
  }

  private convertOneOf(name: string, members: string[], expressionsAllowed: boolean): JsonSchema {
    const satisfiable = members.filter((member) => !this.isUnsatisfiable(member));
    const mappingMembers = satisfiable.filter((member) => kindOf(member, this.definition(member)) === "mapping");
    const branches: JsonSchema[] = [];
    for (const member of satisfiable) {
      if (mappingMembers.length < 2 || !mappingMembers.includes(member)) {
        branches.push(this.ref(member, expressionsAllowed));
      } else if (member === mappingMembers[0]) {
        branches.push(this.convertMappingChoice(name, mappingMembers, expressionsAllowed));
      }
    }
    if (branches.length === 0) throw new Error(`one-of "${name}" has no satisfiable member`);
    return branches.length === 1 ? branches[0]! : { anyOf: branches };
  }

  // Several mappings in one one-of (a job: runs-on or uses; a step: run, uses or parallel). The reader
  // keeps the mappings that know every key and fails unless exactly one is left, then checks that one's
  // required keys (template-reader.js: handleMappingWithWellKnownProperties). As JSON Schema: one mapping
  // with the union of the properties (one-of-definition.js guarantees a shared key has one type), plus an
  // anyOf over which mapping the keys pick. Every failing choice then fails at this level, so its errors
  // can be compared, and an unknown key is reported once.
  private convertMappingChoice(name: string, members: string[], expressionsAllowed: boolean): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    for (const member of members) {
      const mapping = this.definition(member).mapping!;
      if (mapping["loose-key-type"]) throw new Error(`one-of "${name}" mixes mappings with loose keys, which the reader rejects`);
      for (const [key, property] of Object.entries(mapping.properties ?? {})) {
        if (EXPERIMENTAL_STEP_PROPERTIES.has(key) || key in properties) continue;
        const { type, description } = typeof property === "string" ? { type: property, description: undefined } : property;
        properties[key] = { ...this.ref(type, expressionsAllowed), ...(description ? { description } : {}) };
      }
    }
    const expressionKey: JsonSchema = { $ref: `#/definitions/${EXPRESSION_DEFINITION}` };
    const keysOf = (member: string): JsonSchema => {
      const names: JsonSchema = { enum: this.propertyKeys(member) };
      // the reader does not use an expression key to pick a mapping
      return expressionsAllowed ? { anyOf: [names, expressionKey] } : names;
    };
    const choices = members.map((member) => {
      const required = this.requiredKeys(member);
      const choice: JsonSchema = { propertyNames: keysOf(member) };
      if (required.length > 0) choice.required = required;
      // when another mapping also knows all of this one's required keys, the same keys could pick both
      const ambiguousWith = members.filter(
        (other) => other !== member && required.every((key) => this.propertyKeys(other).includes(key)),
      );
      if (ambiguousWith.length > 0) choice.not = { anyOf: ambiguousWith.map((other) => ({ propertyNames: keysOf(other) })) };
      return choice;
    });
    const schema: JsonSchema = { type: "object", properties };
    if (expressionsAllowed) schema.patternProperties = { [EXPRESSION_PATTERN]: {} };
    schema.additionalProperties = false;
    schema.anyOf = choices;
    return schema;
  }

  /** A mapping whose required key is an experimental one can never match with the flag off. */
  private isUnsatisfiable(name: string): boolean {
    const properties = this.definition(name).mapping?.properties ?? {};
    return Object.entries(properties).some(
      ([key, property]) => EXPERIMENTAL_STEP_PROPERTIES.has(key) && typeof property !== "string" && property.required,
    );
  }

  private propertyKeys(name: string): string[] {
    return Object.keys(this.definition(name).mapping?.properties ?? {}).filter((key) => !EXPERIMENTAL_STEP_PROPERTIES.has(key));
  }

  private requiredKeys(name: string): string[] {
    return Object.entries(this.definition(name).mapping?.properties ?? {})
      .filter(([key, property]) => !EXPERIMENTAL_STEP_PROPERTIES.has(key) && typeof property !== "string" && property.required)
      .map(([key]) => key);
  }

  // The reader never checks a well-known key against the loose key type; JSON Schema's propertyNames
  // checks every key, which is only the same when the key type accepts all the well-known names.
  private assertKeyTypeAcceptsPropertyNames(name: string, keyType: string, propertyNames: string[]): void {
    const key = this.definition(keyType);
    const acceptsNonEmptyNames = kindOf(keyType, key) === "string" && !key.string?.constant;
    if (!acceptsNonEmptyNames && propertyNames.length > 0) {
      throw new Error(`mapping "${name}" mixes properties with loose key type "${keyType}"; extend the converter`);
    }
  }
}

// A definition without context of its own is generated twice when it is also read below one that has it.
function definitionName(name: string, inheritsExpressions: boolean): string {
  return inheritsExpressions ? `${name}${WITH_EXPRESSIONS_SUFFIX}` : name;
}

function kindOf(name: string, definition: TemplateDefinition): DefinitionKind {
  const kinds = DEFINITION_KINDS.filter((kind) => definition[kind] !== undefined);
  if (kinds.length !== 1) throw new Error(`definition "${name}" must have exactly one kind, has ${kinds.join(", ") || "none"}`);
  return kinds[0]!;
}

function hasContext(definition: TemplateDefinition): boolean {
  return (definition.context?.length ?? 0) > 0;
}

function acceptsEveryString(schema: JsonSchema): boolean {
  return Array.isArray(schema.type) && schema.type.includes("string") && schema.minLength === undefined && !schema.not;
}

// Scalars the reader accepts for a string constant: the string itself, and the YAML boolean or number
// whose string form equals it (boolean-token.js, number-token.js: toString).
function scalarsMatchingConstant(constant: string): (string | number | boolean)[] {
  const values: (string | number | boolean)[] = [constant];
  if (constant === "true" || constant === "false") values.push(constant === "true");
  const asNumber = Number(constant);
  if (constant.trim() !== "" && Number.isFinite(asNumber) && `${asNumber}` === constant) values.push(asNumber);
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Descriptions do not change validation; leaving them out keeps the generated code small. A property
// named "description" maps to a schema object, so only string values are annotations.
function withoutAnnotations(schema: JsonSchema): JsonSchema {
  const annotations = new Set(["description", "$comment", "title"]);
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) => (annotations.has(key) && typeof value === "string" ? undefined : value)),
  ) as JsonSchema;
}

/** Compiles the schema to one self-contained ESM module (ajv standalone code with its runtime helpers bundled). */
export async function compileStandaloneValidator(schema: JsonSchema, packageRoot: string): Promise<string> {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    // the parser reads YAML's .inf and .nan as numbers
    strictNumbers: false,
    // a mapping choice lists required keys beside `propertyNames`, not beside `properties`
    strictRequired: false,
    // errors carry the failing subschema (parentSchema): src/validate/schema.ts groups anyOf branches by it
    // and reads the allowed keys from it; its own messages replace ajv's, so those are left out
    verbose: true,
    messages: false,
    code: { source: true, esm: true },
  });
  const validate = ajv.compile(withoutAnnotations(schema));
  // a CommonJS module: Node's default import is module.exports, which also carries `.default`
  const entry = standalone.default(ajv, validate);
  // ajv's standalone code may require() runtime helpers (e.g. ucs2length); bundling inlines them so the
  // module loads in plain Node ESM with no ajv import at run time
  const bundled = await build({
    stdin: { contents: entry, resolveDir: packageRoot, sourcefile: "validate-workflow.js", loader: "js" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["main"],
    write: false,
    metafile: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const external = Object.values(bundled.metafile.outputs).flatMap((output) => output.imports);
  if (external.length > 0) {
    throw new Error(`the bundled validator still imports ${external.map((entry) => entry.path).join(", ")}`);
  }
  const code = bundled.outputFiles[0]!.text;
  return `// Generated by scripts/build-schema.ts from ${PARSER_PACKAGE} ${PARSER_DEFINITION_FILE}; do not edit by hand. Run "npm run schema".\n${code}`;
}

const VALIDATOR_TYPES = `// Generated by scripts/build-schema.ts; do not edit by hand. Run "npm run schema".
import type { ErrorObject } from "ajv";

/** Validates a workflow against schema/workflow.schema.json; on failure \`errors\` holds every ajv error, verbose. */
export interface WorkflowValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The precompiled workflow validator (allErrors, verbose: errors carry \`data\` and \`parentSchema\`; no messages). */
export declare const validate: WorkflowValidateFunction;
export default validate;
`;

/** What the generated files are derived from. */
export interface SchemaSource {
  version: string;
  definitionJson: string;
  /** sha256 of the definition file's bytes, as recorded in provenance.json. */
  definitionSha256: string;
}

/** Builds every file under schema/ from the parser's definition file; pure apart from esbuild's resolution. */
export async function buildSchemaOutputs(source: SchemaSource, packageRoot: string): Promise<Map<string, string>> {
  // the pinned definition's known mistakes, corrected as the parser layer corrects them
  const template = parseTemplateSchema(correctDefinitionJson(JSON.parse(source.definitionJson)));
  const schema = convertTemplateSchema(template);
  const schemaText = `${JSON.stringify(schema, null, 2)}\n`;
  const validatorText = await compileStandaloneValidator(schema, packageRoot);
  const outputs = new Map<string, string>([
    ["schema/workflow.schema.json", schemaText],
    ["schema/validate-workflow.js", validatorText],
    ["schema/validate-workflow.d.ts", VALIDATOR_TYPES],
  ]);
  const definitionSha256 = source.definitionSha256;
  const outputHashes: Record<string, string> = {};
  for (const [file, text] of outputs) outputHashes[path.posix.basename(file)] = sha256(text);
  const provenance = {
    source: PARSER_PACKAGE,
    version: source.version,
    file: PARSER_DEFINITION_FILE,
    sha256: definitionSha256,
    corrections: recordedCorrections(),
    generator: "scripts/build-schema.ts",
    outputs: outputHashes,
  };
  outputs.set("schema/provenance.json", `${JSON.stringify(provenance, null, 2)}\n`);
  outputs.set("schema/PROVENANCE.md", provenanceMarkdown(source.version, definitionSha256, outputHashes));
  return outputs;
}

function provenanceMarkdown(version: string, definitionSha256: string, outputHashes: Record<string, string>): string {
  const rows = Object.entries(outputHashes).map(([file, hash]) => `| \`${file}\` | \`${hash}\` |`);
  return `# Provenance of schema/

Everything in this folder is generated. **Do not edit these files by hand**: \`npm run check\` reports a
hand edit (the file's sha256 no longer matches \`provenance.json\`), and the next regeneration overwrites it.

## Source

| | |
|---|---|
| Package | \`${PARSER_PACKAGE}\` ${version} (the version installed from \`package-lock.json\`) |
| File | \`node_modules/${PARSER_PACKAGE}/${PARSER_DEFINITION_FILE}\` (GitHub's own workflow definition, "template schema" format) |
| sha256 | \`${definitionSha256}\` |
| Root definition | \`${WORKFLOW_ROOT_DEFINITION}\` (what the parser reads a workflow file with) |
| Generator | \`scripts/build-schema.ts\` |

## Corrections

Where the pinned definition disagrees with what GitHub runs, the schema is generated from the
corrected definition, as the parser layer corrects it (\`src/validate/parser-corrections.ts\`; the
evidence for each is in [\`docs/parser-disagreements.md\`](../docs/parser-disagreements.md)):

${PARSER_CORRECTIONS.map(({ definition, pinned, corrected }) => `- \`${definition}\`: constant \`${pinned}\` → \`${corrected}\``).join("\n")}

## Outputs

| File | sha256 |
|---|---|
${rows.join("\n")}

- \`workflow.schema.json\`: draft-07 JSON Schema with GitHub's descriptions, for editors and other tools.
- \`validate-workflow.js\`: ajv standalone validation code for that schema, bundled with its ajv runtime
  helpers into one ES module with no imports, so nothing is compiled at run time. \`validate-workflow.d.ts\` types it.
- \`provenance.json\`: the hashes above, for a freshness check that does not regenerate anything.

## Regenerate

After upgrading \`${PARSER_PACKAGE}\` (or changing the generator), run:

\`\`\`sh
npx tsx scripts/build-schema.ts          # npm run schema
npx tsx scripts/build-schema.ts --check  # exit 1 when a file here is stale or edited
\`\`\`
`;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Reads the installed parser's definition file and version, resolving the package from `packageRoot`. */
export async function readSchemaSource(packageRoot: string): Promise<SchemaSource> {
  const packageDir = await findPackageDir(packageRoot, PARSER_PACKAGE);
  const packageJson = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const definitionBytes = await readFile(path.join(packageDir, PARSER_DEFINITION_FILE));
  return {
    version: packageJson.version,
    definitionJson: definitionBytes.toString("utf8"),
    definitionSha256: createHash("sha256").update(definitionBytes).digest("hex"),
  };
}

/** The installed folder of `name` as Node would find it from `packageRoot` (its exports map hides the JSON file). */
export async function findPackageDir(packageRoot: string, name: string): Promise<string> {
  const lookupDirs = createRequire(path.join(packageRoot, "package.json")).resolve.paths(name) ?? [];
  for (const dir of lookupDirs) {
    const candidate = path.join(dir, name);
    if (await readFile(path.join(candidate, "package.json"), "utf8").then(() => true, () => false)) return candidate;
  }
  throw new Error(`${name} is not installed below ${packageRoot}`);
}

/** Files whose committed bytes differ from what the generator would write (missing ones included). */
export async function findStaleOutputs(outputs: Map<string, string>, packageRoot: string): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, text] of outputs) {
    const current = await readFile(path.join(packageRoot, file), "utf8").catch(() => undefined);
    if (current !== text) stale.push(file);
  }
  return stale;
}

async function main(argv: readonly string[]): Promise<number> {
  const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const outputs = await buildSchemaOutputs(await readSchemaSource(packageRoot), packageRoot);
  const stale = await findStaleOutputs(outputs, packageRoot);
  if (argv.includes("--check")) {
    for (const file of stale) console.error(`${file} is stale: run "npm run schema" (npx tsx scripts/build-schema.ts)`);
    return stale.length > 0 ? 1 : 0;
  }
  await mkdir(path.join(packageRoot, "schema"), { recursive: true });
  for (const file of stale) {
    // through a temporary file, so a reader never sees half a validator
    const target = path.join(packageRoot, file);
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, outputs.get(file)!, "utf8");
    await rename(temporary, target);
  }
  console.log(stale.length > 0 ? `wrote ${stale.join(", ")}` : "schema/ is up to date");
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
