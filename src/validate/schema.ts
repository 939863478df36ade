import type { ErrorObject } from "ajv";
import { validate } from "../../schema/validate-workflow.js";
import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";

/**
 * Validates a workflow (plain JSON data, as emitted or as parsed from YAML) against the JSON Schema
 * derived from GitHub's own workflow definition, and explains each failure in workflow terms.
 */
export function validateSchema(workflow: unknown, file: string): Diagnostic[] {
  if (validate(workflow)) return [];
  return explainSchemaErrors((validate.errors ?? []) as SchemaError[], workflow, file);
}

/** An ajv error from the verbose standalone validator (it carries the failing subschema and value). */
type SchemaError = ErrorObject & { parentSchema?: SchemaNode; data?: unknown };

interface SchemaNode {
  type?: string | string[];
  pattern?: string;
  anyOf?: unknown[];
  properties?: Record<string, unknown>;
  propertyNames?: { enum?: unknown[]; anyOf?: { enum?: unknown[] }[] };
  required?: string[];
  not?: { $ref?: string };
}

// Must match EXPRESSION_PATTERN in scripts/build-schema.ts: the helper that accepts `${{ … }}` strings.
const EXPRESSION_PATTERN = "\\$\\{\\{";
const EXPRESSION_REF = "#/definitions/expression";

// Keys the parser only accepts with its experimental allowBackgroundSteps flag.
const EXPERIMENTAL_STEP_KEYS = new Set(["background", "wait", "wait-all", "cancel"]);

// Enough to show every real problem at one place without repeating it in other words.
const MAX_DIAGNOSTICS_PER_PATH = 3;

/** One place in the workflow: its JSON pointer, decoded path and value. */
interface Location {
  pointer: string;
  path: WorkflowPath;
  value: unknown;
}

function explainSchemaErrors(rawErrors: readonly SchemaError[], workflow: unknown, file: string): Diagnostic[] {
  const locations = new Map<string, Location>();
  const locate = (pointer: string): Location => {
    let location = locations.get(pointer);
    if (!location) {
      location = resolvePointer(workflow, pointer);
      locations.set(pointer, location);
    }
    return location;
  };

  // anyOf/if only summarize their branches; the expression alternative fails whenever the value is not
  // an expression, which says nothing, but tells us that an expression would have been accepted
  const expressionAllowedAt = new Set<string>();
  let errors = rawErrors.filter((error) => {
    if (isExpressionAlternative(error)) {
      expressionAllowedAt.add(error.instancePath);
      return false;
    }
    return error.keyword !== "anyOf" && error.keyword !== "if";
  });
  // errors about a mapping's keys (propertyNames) are reported at the mapping with the key as their data;
  // the propertyNames error names the key, so the inner ones are dropped
  errors = errors.filter((error) => error.keyword === "propertyNames" || isAboutValue(error, locate));

  const diagnostics: Diagnostic[] = [];
  const pointers = [...new Set(errors.map((error) => error.instancePath))].sort(byDepth);
  for (const pointer of pointers) {
    const here = errors.filter((error) => error.instancePath === pointer);
    if (here.length === 0) continue;
    const location = locate(pointer);
    const hasDeeper = errors.some((error) => isBelow(error.instancePath, pointer));
    const context: ExplainContext = {
      file,
      location,
      where: describePath(location.path),
      expressionAllowed: expressionAllowedAt.has(pointer),
      alternatives: [],
    };

    const mismatches = here.filter((error) => isKindMismatch(error, location.value));
    const specific = here.filter((error) => !mismatches.includes(error));
    // a branch that accepted the kind of value failed on something more specific: the other kinds are noise
    if (specific.length === 0 && !hasDeeper) {
      diagnostics.push(explainKindMismatch(mismatches, context));
      continue;
    }
    const chosen = chooseBranch(specific);
    context.alternatives = [...new Set(specific.map((error) => error.parentSchema))].filter((schema) => schema !== undefined);
    diagnostics.push(...explainBranch(chosen.errors, chosen.tiedRequired, context));
    // a key the chosen branch does not know is reported once, here; what other branches found inside it is not
    const unknownKeys = chosen.errors.filter(isUnknownKeyError).map(unknownKeyOf);
    if (unknownKeys.length > 0) {
      errors = errors.filter((error) => !unknownKeys.some((key) => isAtOrBelow(error.instancePath, `${pointer}/${escapePointer(key)}`)));
    }
  }
  return limitPerPath(diagnostics);
}

interface ExplainContext {
  file: string;
  location: Location;
  where: string;
  expressionAllowed: boolean;
  /** The subschemas of every branch that failed here, to say which kind of mapping a key belongs to. */
  alternatives: SchemaNode[];
}

/** Errors of one anyOf branch: they share the subschema that failed. */
interface Branch {
  errors: SchemaError[];
  /** Several branches that each only miss their own required key: the value fits none yet. */
  tiedRequired: SchemaError[];
}

// Picks the branch that got furthest: the fewest errors at this place. Value mismatches (const/enum) are
// merged into one pseudo-branch so "not one of" lists every allowed value. Errors of the schema that
// holds the anyOf (a mapping choice's unknown keys) are not alternatives: they always stay.
function chooseBranch(errors: SchemaError[]): Branch {
  const unconditional = errors.filter((error) => error.parentSchema?.anyOf !== undefined);
  const groups: SchemaError[][] = [];
  const constants = errors.filter((error) => error.keyword === "const" || error.keyword === "enum");
  if (constants.length > 0) groups.push(constants);
  const bySchema = new Map<unknown, SchemaError[]>();
  for (const error of errors) {
    if (constants.includes(error) || unconditional.includes(error)) continue;
    const group = bySchema.get(error.parentSchema) ?? [];
    if (group.length === 0) bySchema.set(error.parentSchema, group);
    group.push(error);
  }
  groups.push(...bySchema.values());
  // keys that no branch knows cost every branch the same; leave them out of the score
  const unknownEverywhere = new Set(unconditional.filter(isUnknownKeyError).map(unknownKeyOf));
  const counted = (group: SchemaError[]): SchemaError[] =>
    group.filter((error) => !(error.keyword === "propertyNames" && unknownEverywhere.has(keyOfPropertyNames(error))));
  const best = Math.min(...groups.map((group) => counted(group).length));
  const tied = groups.filter((group) => counted(group).length === best);
  const onlyRequired = tied.length > 1 && tied.every((group) => counted(group).every((error) => error.keyword === "required"));
  return {
    errors: [...unconditional, ...(tied[0] ?? [])],
    tiedRequired: onlyRequired ? tied.flatMap((group) => group.filter((error) => error.keyword === "required")) : [],
  };
}

function explainBranch(errors: SchemaError[], tiedRequired: SchemaError[], context: ExplainContext): Diagnostic[] {
  const { where, location } = context;
  const diagnostics: Diagnostic[] = [];
  if (tiedRequired.length > 0) {
    const keys = [...new Set(tiedRequired.map((error) => String(error.params["missingProperty"])))];
    diagnostics.push(diagnostic(context, location.path, `${where} needs one of the keys ${listWords(keys.map(quote), "or")}`));
  }
  const constants = errors.filter((error) => error.keyword === "const" || error.keyword === "enum");
  if (constants.length > 0) diagnostics.push(explainNotAllowedValue(constants, context));

  const suggestedKeys = new Set<string>();
  const unknownKeys = new Set<string>();
  for (const error of errors) {
    if (!isUnknownKeyError(error)) continue;
    const key = unknownKeyOf(error);
    unknownKeys.add(key);
    const known = Object.keys(error.parentSchema?.properties ?? {});
    const suggestion = closestMatch(key, known);
    if (suggestion) suggestedKeys.add(suggestion);
    diagnostics.push(
      diagnostic(context, [...location.path, key], `${where} has unknown key ${quote(key)}`, unknownKeyHint(key, suggestion, known)),
    );
  }
  for (const error of errors) {
    switch (error.keyword) {
      case "required": {
        const missing = String(error.params["missingProperty"]);
        // `run-on` reported as unknown with "did you mean runs-on" already says that runs-on is missing
        if (!suggestedKeys.has(missing) && tiedRequired.length === 0) {
          diagnostics.push(diagnostic(context, location.path, `${where} is missing required key ${quote(missing)}`));
        }
        break;
      }
      case "propertyNames":
        // a key no mapping knows is already reported as unknown
        if (!unknownKeys.has(keyOfPropertyNames(error))) diagnostics.push(explainBadKey(error, context));
        break;
      case "minLength":
        diagnostics.push(diagnostic(context, location.path, `${where} must not be empty`));
        break;
      case "not":
        if (!isExpressionBan(error)) {
          diagnostics.push(diagnostic(context, location.path, `${where} is not valid here (${error.keyword})`));
          break;
        }
        diagnostics.push(
          diagnostic(
            context,
            location.path,
            `${where} cannot be an expression: ${describeValue(location.value)}`,
            "GitHub does not evaluate ${{ }} in this place; write the value itself",
          ),
        );
        break;
      case "additionalProperties":
      case "const":
      case "enum":
        break;
      default:
        diagnostics.push(diagnostic(context, location.path, `${where} is not valid here (${error.keyword})`));
    }
  }
  return diagnostics;
}

// A key that is not allowed where the mapping is: empty, an expression, or one that belongs to another
// kind of mapping (a step with "run" given "with").
function explainBadKey(error: SchemaError, context: ExplainContext): Diagnostic {
  const key = keyOfPropertyNames(error);
  const path = [...context.location.path, key];
  if (key === "") return diagnostic(context, path, `${context.where} has an empty key`);
  if (key.includes("${{")) {
    return diagnostic(context, path, `${context.where} has key ${quote(key)}, but a key cannot be an expression here`);
  }
  const chosenKeys = allowedKeysOf(error.parentSchema);
  const present = Object.keys(asRecord(context.location.value)).filter((name) => chosenKeys.includes(name));
  const anchor = (error.parentSchema?.required ?? []).find((name) => present.includes(name)) ?? present[0];
  return diagnostic(
    context,
    path,
    anchor
      ? `${context.where} has key ${quote(key)}, which cannot be used together with ${quote(anchor)}`
      : `${context.where} has key ${quote(key)}, which is not allowed here`,
    keyHomeHint(key, context.alternatives),
  );
}

// Names the kind of mapping a misplaced key belongs to: "with" goes with "uses".
function keyHomeHint(key: string, alternatives: SchemaNode[]): string | undefined {
  const home = alternatives.find((schema) => allowedKeysOf(schema).includes(key) && (schema.required?.length ?? 0) > 0);
  if (!home?.required) return undefined;
  if (home.required.includes(key)) return "keep only one of them";
  return `${quote(key)} goes with ${listWords(home.required.map(quote), "and")}`;
}

function explainNotAllowedValue(errors: SchemaError[], context: ExplainContext): Diagnostic {
  const allowed = allowedValuesOf(errors);
  const value = context.location.value;
  const suggestion = typeof value === "string" ? closestMatch(value, allowed.filter(isString)) : undefined;
  const options = context.expressionAllowed ? [...allowed.map(describeConstant), "an expression"] : allowed.map(describeConstant);
  return diagnostic(
    context,
    context.location.path,
    `${context.where} is ${describeValue(value)}, which is not one of ${summarizeList(options)}`,
    suggestion ? `did you mean ${quote(suggestion)}?` : undefined,
  );
}

// Every branch expected another kind of value (a mapping where a string is, …): one message listing them.
function explainKindMismatch(errors: SchemaError[], context: ExplainContext): Diagnostic {
  const kinds: string[] = [];
  for (const error of errors) {
    if (error.keyword !== "type") continue;
    const types = String(error.params["type"]).split(",");
    // a string definition also takes numbers, booleans and null (the parser converts them): call it a string
    const shown = types.includes("string") ? ["string"] : types;
    for (const type of shown) {
      const word = describeType(type);
      if (!kinds.includes(word)) kinds.push(word);
    }
  }
  const constants = allowedValuesOf(errors.filter((error) => error.keyword === "const" || error.keyword === "enum"));
  const expected = [...constants.map(describeConstant), ...kinds];
  if (context.expressionAllowed) expected.push("an expression");
  const options = constants.length > 6 ? [`one of ${summarizeList(constants.map(describeConstant))}`, ...expected.slice(constants.length)] : expected;
  return diagnostic(
    context,
    context.location.path,
    `${context.where} must be ${listWords(options, "or")}, got ${describeValue(context.location.value)}`,
  );
}

function unknownKeyHint(key: string, suggestion: string | undefined, known: string[]): string | undefined {
  if (EXPERIMENTAL_STEP_KEYS.has(key)) {
    return `${quote(key)} is part of GitHub's experimental background steps, which the workflow parser rejects by default`;
  }
  if (suggestion) return `did you mean ${quote(suggestion)}?`;
  if (known.length > 0 && known.length <= 12) return `use one of ${listWords(known.map(quote), "or")}`;
  return undefined;
}

function diagnostic(context: ExplainContext, path: WorkflowPath, message: string, hint?: string): Diagnostic {
  return { rule: "schema", severity: "error", message, ...(hint ? { hint } : {}), file: context.file, path };
}

// Drops repeats, and keeps the first few diagnostics of each path.
function limitPerPath(diagnostics: Diagnostic[]): Diagnostic[] {
  const messagesByPath = new Map<string, string[]>();
  return diagnostics.filter((found) => {
    const key = JSON.stringify(found.path);
    const messages = messagesByPath.get(key) ?? [];
    messagesByPath.set(key, messages);
    if (messages.includes(found.message) || messages.length >= MAX_DIAGNOSTICS_PER_PATH) return false;
    messages.push(found.message);
    return true;
  });
}

// --- reading ajv errors ---------------------------------------------------------------------------

// A definition without expression context forbids `${{ }}` with `not: { $ref: expression }`.
function isExpressionBan(error: SchemaError): boolean {
  return error.keyword === "not" && error.parentSchema?.not?.$ref === EXPRESSION_REF;
}

function isExpressionAlternative(error: SchemaError): boolean {
  const parent = error.parentSchema;
  return parent?.pattern === EXPRESSION_PATTERN && parent.type === "string";
}

// ajv reports a key's own errors at the mapping's path with the key as data; `data` is then not the
// value found at that path (the mapping itself)
function isAboutValue(error: SchemaError, locate: (pointer: string) => Location): boolean {
  if (!("data" in error)) return true;
  const value = locate(error.instancePath).value;
  return error.data === value || (typeof value !== "object" && Object.is(error.data, value));
}

// A type error, or a constant of another kind of value (a string constant for a mapping): such a branch
// never looked inside the value.
function isKindMismatch(error: SchemaError, value: unknown): boolean {
  if (error.keyword === "type") return true;
  if (error.keyword !== "const" && error.keyword !== "enum") return false;
  return !allowedValuesOf([error]).some((allowed) => jsonKind(allowed) === jsonKind(value));
}

function isUnknownKeyError(error: SchemaError): boolean {
  return error.keyword === "additionalProperties";
}

function unknownKeyOf(error: SchemaError): string {
  return String(error.params["additionalProperty"]);
}

function keyOfPropertyNames(error: SchemaError): string {
  return String(error.params["propertyName"]);
}

function allowedKeysOf(schema: SchemaNode | undefined): string[] {
  const names = schema?.propertyNames;
  const listed = names?.enum ?? names?.anyOf?.flatMap((branch) => branch.enum ?? []) ?? [];
  return listed.filter(isString);
}

function allowedValuesOf(errors: SchemaError[]): unknown[] {
  const values: unknown[] = [];
  for (const error of errors) {
    const listed = error.keyword === "const" ? [error.params["allowedValue"]] : (error.params["allowedValues"] as unknown[]);
    for (const value of listed ?? []) if (!values.some((seen) => Object.is(seen, value))) values.push(value);
  }
  // "true" and true are one constant to the parser; show the string form only
  return values.filter((value) => isString(value) || !values.includes(String(value)));
}

// --- paths and words --------------------------------------------------------------------------------

function resolvePointer(root: unknown, pointer: string): Location {
  const path: WorkflowPath = [];
  let value = root;
  for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(value)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = asRecord(value)[segment];
    }
  }
  return { pointer, path, value };
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function isBelow(pointer: string, ancestor: string): boolean {
  return pointer.startsWith(`${ancestor}/`);
}

function isAtOrBelow(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || isBelow(pointer, ancestor);
}

function byDepth(a: string, b: string): number {
  return a.split("/").length - b.split("/").length;
}

/** `jobs.test.steps[0].with`, the way workflow docs name a place; the root is "the workflow". */
function describePath(path: WorkflowPath): string {
  if (path.length === 0) return "the workflow";
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return quote(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "a sequence";
  if (typeof value === "object") return "a mapping";
  return String(value);
}

function describeConstant(value: unknown): string {
  return typeof value === "string" ? quote(value) : String(value);
}

function describeType(type: string): string {
  const words: Record<string, string> = {
    object: "a mapping",
    array: "a sequence",
    string: "a string",
    number: "a number",
    integer: "a number",
    boolean: "a boolean",
    null: "null",
  };
  return words[type] ?? type;
}

function jsonKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function quote(text: string): string {
  return JSON.stringify(text);
}

function listWords(words: string[], conjunction: "and" | "or"): string {
  if (words.length <= 1) return words[0] ?? "";
  return `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

// Long lists (38 event names) are cut to their first few entries.
function summarizeList(words: string[]): string {
  if (words.length <= 8) return listWords(words, "or");
  return `${words.slice(0, 6).join(", ")}, … (${words.length} values)`;
}

/** The candidate closest to `input` by edit distance, when close enough to be a likely typo. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === input.toLowerCase() ? 0 : editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
  return best !== undefined && best !== input && bestDistance <= limit ? best : undefined;
}

// Levenshtein distance with adjacent transpositions counted as one edit ("nedes" → "needs").
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
