import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { JOB, STEP, hasBrand } from "../dsl/brand.js";
import type { CallSite } from "../dsl/call-site.js";
import type { Job, Step } from "../dsl/types.js";
import type { Json, JsonObject } from "../model/json.js";
import { orderKeys } from "../model/key-order.js";
import { type Shape, childShape } from "./shape.js";

/** What converting an author's value to plain JSON found along the way. */
export interface ToJsonContext {
  /** Ids of the jobs in this workflow, so `needs: [job]` can be written as ids. */
  jobIds: Map<object, string>;
  /** Call sites of DSL jobs and steps, keyed by their workflow path joined with "\u0000". */
  callSites: Map<string, CallSite>;
  /** Rule ids suppressed on DSL jobs and steps (`job(spec, { suppress })`), keyed like `callSites`. */
  suppressions: Map<string, readonly string[]>;
  problems: Omit<Diagnostic, "file">[];
}

/** Joins a workflow path into a map key. */
export function pathKey(path: WorkflowPath): string {
  return path.join("\u0000");
}

/**
 * Turns an author's value into plain JSON in canonical key order: drops `undefined` properties,
 * unwraps DSL jobs and steps, writes `needs` as ids, and reports any value JSON cannot hold
 * (functions, symbols, NaN, cycles, class instances) with the path to it.
 */
export function toJson(value: unknown, path: WorkflowPath, shape: Shape | undefined, context: ToJsonContext, ancestors = new Set<object>()): Json | undefined {
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
  if (hasBrand(value, JOB) || hasBrand(value, STEP)) {
    const built = value as Job | Step;
    context.callSites.set(pathKey(path), built.definedAt);
    if (built.suppress?.length) context.suppressions.set(pathKey(path), built.suppress);
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
        reject(context, itemPath, `job "${String(path[1])}" needs a job that is not in this workflow's jobs`, "add the needed job to the workflow's `jobs`, or remove it from `needs`");
      } else result.push(id);
      return;
    }
    if (item === undefined) {
      reject(context, itemPath, "undefined in a list cannot be written to YAML", "remove it, or filter the list");
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
  const keys = Object.keys(object).filter((key) => object[key] !== undefined);
  const ordered = shape?.order ? orderKeys(keys, shape.order) : keys;
  const result: JsonObject = {};
  for (const key of ordered) {
    if (path.length === 2 && path[0] === "jobs" && key === "needs" && hasBrand(object[key], JOB)) {
      // A single job reference is written as a single id (`needs: build`), as GitHub allows.
      const converted = arrayToJson([object[key]], [...path, key], undefined, context, ancestors);
      if (converted.length) result[key] = converted[0]!;
      continue;
    }
    const converted = toJson(object[key], [...path, key], childShape(shape, key), context, ancestors);
    if (converted !== undefined) result[key] = converted;
  }
  return result;
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
