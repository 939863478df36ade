// A job's `strategy.matrix` as written: its axes, `include` and `exclude` rows, and the values a
// `matrix.<key>…` reference can take. Matrices built by an expression (`fromJSON(…)`) are unknown.
// Semantics: https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations
import type { Json, JsonObject } from "../model/json.js";
import { type JobView, isObject } from "./_workflow-view.js";

/** One axis of a matrix: `os: [ubuntu-latest, windows-latest]`. */
export interface MatrixAxis {
  /** The key as written. */
  key: string;
  values: readonly Json[];
}

/** A matrix whose axes and rows are written out, not computed. */
export interface StaticMatrix {
  raw: JsonObject;
  /** Axes by lowercased key (GitHub compares matrix keys case-insensitively). */
  axes: ReadonlyMap<string, MatrixAxis>;
  /** `include` rows, or undefined when an expression builds them. */
  include: readonly JsonObject[] | undefined;
  /** `exclude` rows, or undefined when an expression builds them. */
  exclude: readonly JsonObject[] | undefined;
}

/**
 * The job's matrix: "none" when it has none, undefined when an expression builds the matrix or one
 * of its axes (its keys and values are then known only at run time).
 */
export function staticMatrix(job: JobView): StaticMatrix | "none" | undefined {
  const strategy = job.raw["strategy"];
  if (strategy === undefined) return "none";
  if (!isObject(strategy)) return undefined;
  const raw = strategy["matrix"];
  if (raw === undefined) return "none";
  if (!isObject(raw)) return undefined;
  const axes = new Map<string, MatrixAxis>();
  for (const [key, values] of Object.entries(raw)) {
    if (key === "include" || key === "exclude") continue;
    if (!Array.isArray(values)) return undefined;
    axes.set(key.toLowerCase(), { key, values });
  }
  return { raw, axes, include: rows(raw["include"]), exclude: rows(raw["exclude"]) };
}

// Rows of `include`/`exclude`; a row that is an expression makes the whole list unknown.
function rows(value: Json | undefined): JsonObject[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isObject)) return undefined;
  return value as JsonObject[];
}

/** The value under `key` of an object, compared case-insensitively; undefined when absent. */
export function valueAt(object: JsonObject, key: string): Json | undefined {
  const lower = key.toLowerCase();
  for (const name in object) if (name.toLowerCase() === lower) return object[name];
  return undefined;
}

/** Whether a value holds an expression, so it is only known at run time. */
export function isComputed(value: Json): boolean {
  return typeof value === "string" ? value.includes("${{") : Array.isArray(value) ? value.some(isComputed) : isObject(value) ? Object.values(value).some(isComputed) : false;
}

/**
 * The values `matrix.<segments>` can take in the job (`matrix.job.os` → segments ["job", "os"],
 * lowercased), from its axes and `include` rows; undefined when any is computed or unknown. A
 * property missing from an object value reads as null, as GitHub gives it.
 */
export function matrixValues(job: JobView, segments: readonly (string | null)[]): Json[] | undefined {
  const matrix = staticMatrix(job);
  const [first, ...rest] = segments;
  if (matrix === undefined || matrix === "none" || matrix.include === undefined || typeof first !== "string" || first === "*") return undefined;
  const found: Json[] = [...(matrix.axes.get(first)?.values ?? [])];
  for (const row of matrix.include) {
    const value = valueAt(row, first);
    if (value !== undefined) found.push(value);
  }
  if (found.length === 0) return undefined;
  const values: Json[] = [];
  for (let value of found) {
    for (const segment of rest) {
      if (typeof segment !== "string" || segment === "*") return undefined;
      if (typeof value === "string" && isComputed(value)) return undefined;
      value = isObject(value) ? (valueAt(value, segment) ?? null) : null;
    }
    if (isComputed(value)) return undefined;
    values.push(value);
  }
  return values;
}
