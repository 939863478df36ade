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
  // read once per job: several rules ask, once per `matrix.*` they meet
  return job.remember(STATIC_MATRIX, () => readStaticMatrix(job));
}

const STATIC_MATRIX = {};

/** What the values of a job's matrix hold, so a rule can skip the matrix when none is of the kind it judges. */
export interface MatrixShape {
  /** Some value (an axis value or an `include` row's value) is written with `${{ }}`. */
  computed: boolean;
  /** Some value is an object or a list. */
  objects: boolean;
}

/** The shape of the job's matrix values; both false when it has no static matrix. */
export function matrixShape(job: JobView): MatrixShape {
  return job.remember(MATRIX_SHAPE, () => {
    const matrix = staticMatrix(job);
    const shape = { computed: false, objects: false };
    if (matrix === undefined || matrix === "none") return shape;
    const look = (value: Json) => {
      if (value !== null && typeof value === "object") shape.objects = true;
      if (isComputed(value)) shape.computed = true;
    };
    for (const axis of matrix.axes.values()) axis.values.forEach(look);
    for (const row of matrix.include ?? []) Object.values(row).forEach(look);
    return shape;
  });
}

const MATRIX_SHAPE = {};

function readStaticMatrix(job: JobView): StaticMatrix | "none" | undefined {
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

/**
 * The axes of the job's matrix written as lists, in order; an axis an expression builds, and
 * `include`/`exclude`, are left out, so the others are still seen when the matrix is not static.
 */
export function listedAxes(job: JobView): MatrixAxis[] {
  const strategy = job.raw["strategy"];
  const matrix = isObject(strategy) ? strategy["matrix"] : undefined;
  if (!isObject(matrix)) return [];
  return Object.entries(matrix).flatMap(([key, values]) => (key === "include" || key === "exclude" || !Array.isArray(values) ? [] : [{ key, values }]));
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
 * property missing from an object value reads as null, as GitHub gives it. With `keepComputed`, a
 * value written with `${{ }}` is kept as its text (what it reads, not what it becomes).
 */
export function matrixValues(job: JobView, segments: readonly (string | null)[], options: { keepComputed?: boolean } = {}): Json[] | undefined {
  const keep = options.keepComputed === true;
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
      if (typeof value === "string" && isComputed(value)) {
        if (!keep) return undefined;
        break; // a computed object: the text that computes it is what the property may hold
      }
      value = isObject(value) ? (valueAt(value, segment) ?? null) : null;
    }
    if (isComputed(value) && !keep) return undefined;
    values.push(value);
  }
  return values;
}

/**
 * Whether `value`, taken by a matrix axis, is matched by `pattern` from an `exclude` row: equal
 * scalars (strings without case), and for objects a partial match, key by key, as GitHub filters.
 * Anything computed by an expression may match.
 */
export function matchesPartially(pattern: Json, value: Json): boolean {
  if (isComputed(pattern) || isComputed(value)) return true;
  if (isObject(pattern)) return isObject(value) && Object.entries(pattern).every(([key, inner]) => { const found = valueAt(value, key); return found !== undefined && matchesPartially(inner, found); });
  if (Array.isArray(pattern)) return Array.isArray(value) && pattern.length === value.length && pattern.every((inner, index) => matchesPartially(inner, value[index]!));
  return sameScalar(pattern, value);
}

/** Whether two matrix values are the same (strings without case); computed values may be. */
export function matchesExactly(a: Json, b: Json): boolean {
  if (isComputed(a) || isComputed(b)) return true;
  if (isObject(a)) return isObject(b) && Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, inner]) => { const found = valueAt(b, key); return found !== undefined && matchesExactly(inner, found); });
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((inner, index) => matchesExactly(inner, b[index]!));
  return sameScalar(a, b);
}

function sameScalar(a: Json, b: Json): boolean {
  if (typeof a === "object" || typeof b === "object") return a === b;
  return String(a).toLowerCase() === String(b).toLowerCase();
}

// GitHub runs at most 256 jobs per matrix; beyond that the combinations are not worth listing.
const MAX_COMBINATIONS = 256;

/**
 * The combinations of the matrix's axes left after `exclude` (before `include` is applied), keyed
 * by lowercased axis; undefined when there are too many or `exclude` is computed.
 */
export function combinationsAfterExclude(matrix: StaticMatrix): Map<string, Json>[] | undefined {
  if (matrix.exclude === undefined) return undefined;
  let combinations: Map<string, Json>[] = matrix.axes.size === 0 ? [] : [new Map()];
  for (const [key, axis] of matrix.axes) {
    combinations = combinations.flatMap((combination) => axis.values.map((value) => new Map(combination).set(key, value)));
    if (combinations.length > MAX_COMBINATIONS) return undefined;
  }
  return combinations.filter(
    (combination) =>
      !matrix.exclude!.some((row) =>
        Object.entries(row).every(([key, pattern]) => {
          const value = combination.get(key.toLowerCase());
          return value !== undefined && matchesPartially(pattern, value);
        }),
      ),
  );
}
