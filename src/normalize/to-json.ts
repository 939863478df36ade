import type { Diagnostic, SourcePosition, WorkflowPath } from "../diagnostics/diagnostic.js";
import { JOB, REMOTE_WORKFLOW, STEP, WORKFLOW, hasBrand } from "../dsl/brand.js";
import type { CalleeResolver } from "./callees.js";
import { type CallSite, resolveCallSite } from "../dsl/call-site.js";
import { CYCLE_HINT, describeCycles } from "../load/import-cycles.js";
import type { Job, Step } from "../dsl/types.js";
import type { Json, JsonObject } from "../model/json.js";
import { orderKeys } from "../model/key-order.js";
import { type Shape, childShape } from "./shape.js";
import { isRendered, renderedTextOf } from "../expressions/_expression.js";

/** What converting an author's value to plain JSON found along the way. */
export interface ToJsonContext {
  /** Ids of the jobs in this workflow, so `needs: [job]` can be written as ids. */
  jobIds: Map<object, string>;
  /** Call sites of DSL jobs and steps, keyed by their workflow path joined with "\u0000". */
  callSites: Map<string, CallSite>;
  /** Rule ids suppressed on DSL jobs and steps (`job(spec, { suppress })`), keyed like `callSites`. */
  suppressions: Map<string, readonly string[]>;
  /** Errors, and warnings for values left out (see {@link isAuthorKeyed}). */
  problems: Omit<Diagnostic, "file">[];
  /** The modules of each circular import of the source, to explain a value that was still undefined. */
  importCycles?: readonly (readonly string[])[];
  /** Turns a call site into the TypeScript position to name in a message (repo-relative). */
  toSource?: (position: SourcePosition) => SourcePosition;
  /** Where a workflow passed to `job.call` is generated; without it, such a call is an error. */
  resolveCallee?: CalleeResolver;
  /** `uses:` → release tag, for the remote workflows this workflow calls (the comment beside the pin). */
  releaseTags?: Map<string, string>;
  /** Filled with the actions authored in TypeScript that the steps call (`Step.localAction`). */
  localActions?: Set<object>;
}

/** Joins a workflow path into a map key. */
export function pathKey(path: WorkflowPath): string {
  return path.join("\u0000");
}

/**
 * Turns an author's value into plain JSON in canonical key order: drops `undefined` properties
 * (with a warning in maps whose keys the author names, see `isAuthorKeyed`), unwraps DSL jobs and
 * steps, writes `needs` as ids, and reports any value JSON cannot hold (functions, symbols, NaN,
 * cycles, class instances) or that throws when read, with the path to it.
 */
export function toJson(value: unknown, path: WorkflowPath, shape: Shape | undefined, context: ToJsonContext, ancestors = new Set<object>()): Json | undefined {
  try {
    return convert(value, path, shape, context, ancestors);
  } catch (error) {
    // a getter or a Proxy trap of the author's threw: it is their data, so it is their error
    return reject(context, path, `reading it threw ${quoteError(error)}`, "fix the getter or Proxy that throws, or use a plain value");
  }
}

function convert(value: unknown, path: WorkflowPath, shape: Shape | undefined, context: ToJsonContext, ancestors: Set<object>): Json | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return reject(context, path, `${String(value)} is not a number a workflow can hold`, "use a finite number, or a string if you meant the text");
  }
  if (typeof value !== "object") {
    const kind = typeof value === "function" ? "a function" : typeof value === "undefined" ? "undefined" : `a ${typeof value}`;
    return reject(context, path, `${kind} cannot be written to YAML`, typeof value === "function" ? "call the function and use its result" : "use a string, number, boolean, list or object");
  }
  if (ancestors.has(value)) {
    return reject(context, path, "this value contains itself (a cycle)", "build a new object instead of referring back to a parent");
  }
  // a typed expression, or a string built with expr`…`: its YAML text
  if (isRendered(value)) return renderedTextOf(value);
  if (hasBrand(value, JOB) || hasBrand(value, STEP)) {
    const built = value as Job | Step;
    context.callSites.set(pathKey(path), built.definedAt);
    if (built.suppress?.length) context.suppressions.set(pathKey(path), built.suppress);
    if ((built as Step).localAction) context.localActions?.add((built as Step).localAction!);
    for (const warning of (built as Step).warnings ?? []) context.problems.push({ rule: "actions", severity: "warning", path: [...path, ...warning.path], message: warning.message, hint: warning.hint });
    return toJson(built.spec, path, shape, context, ancestors);
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return arrayToJson(value, path, shape, context, ancestors);
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const name = (value as object).constructor?.name ?? "object";
      return reject(context, path, `a ${name} instance cannot be written to YAML`, "use a plain object, or convert it to a string first");
    }
    return objectToJson(value as Record<string, unknown>, path, shape, context, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function arrayToJson(values: readonly unknown[], path: WorkflowPath, shape: Shape | undefined, context: ToJsonContext, ancestors: Set<object>): Json[] {
  const isNeeds = path.length === 3 && path[0] === "jobs" && path[2] === "needs";
  const result: Json[] = [];
  values.forEach((item, index) => {
    const itemPath = [...path, index];
    if (isNeeds && hasBrand(item, JOB)) {
      const id = context.jobIds.get(item as object);
      if (id === undefined) {
        reject(context, itemPath, `job "${String(path[1])}" needs ${describeJob(item as Job, context)}, which is not in this workflow's jobs`, "add that job to the workflow's `jobs` (under the id it should have), or remove it from `needs`");
      } else result.push(id);
      return;
    }
    if (item === undefined) {
      if (context.importCycles?.length) reject(context, itemPath, `undefined in a list: ${stillUndefined(context.importCycles)}`, CYCLE_HINT);
      else reject(context, itemPath, "undefined in a list cannot be written to YAML", "remove it, or filter the list");
      return;
    }
    const converted = toJson(item, itemPath, childShape(shape, index), context, ancestors);
    if (converted !== undefined) result.push(converted);
  });
  return result;
}

function objectToJson(object: Record<string, unknown>, path: WorkflowPath, shape: Shape | undefined, context: ToJsonContext, ancestors: Set<object>): JsonObject {
  for (const symbol of Object.getOwnPropertySymbols(object)) {
    reject(context, path, `a symbol key (${String(symbol)}) cannot be written to YAML`, "use string keys only");
  }
  // Each property is read once, here: a getter may throw, or answer differently the next time.
  const values = new Map<string, unknown>();
  for (const key of Object.keys(object)) {
    let value: unknown;
    try {
      value = object[key];
    } catch (error) {
      reject(context, [...path, key], `reading it threw ${quoteError(error)}`, "fix the getter or Proxy that throws, or use a plain value");
      continue;
    }
    if (value !== undefined) values.set(key, value);
    else if (isAuthorKeyed(path) && !(isMatrix(path) && (key === "include" || key === "exclude"))) warnUndefined(context, [...path, key]);
  }
  const keys = [...values.keys()];
  const ordered = shape?.order ? orderKeys(keys, shape.order) : keys;
  const result: JsonObject = {};
  for (const key of ordered) {
    const value = values.get(key);
    if (path.length === 2 && path[0] === "jobs" && key === "uses" && (hasBrand(value, WORKFLOW) || hasBrand(value, REMOTE_WORKFLOW))) {
      const uses = calleeUses(value as object, String(path[1]), [...path, key], context);
      if (uses !== undefined) result[key] = uses;
      continue;
    }
    if (path.length === 2 && path[0] === "jobs" && key === "needs" && hasBrand(value, JOB)) {
      // A single job reference is written as a single id (`needs: build`), as GitHub allows.
      const converted = arrayToJson([value], [...path, key], undefined, context, ancestors);
      if (converted.length) result[key] = converted[0]!;
      continue;
    }
    const converted = toJson(value, [...path, key], childShape(shape, key), context, ancestors);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
}

// The `uses:` of a job that calls a workflow passed as a value (`job.call`): decided here, where the
// target the caller is generated into is known.
function calleeUses(callee: object, jobId: string, path: WorkflowPath, context: ToJsonContext): string | undefined {
  const resolved = context.resolveCallee?.(callee, jobId, context.toSource) ?? { message: `job "${jobId}" calls a workflow passed as a value, which can only be resolved while generating`, hint: "generate it with trunkline gen" };
  if ("message" in resolved) {
    context.problems.push({ rule: "normalize", severity: "error", path, message: resolved.message, hint: resolved.hint });
    return undefined;
  }
  if (resolved.tag !== undefined) (context.releaseTags ??= new Map()).set(resolved.uses, resolved.tag);
  return resolved.uses;
}

// Maps whose keys the author names — environment variables, action inputs, outputs, secrets, job
// and service ids, matrix dimensions: a key is written there only to carry a value, so `undefined`
// means a value went missing (an unset process.env variable, a misspelt property, a circular
// import), and is worth a warning. Everywhere else the keys are GitHub's (`if`, `name`,
// `timeout-minutes`…) and `undefined` is TypeScript's usual "not set", which trunkline's own
// blocks and templates rely on: those are left out without a word.
const AUTHOR_KEYED: readonly (readonly string[])[] = [
  ["env"], ["jobs"],
  ["on", "*", "inputs"], ["on", "workflow_call", "outputs"], ["on", "workflow_call", "secrets"],
  ["jobs", "*", "env"], ["jobs", "*", "outputs"], ["jobs", "*", "with"], ["jobs", "*", "secrets"], ["jobs", "*", "services"],
  ["jobs", "*", "container", "env"], ["jobs", "*", "services", "*", "env"], ["jobs", "*", "strategy", "matrix"],
  ["jobs", "*", "steps", "#", "env"], ["jobs", "*", "steps", "#", "with"],
];

/** Whether the object at `path` is a map whose keys the author names ("*" any key, "#" any index). */
function isAuthorKeyed(path: WorkflowPath): boolean {
  return AUTHOR_KEYED.some((pattern) => pattern.length === path.length && pattern.every((part, index) => (part === "*" ? typeof path[index] === "string" : part === "#" ? typeof path[index] === "number" : part === path[index])));
}

function isMatrix(path: WorkflowPath): boolean {
  return path.length === 4 && path[2] === "strategy" && path[3] === "matrix";
}

function warnUndefined(context: ToJsonContext, path: WorkflowPath): void {
  const cycles = context.importCycles?.length ? context.importCycles : undefined;
  context.problems.push({
    rule: "normalize", severity: "warning", path,
    message: `${formatPath(path)} is undefined, so it is left out of the YAML${cycles ? `: ${stillUndefined(cycles)}` : ""}`,
    hint: cycles ? CYCLE_HINT : "give it a value (an unset process.env variable reads as undefined), or leave the key out",
  });
}

// The likely reason an imported value is undefined, when the source's modules import each other.
function stillUndefined(cycles: readonly (readonly string[])[]): string {
  return `an imported value was still undefined while the source loaded, most likely because of a circular import (${describeCycles(cycles)})`;
}

// A job met in `needs` but not in `jobs`: its name and where it was defined, as far as known.
function describeJob(job: Job, context: ToJsonContext): string {
  const name = typeof job.spec?.name === "string" ? ` "${job.spec.name}"` : "";
  const site = context.toSource ? resolveCallSite(job.definedAt) : undefined;
  const at = site && context.toSource ? context.toSource(site) : undefined;
  return `the job${name}${at ? ` defined at ${at.file}:${at.line}:${at.column}` : ""}`;
}

/** A thrown value as a message quotes it: `"boom"` for an Error, its text otherwise. */
export function quoteError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name === "Error" ? "" : `${error.name}: `}${error.message}` : String(error);
  } catch {
    text = "(a value that cannot be shown)";
  }
  return JSON.stringify(text);
}

function reject(context: ToJsonContext, path: WorkflowPath, message: string, hint: string): undefined {
  context.problems.push({ rule: "normalize", severity: "error", message: `${formatPath(path)}: ${message}`, hint, path });
  return undefined;
}

/** A workflow path as the dotted text authors recognise: `jobs.test.steps[2].run`. */
export function formatPath(path: WorkflowPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${part}` : part;
  }
  return text || "(workflow)";
}
