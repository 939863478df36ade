import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { formatPath } from "../normalize/to-json.js";

/** Where two parsed documents first differ, with what each side holds there. */
export interface Difference {
  path: WorkflowPath;
  /** The original's value at `path`, or undefined when the original has nothing there. */
  expected: unknown;
  /** The regenerated value at `path`, or undefined when it has nothing there. */
  actual: unknown;
}

/**
 * The first place, in document order, where `actual` differs from `expected`; undefined when they
 * are deep-equal. Mappings compare by key regardless of key order (GitHub reads a mapping, not an
 * order); lists by position; scalars by type and value, so `"3.10"` never equals `3.1`.
 */
export function firstDifference(expected: unknown, actual: unknown, path: WorkflowPath = []): Difference | undefined {
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return { path, expected, actual };
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) {
      if (index >= expected.length || index >= actual.length) return { path: [...path, index], expected: expected[index], actual: actual[index] };
      const found = firstDifference(expected[index], actual[index], [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (isMapping(expected) || isMapping(actual)) {
    if (!isMapping(expected) || !isMapping(actual)) return { path, expected, actual };
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key)) return { path: [...path, key], expected: expected[key], actual: undefined };
      const found = firstDifference(expected[key], actual[key], [...path, key]);
      if (found) return found;
    }
    const extra = Object.keys(actual).find((key) => !Object.hasOwn(expected, key));
    return extra === undefined ? undefined : { path: [...path, extra], expected: undefined, actual: actual[extra] };
  }
  return Object.is(expected, actual) ? undefined : { path, expected, actual };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A difference as one line: `jobs.build.timeout-minutes: the original has 10, the source generates "10"`. */
export function describeDifference(difference: Difference): string {
  const place = difference.path.length ? formatPath(difference.path) : "the whole document";
  return `${place}: the original has ${describeValue(difference.expected)}, the source generates ${describeValue(difference.actual)}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
