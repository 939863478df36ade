import type { CostReport } from "./compute-cost.js";

/**
 * A limit on what CI may cost, checked by `trunkline cost` (exit 1 when one is exceeded). Without
 * `workflow` it limits the totals; with it, one workflow.
 */
export interface CostBudget {
  /** The workflow file it limits (`.github/workflows/ci.yml`, or `ci.yml`); the totals without it. */
  workflow?: string;
  /** Runner occupancy, in hours per 7 days of the report's window. */
  occupancyHoursPerWeek?: number;
  /** The 95th percentile of job queue time (`created_at` → `started_at`), in seconds. */
  queueP95Seconds?: number;
  /** The largest share of runs that may end cancelled, from 0 to 1 (`0.2` = 20 %). */
  cancelledShare?: number;
}

/** The `cost` section of `trunkline.config.ts`. */
export interface CostConfig {
  /** Limits that fail `trunkline cost` when exceeded, so a scheduled report fails visibly. */
  budgets?: CostBudget[];
}

/** One limit of one budget, held against the figure it limits. */
export interface BudgetCheck {
  /** The workflow's path, or "" for the totals. */
  workflow: string;
  budget: "occupancyHoursPerWeek" | "queueP95Seconds" | "cancelledShare";
  limit: number;
  actual: number;
  exceeded: boolean;
}

/** The keys a budget may hold, for checking the config. */
export const BUDGET_KEYS = ["workflow", "occupancyHoursPerWeek", "queueP95Seconds", "cancelledShare"] as const;

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Holds each budget against the report. Occupancy per week scales the occupancy to 7 days of the
 * report's window: from `since` (else the first run's creation) to the last run's update, at least
 * one day, so a single busy hour does not read as a busy week.
 */
export function checkBudgets(report: CostReport, budgets: readonly CostBudget[], since?: number): BudgetCheck[] {
  const from = since ?? (report.window.from ? Date.parse(report.window.from) : 0);
  const to = report.window.to ? Date.parse(report.window.to) : from;
  const weeks = Math.max(to - from, DAY_MS) / WEEK_MS;
  const checks: BudgetCheck[] = [];
  for (const budget of budgets) {
    const workflow = budget.workflow === undefined ? undefined : report.workflows.find((entry) => entry.path === budget.workflow || entry.path.endsWith(`/${budget.workflow}`));
    // A budget for a workflow with no runs in the window holds: nothing was spent.
    const figures = budget.workflow === undefined
      ? { occupancySeconds: report.totals.occupancySeconds, p95: report.totals.queueP95Seconds, runs: report.totals.runs, cancelledRuns: report.totals.cancelledRuns }
      : { occupancySeconds: workflow?.occupancySeconds ?? 0, p95: workflow?.queueSeconds.p95 ?? 0, runs: workflow?.runs ?? 0, cancelledRuns: workflow?.cancelledRuns ?? 0 };
    const name = workflow?.path ?? budget.workflow ?? "";
    const add = (kind: BudgetCheck["budget"], limit: number | undefined, actual: number) => {
      if (limit !== undefined) checks.push({ workflow: name, budget: kind, limit, actual, exceeded: actual > limit });
    };
    add("occupancyHoursPerWeek", budget.occupancyHoursPerWeek, round(figures.occupancySeconds / 3600 / weeks, 2));
    add("queueP95Seconds", budget.queueP95Seconds, figures.p95);
    add("cancelledShare", budget.cancelledShare, figures.runs ? round(figures.cancelledRuns / figures.runs, 4) : 0);
  }
  return checks;
}

/** Problems with the `cost` section of the config, as messages naming the setting. */
export function costConfigProblems(cost: unknown): string[] {
  if (cost === undefined) return [];
  if (typeof cost !== "object" || cost === null || Array.isArray(cost)) return ["cost must be an object: cost: { budgets: [ … ] }"];
  const budgets = (cost as CostConfig).budgets;
  if (budgets === undefined) return [];
  if (!Array.isArray(budgets)) return ["cost.budgets must be a list of budgets"];
  const problems: string[] = [];
  budgets.forEach((budget: unknown, index) => {
    const where = `cost.budgets[${index}]`;
    if (typeof budget !== "object" || budget === null || Array.isArray(budget)) return void problems.push(`${where} must be an object, e.g. { occupancyHoursPerWeek: 40 }`);
    const entry = budget as Record<string, unknown>;
    if (entry.workflow !== undefined && typeof entry.workflow !== "string") problems.push(`${where}.workflow must be a workflow file, e.g. ".github/workflows/ci.yml"`);
    for (const key of ["occupancyHoursPerWeek", "queueP95Seconds", "cancelledShare"] as const) {
      const value = entry[key];
      if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) problems.push(`${where}.${key} must be a number ≥ 0`);
    }
    if (typeof entry.cancelledShare === "number" && entry.cancelledShare > 1) problems.push(`${where}.cancelledShare is a share from 0 to 1 (0.2 = 20 %), not ${entry.cancelledShare}`);
    if (!["occupancyHoursPerWeek", "queueP95Seconds", "cancelledShare"].some((key) => entry[key] !== undefined)) problems.push(`${where} sets no limit: give occupancyHoursPerWeek, queueP95Seconds or cancelledShare`);
  });
  return problems;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
