// GitHub's schedule syntax: POSIX cron, five fields, evaluated in UTC.
// https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule

/** A cron schedule's text: five space-separated fields (minute hour day-of-month month day-of-week). */
export type CronExpression = `${string} ${string} ${string} ${string} ${string}`;

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Three-letter names GitHub accepts in place of numbers (JAN, MON, …). */
  names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day of week", min: 0, max: 6, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/**
 * Checks a schedule's cron text: exactly five fields, each made of `*`, numbers or names in range,
 * `a-b` ranges (low to high), `/step` and `,` lists. Returns what is wrong, or undefined when valid.
 * @example checkCron("0 24 * * *") // 'hour "24" is out of range 0-23'
 */
export function checkCron(cron: string): string | undefined {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) {
    return `a schedule needs 5 fields (minute hour day-of-month month day-of-week), "${cron}" has ${parts.length}`;
  }
  for (const [index, part] of parts.entries()) {
    const problem = checkField(part, FIELDS[index]!);
    if (problem) return problem;
  }
  return undefined;
}

function checkField(text: string, field: CronField): string | undefined {
  for (const item of text.split(",")) {
    if (item === "") return `${field.name} "${text}" has an empty list item`;
    const [range, step, ...extra] = item.split("/");
    if (extra.length > 0) return `${field.name} "${item}" has more than one "/"`;
    if (step !== undefined && !/^[1-9][0-9]*$/.test(step)) return `${field.name} step "${step}" must be a whole number above 0`;
    if (range === "*") continue;
    const [low, high, ...more] = range!.split("-");
    if (more.length > 0) return `${field.name} "${range}" is not a range: use "low-high"`;
    const lowValue = valueOf(low!, field);
    if (typeof lowValue === "string") return lowValue;
    if (high === undefined) continue;
    const highValue = valueOf(high, field);
    if (typeof highValue === "string") return highValue;
    if (highValue < lowValue) return `${field.name} range "${range}" runs backwards`;
  }
  return undefined;
}

// A number (or name) within the field's range, or the reason it is not.
function valueOf(text: string, field: CronField): number | string {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + field.min;
  if (!/^[0-9]+$/.test(text)) return `${field.name} "${text}" is not a number${field.names ? " or a name" : ""}`;
  const value = Number(text);
  if (value < field.min || value > field.max) return `${field.name} "${text}" is out of range ${field.min}-${field.max}`;
  return value;
}
