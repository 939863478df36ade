// Which `${{ }}` expressions of an imported workflow can be written with trunkline's typed
// contexts, and how. Only what the types are known to accept is converted: a property path of a
// context whose shape is known at that place. Everything else stays a string, which `gen` checks.

/**
 * What a typed context is known to hold: a value expr`…` can write, or named properties. A record
 * (`github.event.inputs`) is not known: under `noUncheckedIndexedAccess` a read of it may be undefined.
 */
export type KnownShape = "value" | { readonly [property: string]: KnownShape };

/** The contexts the importer writes typed, by the name the source uses for them. */
export type TypedContextName = "github" | "runner" | "inputs" | "matrix" | "needs" | "steps";

/** What is known at one place of a workflow: the contexts GitHub allows there and the shape of each. */
export type TypedScope = Partial<Record<TypedContextName, KnownShape>>;

/** A string written as TypeScript that renders it exactly, and the typed contexts it reads. */
export interface TypedString {
  code: string;
  contexts: Set<TypedContextName>;
  /** Whether the code is an expr`…` template (and `expr` must be imported). */
  template: boolean;
  /** How many `${{ }}` expressions it holds. */
  expressions: number;
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

// A name GitHub's grammar and trunkline's renderer both write as `.name` (propertyAccess in
// src/expressions/_context.ts), so the typed form renders the text exactly as it was.
const PROPERTY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = new Set(["true", "false", "null", "NaN", "Infinity"]);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Properties an object already has in JavaScript: reading one from a typed context returns the
// object's own member, not a context property.
const OWN = new Set(["toString", "toJSON", "valueOf", "then", "constructor", "inspect", "__proto__", "hasOwnProperty"]);

/** The `${{ }}` expressions in a string, as [start, end) ranges with their bodies as written. */
export function expressionsIn(text: string): { start: number; end: number; body: string }[] {
  const found: { start: number; end: number; body: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf("${{", from);
    if (start < 0) return found;
    const close = text.indexOf("}}", start + 3);
    if (close < 0) return found;
    found.push({ start, end: close + 2, body: text.slice(start + 3, close) });
    from = close + 2;
  }
}

/**
 * The typed TypeScript for `text`, or undefined when any expression in it has no typed form in
 * `scope` (the string is then written as it is). A whole-string expression becomes the context
 * path itself (`matrix.os`); text with expressions in it becomes expr`…`.
 */
export function typedString(text: string, scope: TypedScope): TypedString | undefined {
  const expressions = expressionsIn(text);
  if (expressions.length === 0) return undefined;
  // control characters other than newlines and tabs are invisible in a template literal
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return undefined;
  const contexts = new Set<TypedContextName>();
  const paths: string[] = [];
  for (const { body } of expressions) {
    // trunkline writes `${{ body }}` with one space each side: other spacing would not round-trip
    if (!body.startsWith(" ") || !body.endsWith(" ")) return undefined;
    const path = typedPath(body.slice(1, -1), scope, expressions.length > 1 || expressions[0]!.start > 0 || expressions[0]!.end < text.length);
    if (path === undefined) return undefined;
    contexts.add(path.context);
    paths.push(path.code);
  }
  if (expressions.length === 1 && expressions[0]!.start === 0 && expressions[0]!.end === text.length) return { code: paths[0]!, contexts, template: false, expressions: 1 };
  let code = "expr`";
  let from = 0;
  expressions.forEach((expression, index) => {
    code += templateText(text.slice(from, expression.start)) + "${" + paths[index] + "}";
    from = expression.end;
  });
  code += `${templateText(text.slice(from))}\``;
  return { code, contexts, template: true, expressions: expressions.length };
}

// Literal text inside expr`…`: the tag reads the cooked text, so escapes are undone.
function templateText(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}

// `github.event.pull_request.number` → the TS that reads it, when every step of the path is known.
// Inside text, only a value (not an object) may be written.
function typedPath(body: string, scope: TypedScope, inText: boolean): { context: TypedContextName; code: string } | undefined {
  const parts = body.split(".");
  if (parts.some((part) => !PROPERTY.test(part) || RESERVED.has(part) || OWN.has(part))) return undefined;
  const [head, ...rest] = parts as [string, ...string[]];
  if (!Object.hasOwn(scope, head)) return undefined;
  let shape: KnownShape | undefined = scope[head as TypedContextName];
  for (const part of rest) {
    if (shape === undefined || shape === "value") return undefined;
    shape = Object.hasOwn(shape, part) ? shape[part] : undefined;
  }
  if (shape === undefined) return undefined;
  if (inText && shape !== "value") return undefined;
  if (rest.length === 0) return undefined; // a whole context is an object: never written as it is
  return { context: head as TypedContextName, code: head + rest.map((part) => (IDENTIFIER.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`)).join("") };
}

/** How many `${{ }}` expressions a value holds in all its strings. */
export function countExpressions(value: unknown): number {
  if (typeof value === "string") return expressionsIn(value).length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countExpressions(item), 0);
  if (value !== null && typeof value === "object") return Object.values(value).reduce((sum: number, item) => sum + countExpressions(item), 0);
  return 0;
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
