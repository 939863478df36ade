// GitHub's cron syntax for `on.schedule` (POSIX, five fields):
// https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#schedule
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { type WorkflowView, isObject } from "./_workflow-view.js";

/** Every `cron:` string of the workflow's `on.schedule`, with where it is written. */
export function scheduleCrons(workflow: WorkflowView): { cron: string; path: WorkflowPath }[] {
  const entries = workflow.triggers.has("schedule") && isObject(workflow.raw["on"]) ? workflow.raw["on"]["schedule"] : undefined;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry, index) => {
    const cron = isObject(entry) ? entry["cron"] : undefined;
    return typeof cron === "string" ? [{ cron, path: ["on", "schedule", index, "cron"] }] : [];
  });
}

/** One field of a cron expression and the values it may take. */
export interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

/** The five fields of a cron expression, in order. */
export const FIELDS: readonly Field[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

// Days in each month; February counts its leap day, which does come every four years.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** What is wrong with a cron expression, as the end of a sentence; undefined when it is valid. */
export function cronProblem(cron: string): string | undefined {
  if (cron.trim().startsWith("@")) return "uses a shortcut GitHub does not support";
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) return `has ${parts.length} field${parts.length === 1 ? "" : "s"}, not 5`;
  for (const [index, field] of FIELDS.entries()) {
    const problem = fieldProblem(parts[index]!, field);
    if (problem) return `has ${problem} in the ${field.name} field`;
  }
  // with a day of week given, cron runs on either match (POSIX), so only a bare "*" makes the date decide
  if (parts[4] !== "*") return undefined;
  const days = expand(parts[2]!, FIELDS[2]!);
  const months = expand(parts[3]!, FIELDS[3]!);
  if ([...months].some((month) => [...days].some((day) => day <= DAYS_IN_MONTH[month - 1]!))) return undefined;
  return "names a day of month that none of its months has";
}

/** Every value a (valid) field selects. */
export function expand(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [range, step] = item.split("/");
    const bounds = range === "*" ? [field.min, field.max] : range!.split("-").map((bound) => valueOf(bound, field)!);
    const from = bounds[0]!;
    const to = bounds.length > 1 || step !== undefined ? (bounds[1] ?? field.max) : from;
    for (let value = from; value <= to; value += Number(step ?? 1)) values.add(value);
  }
  return values;
}

function fieldProblem(text: string, field: Field): string | undefined {
  for (const item of text.split(",")) {
    const [range, step, ...extra] = item.split("/");
    if (extra.length > 0 || range === undefined || range === "") return `"${item}"`;
    if (step !== undefined && !/^\d+$/.test(step)) return `the step "/${step}"`;
    if (step !== undefined && Number(step) === 0) return "a step of 0";
    if (range === "*") continue;
    const bounds = range.split("-");
    if (bounds.length > 2) return `"${range}"`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = valueOf(bound, field);
      if (value === undefined) return `"${bound}", which is not ${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : ""}`;
      values.push(value);
    }
    if (values.length === 2 && values[0]! > values[1]!) return `the backwards range "${range}"`;
  }
  return undefined;
}

function valueOf(text: string, field: Field): number | undefined {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + field.min;
}
