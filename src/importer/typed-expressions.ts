// Which `${{ }}` expressions of an imported workflow can be written with trunkline's typed
// contexts, and how. Only what the types are known to accept is converted: a property path of a
// context whose shape is known at that place. Everything else stays a string, which `gen` checks.

import { EXPRESSION, isRendered } from "../expressions/_expression.js";
import { findExpressions, tokenize } from "../rules/_expressions.js";
import { contextOf } from "../expressions/_context.js";
import { operandBody } from "../expressions/_literal.js";
import { always, and, cancelled, contains, endsWith, eq, failure, format, fromJSON, hashFiles, join, ne, not, or, startsWith, success, toJSON } from "../expressions/functions.js";

/**
 * What a typed context is known to hold: a value expr`…` can write, or named properties. A record
 * (`github.event.inputs`) is not known: under `noUncheckedIndexedAccess` a read of it may be undefined.
 */
export type KnownShape = "value" | { readonly [property: string]: KnownShape };

/** The contexts the importer writes typed, by the name GitHub gives them. */
export type TypedContextName = "github" | "runner" | "inputs" | "matrix" | "needs" | "steps" | "strategy" | "job";

/** The functions GitHub allows only at some keys (the definition lists them beside the contexts). */
export type SpecialFunction = "always" | "success" | "failure" | "cancelled" | "hashFiles";

/** What is known at one place of a workflow: the contexts GitHub allows there and the shape of each. */
export type TypedScope = Partial<Record<TypedContextName, KnownShape>>;

/** What else a place allows, and how its source names the contexts. */
export interface TypedPlaceOptions {
  /** The special functions GitHub allows there; none when left out. */
  functions?: ReadonlySet<SpecialFunction>;
  /** The TypeScript that reads a context, where it is not the context's own name (`built.steps`). */
  names?: Partial<Record<TypedContextName, string>>;
}

/** A string written as TypeScript that renders it exactly, and what it reads and calls. */
export interface TypedString {
  code: string;
  contexts: Set<TypedContextName>;
  /** The expression helpers it calls (`format`, `eq`…), to import. */
  functions: Set<string>;
  /** Whether the code is an expr`…` template (and `expr` must be imported). */
  template: boolean;
  /** How many `${{ }}` expressions it holds. */
  expressions: number;
  /** How many of them read `steps.<id>.outputs.<name>`. */
  stepOutputs: number;
}
// The `github` context's properties as src/expressions/github.ts types them (the global `github`,
// whose `event` holds every documented payload's fields). Keep the two in step.
const USER: KnownShape = { login: "value", id: "value", type: "value" };
const REPOSITORY: KnownShape = { id: "value", name: "value", full_name: "value", owner: USER, private: "value", html_url: "value", default_branch: "value", fork: "value" };
const GIT_REF: KnownShape = { ref: "value", sha: "value", label: "value", repo: REPOSITORY };
const COMMIT: KnownShape = { id: "value", message: "value", timestamp: "value", url: "value", author: { name: "value", email: "value", username: "value" } };
const PULL_REQUEST: KnownShape = {
  number: "value", title: "value", body: "value", state: "value", draft: "value", merged: "value", html_url: "value", user: USER, head: GIT_REF, base: GIT_REF,
};
const RELEASE: KnownShape = { id: "value", tag_name: "value", name: "value", body: "value", draft: "value", prerelease: "value", html_url: "value", target_commitish: "value" };
const EVENT: KnownShape = {
  action: "value", sender: USER, repository: REPOSITORY, number: "value", pull_request: PULL_REQUEST,
  ref: "value", before: "value", after: "value", created: "value", deleted: "value", forced: "value", compare: "value", head_commit: COMMIT, pusher: { name: "value", email: "value" },
  workflow: "value", release: RELEASE,
};
const GITHUB_VALUES = [
  "action", "action_path", "action_ref", "action_repository", "actor", "actor_id", "api_url", "base_ref", "env", "event_name", "event_path", "graphql_url",
  "head_ref", "job", "path", "ref", "ref_name", "ref_protected", "ref_type", "repository", "repository_id", "repository_owner", "repository_owner_id",
  "repositoryUrl", "retention_days", "run_attempt", "run_id", "run_number", "secret_source", "server_url", "sha", "token", "triggering_actor", "workflow",
  "workflow_ref", "workflow_sha", "workspace",
];
/** The `github` context's known shape. */
export const GITHUB_SHAPE: KnownShape = { ...Object.fromEntries(GITHUB_VALUES.map((name) => [name, "value"])), event: EVENT };
/** The `runner` context's known shape (src/expressions/contexts.ts). */
export const RUNNER_SHAPE: KnownShape = Object.fromEntries(["name", "os", "arch", "temp", "tool_cache", "debug", "environment"].map((name) => [name, "value"]));
/** The `strategy` context's known shape (src/expressions/contexts.ts). */
export const STRATEGY_SHAPE: KnownShape = Object.fromEntries(["fail-fast", "job-index", "job-total", "max-parallel"].map((name) => [name, "value"]));
/** The `job` context's known shape; its `services` is a record of the author's ids, not known. */
export const JOB_SHAPE: KnownShape = { status: "value", check_run_id: "value", container: { id: "value", network: "value" } };

// How a source reads each context: `job` is exported as `jobContext`, beside the `job()` builder.
const SOURCE_NAMES: Record<TypedContextName, string> = { github: "github", runner: "runner", inputs: "inputs", matrix: "matrix", needs: "needs", steps: "steps", strategy: "strategy", job: "jobContext" };

// A name GitHub's grammar and trunkline's renderer both write as `.name` (propertyAccess in
// src/expressions/_context.ts), so the typed form renders the text exactly as it was.
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = new Set(["true", "false", "null", "NaN", "Infinity"]);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// A number the helpers render as it was written: decimal digits, with a fraction or without.
const DECIMAL = /^\d+(?:\.\d+)?$/;
// Properties an object already has in JavaScript: reading one from a typed context returns the
// object's own member, not a context property.
const OWN = new Set(["toString", "toJSON", "valueOf", "then", "constructor", "inspect", "__proto__", "hasOwnProperty"]);

/**
 * The typed TypeScript for `text`, or undefined when any expression in it has no typed form in
 * `scope` (the string is then written as it is). A whole-string expression becomes the typed
 * expression itself (`matrix.os`, `eq(github.ref, "refs/heads/main")`); text with expressions in it
 * becomes expr`…`. Each expression is rebuilt with trunkline's own helpers and kept only when they
 * render exactly the text it had.
 */
export function typedString(text: string, scope: TypedScope, options: TypedPlaceOptions = {}): TypedString | undefined {
  const expressions = findExpressions(text);
  if (expressions.length === 0) return undefined;
  // control characters other than newlines and tabs are invisible in a template literal
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return undefined;
  const contexts = new Set<TypedContextName>();
  const functions = new Set<string>();
  const codes: string[] = [];
  let stepOutputs = 0;
  const whole = expressions.length === 1 && expressions[0]!.start === 0 && expressions[0]!.end === text.length;
  for (const { body } of expressions) {
    // trunkline writes `${{ body }}` with one space each side: other spacing would not round-trip
    if (!body.startsWith(" ") || !body.endsWith(" ")) return undefined;
    const inner = body.slice(1, -1);
    const node = parseExpression(inner);
    if (node === undefined || node.kind === "literal") return undefined;
    const built = buildTyped(node, scope, options, contexts, functions);
    // inside text only a value may be written: an object would print as "[object Object]"
    if (built === undefined || built.rendered !== inner || (!whole && built.value !== "primitive" && built.value !== "string")) return undefined;
    if (whole && built.value === "context") return undefined; // a whole context is an object: never written as it is
    if (STEP_OUTPUT_READ.test(inner)) stepOutputs++;
    codes.push(built.code);
  }
  if (whole) return { code: codes[0]!, contexts, functions, template: false, expressions: 1, stepOutputs };
  let code = "expr`";
  let from = 0;
  expressions.forEach((expression, index) => {
    code += templateText(text.slice(from, expression.start)) + "${" + codes[index] + "}";
    from = expression.end;
  });
  code += `${templateText(text.slice(from))}\``;
  return { code, contexts, functions, template: true, expressions: expressions.length, stepOutputs };
}

// Literal text inside expr`…`: the tag reads the cooked text, so escapes are undone.
function templateText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}

// ---- a small reader of GitHub's expression grammar: enough for what the helpers can write -----

type Node =
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "path"; parts: string[] }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "not"; operand: Node }
  | { kind: "compare"; operator: "==" | "!="; left: Node; right: Node }
  | { kind: "logic"; operator: "&&" | "||"; operands: Node[] };

/** The expression `text` as a tree, or undefined when it uses anything the helpers cannot write. */
function parseExpression(text: string): Node | undefined {
  const tokens = tokenize(text);
  let at = 0;
  // punctuation and names by their text; a string literal never equals one of them
  const peek = () => (tokens[at]?.kind === "string" ? undefined : tokens[at]?.text);
  const take = (text: string): boolean => {
    if (peek() !== text) return false;
    at++;
    return true;
  };
  const logic = (operator: "&&" | "||", next: () => Node | undefined): Node | undefined => {
    const first = next();
    if (first === undefined) return undefined;
    const operands = [first];
    while (take(operator)) {
      const operand = next();
      if (operand === undefined) return undefined;
      operands.push(operand);
    }
    return operands.length === 1 ? first : { kind: "logic", operator, operands };
  };
  const or = (): Node | undefined => logic("||", and);
  const and = (): Node | undefined => logic("&&", compare);
  const compare = (): Node | undefined => {
    const left = unary();
    const operator = peek();
    if (left === undefined || (operator !== "==" && operator !== "!=")) return left;
    at++;
    const right = unary();
    return right === undefined ? undefined : { kind: "compare", operator, left, right };
  };
  const unary = (): Node | undefined => {
    if (!take("!")) return primary();
    const operand = unary();
    return operand === undefined ? undefined : { kind: "not", operand };
  };
  const primary = (): Node | undefined => {
    const next = tokens[at++];
    if (next === undefined) return undefined;
    if (next.kind === "string") return { kind: "literal", value: next.text };
    // a negative number is `-` then the number; only plain decimals render as they were written
    const negative = next.kind === "punct" && next.text === "-" && tokens[at]?.kind === "number";
    const number = negative ? tokens[at++]! : next;
    if (number.kind === "number") return DECIMAL.test(number.text) ? { kind: "literal", value: Number(negative ? `-${number.text}` : number.text) } : undefined;
    const token = next.text;
    if (token === "(") {
      const inner = or();
      return take(")") ? inner : undefined;
    }
    if (next.kind !== "name") return undefined;
    if (token === "true" || token === "false") return { kind: "literal", value: token === "true" };
    if (token === "null") return { kind: "literal", value: null };
    if (take("(")) {
      const args: Node[] = [];
      if (peek() !== ")") {
        do {
          const arg = or();
          if (arg === undefined) return undefined;
          args.push(arg);
        } while (take(","));
      }
      return take(")") ? { kind: "call", name: token, args } : undefined;
    }
    const parts = [token];
    while (take(".")) {
      const part = tokens[at++];
      if (part?.kind !== "name" || !PROPERTY.test(part.text)) return undefined;
      parts.push(part.text);
    }
    return { kind: "path", parts };
  };
  const node = or();
  return at === tokens.length ? node : undefined;
}

// What a typed form's value is, as the helpers' parameter types see it: a primitive of any type,
// one known to be a string, a context object, or unknown (fromJSON).
type ValueKind = "primitive" | "string" | "context" | "unknown";

interface Built {
  code: string;
  /** What trunkline's helpers render for it, the expression's text. */
  rendered: string;
  value: ValueKind;
  // the helper value itself, to build the enclosing call with
  helper: unknown;
  /**
   * Whether it reads a context or calls a special function. A helper over literals alone has no
   * contexts in its type, which TypeScript then widens to any context, refused at every key.
   */
  reads: boolean;
}

// The parameter each function takes at each position: `any` value, a `primitive` or a `string`.
type Parameter = "any" | "primitive" | "string";
interface FunctionSpec {
  parameters: (index: number, count: number) => Parameter | undefined;
  result: ValueKind;
  build: (...args: unknown[]) => unknown;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  always: { parameters: () => undefined, result: "primitive", build: () => always() },
  success: { parameters: () => undefined, result: "primitive", build: () => success() },
  failure: { parameters: () => undefined, result: "primitive", build: () => failure() },
  cancelled: { parameters: () => undefined, result: "primitive", build: () => cancelled() },
  hashFiles: { parameters: () => "string", result: "string", build: (...args) => hashFiles(...(args as [string])) },
  contains: { parameters: (index, count) => (count !== 2 ? undefined : index === 0 ? "any" : "primitive"), result: "primitive", build: (a, b) => contains(a as string, b as string) },
  startsWith: { parameters: (_, count) => (count === 2 ? "primitive" : undefined), result: "primitive", build: (a, b) => startsWith(a as string, b as string) },
  endsWith: { parameters: (_, count) => (count === 2 ? "primitive" : undefined), result: "primitive", build: (a, b) => endsWith(a as string, b as string) },
  format: { parameters: () => "any", result: "string", build: (template, ...values) => format(template as string, ...(values as string[])) },
  join: { parameters: (index, count) => (count > 2 ? undefined : index === 0 ? "any" : "string"), result: "string", build: (list, separator) => join(list as string, separator as string | undefined) },
  toJSON: { parameters: (_, count) => (count === 1 ? "any" : undefined), result: "string", build: (value) => toJSON(value as string) },
  fromJSON: { parameters: (_, count) => (count === 1 ? "string" : undefined), result: "unknown", build: (value) => fromJSON(value as string) },
};
const SPECIAL = new Set<string>(["always", "success", "failure", "cancelled", "hashFiles"]);
// how many arguments each function needs at least
const MINIMUM_ARGUMENTS: Record<string, number> = { hashFiles: 1, contains: 2, startsWith: 2, endsWith: 2, format: 1, join: 1, toJSON: 1, fromJSON: 1 };

function fits(value: ValueKind, parameter: Parameter): boolean {
  if (parameter === "any") return true;
  if (parameter === "primitive") return value === "primitive" || value === "string";
  return value === "string";
}

function literalCode(value: string | number | boolean | null): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

// The typed form of one node, with what it reads and calls gathered into `contexts` and `functions`.
function buildTyped(node: Node, scope: TypedScope, options: TypedPlaceOptions, contexts: Set<TypedContextName>, functions: Set<string>): Built | undefined {
  const build = (inner: Node) => buildTyped(inner, scope, options, contexts, functions);
  switch (node.kind) {
    case "literal": {
      if (typeof node.value === "number" && !Number.isFinite(node.value)) return undefined;
      const value: ValueKind = typeof node.value === "string" ? "string" : "primitive";
      return { code: literalCode(node.value), rendered: operandBody(node.value), value, helper: node.value, reads: false };
    }
    case "path": {
      const path = typedPath(node.parts, scope, options);
      if (path === undefined) return undefined;
      contexts.add(path.context);
      return path;
    }
    case "call": {
      const spec = Object.hasOwn(FUNCTIONS, node.name) ? FUNCTIONS[node.name]! : undefined;
      if (spec === undefined || node.args.length < (MINIMUM_ARGUMENTS[node.name] ?? 0)) return undefined;
      if (SPECIAL.has(node.name) && !options.functions?.has(node.name as SpecialFunction)) return undefined;
      if (node.args.length === 0 && spec.parameters(0, 0) !== undefined) return undefined;
      if (node.args.length > 0 && node.args.some((_, index) => spec.parameters(index, node.args.length) === undefined)) return undefined;
      // format's template is a string literal in TypeScript, not an expression
      if (node.name === "format" && (node.args[0]!.kind !== "literal" || typeof node.args[0]!.value !== "string")) return undefined;
      const args: Built[] = [];
      for (const [index, arg] of node.args.entries()) {
        const built = build(arg);
        if (built === undefined || !fits(built.value, spec.parameters(index, node.args.length)!)) return undefined;
        args.push(built);
      }
      functions.add(node.name);
      return finish(`${node.name}(${args.map((arg) => arg.code).join(", ")})`, spec.build(...args.map((arg) => arg.helper)), spec.result, SPECIAL.has(node.name) || args.some((arg) => arg.reads));
    }
    case "not": {
      const operand = build(node.operand);
      if (operand === undefined) return undefined;
      functions.add("not");
      return finish(`not(${operand.code})`, not(operand.helper as string), "primitive", operand.reads);
    }
    case "compare": {
      const [left, right] = [build(node.left), build(node.right)];
      if (left === undefined || right === undefined || !fits(left.value, "primitive") || !fits(right.value, "primitive")) return undefined;
      const name = node.operator === "==" ? "eq" : "ne";
      functions.add(name);
      const helper = (node.operator === "==" ? eq : ne)(left.helper as string, right.helper as string);
      return finish(`${name}(${left.code}, ${right.code})`, helper, "primitive", left.reads || right.reads);
    }
    case "logic": {
      const operands: Built[] = [];
      for (const operand of node.operands) {
        const built = build(operand);
        if (built === undefined) return undefined;
        operands.push(built);
      }
      const name = node.operator === "&&" ? "and" : "or";
      functions.add(name);
      const helpers = operands.map((operand) => operand.helper) as [string, string, ...string[]];
      return finish(`${name}(${operands.map((operand) => operand.code).join(", ")})`, (node.operator === "&&" ? and : or)(...helpers), "primitive", operands.some((operand) => operand.reads));
    }
  }
}

function finish(code: string, helper: unknown, value: ValueKind, reads: boolean): Built | undefined {
  if (!reads || !isRendered(helper)) return undefined;
  const rendered = helper[EXPRESSION].body;
  return rendered === undefined ? undefined : { code, rendered, value, helper, reads };
}

// `github.event.pull_request.number` → the TS that reads it, when every step of the path is known.
function typedPath(parts: readonly string[], scope: TypedScope, options: TypedPlaceOptions): (Built & { context: TypedContextName }) | undefined {
  if (parts.some((part) => !PROPERTY.test(part) || RESERVED.has(part) || OWN.has(part))) return undefined;
  const [head, ...rest] = parts as [string, ...string[]];
  if (!Object.hasOwn(scope, head)) return undefined;
  const context = head as TypedContextName;
  let shape: KnownShape | undefined = scope[context];
  for (const part of rest) {
    if (shape === undefined || shape === "value") return undefined;
    shape = Object.hasOwn(shape, part) ? shape[part] : undefined;
  }
  if (shape === undefined) return undefined;
  const source = options.names?.[context] ?? SOURCE_NAMES[context];
  const code = source + rest.map((part) => (IDENTIFIER.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join("");
  let helper: unknown = contextOf(head);
  for (const part of rest) helper = (helper as Record<string, unknown>)[part];
  const value: ValueKind = shape !== "value" || rest.length === 0 ? "context" : isStringValue(context, rest) ? "string" : "primitive";
  const rendered = isRendered(helper) ? helper[EXPRESSION].body : undefined;
  return rendered === undefined ? undefined : { context, code, rendered, value, helper, reads: true };
}

// Whether a context's value is typed `string` (not a union with numbers or booleans), so it can be
// passed where a helper takes a string (`hashFiles`, `fromJSON`).
function isStringValue(context: TypedContextName, rest: readonly string[]): boolean {
  if (context === "github") return rest.length === 1 && rest[0] !== "ref_protected";
  if (context === "runner") return true;
  return (context === "steps" || context === "needs") && rest[1] === "outputs";
}

// `steps.<id>.outputs.` read in an expression's text
const STEP_OUTPUT_READ = /(?:^|[^\w.-])steps\.[\w-]+\.outputs\./;

/** How many `${{ }}` expressions a value holds in all its strings (those that pass `filter`). */
export function countExpressions(value: unknown, filter: (body: string) => boolean = () => true): number {
  if (typeof value === "string") return findExpressions(value).filter((expression) => filter(expression.body)).length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countExpressions(item, filter), 0);
  if (value !== null && typeof value === "object") return Object.values(value).reduce((sum: number, item) => sum + countExpressions(item, filter), 0);
  return 0;
}

/** How many `${{ }}` expressions of a value read `steps.<id>.outputs.<name>`. */
export function countStepOutputReads(value: unknown): number {
  return countExpressions(value, (body) => STEP_OUTPUT_READ.test(body));
}

/**
 * The shape of `matrix` for a matrix literal, as `MatrixShape` types it: the axes whose values are
 * lists and the keys `include` rows add. A key is known deeper only where every value it can take
 * is an object with that property; a key whose values are not all scalars is not a value.
 */
export function matrixShape(matrix: unknown): KnownShape | undefined {
  if (matrix === null || typeof matrix !== "object" || Array.isArray(matrix)) return undefined;
  const values = new Map<string, unknown[]>();
  const add = (key: string, value: unknown) => values.set(key, [...(values.get(key) ?? []), value]);
  for (const [key, axis] of Object.entries(matrix)) {
    if (key === "include" || key === "exclude") continue;
    // an axis given as an expression has values known only when the run starts
    if (!Array.isArray(axis)) return undefined;
    for (const value of axis) add(key, value);
  }
  const include = (matrix as Record<string, unknown>).include;
  if (include !== undefined) {
    if (!Array.isArray(include)) return undefined;
    for (const row of include) {
      if (row === null || typeof row !== "object" || Array.isArray(row)) return undefined;
      for (const [key, value] of Object.entries(row)) add(key, value);
    }
  }
  const shape: Record<string, KnownShape> = {};
  for (const [key, options] of values) {
    const known = shapeOfValues(options);
    if (known !== undefined) shape[key] = known;
  }
  return shape;
}

function shapeOfValues(values: unknown[]): KnownShape | undefined {
  if (values.length === 0) return undefined;
  if (values.every((value) => value === null || ["string", "number", "boolean"].includes(typeof value))) return "value";
  if (!values.every((value) => value !== null && typeof value === "object" && !Array.isArray(value))) return undefined;
  const objects = values as Record<string, unknown>[];
  // only the properties every object has: the type of a union of objects has just those
  const common = Object.keys(objects[0]!).filter((key) => objects.every((object) => Object.hasOwn(object, key)));
  const shape: Record<string, KnownShape> = {};
  for (const key of common) {
    const known = shapeOfValues(objects.map((object) => object[key]));
    if (known !== undefined) shape[key] = known;
  }
  return shape;
}
