import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { BudgetCheck } from "./budgets.js";
import type { CostReport, QueueSeconds } from "./compute-cost.js";

/** The output formats of `trunkline cost`. */
export const COST_FORMATS = ["pretty", "json", "markdown"] as const;
/** One of {@link COST_FORMATS}. */
export type CostFormat = (typeof COST_FORMATS)[number];

/**
 * The report in one format: `json` is one document (with the budgets held and any diagnostics),
 * `pretty` tables for a terminal, `markdown` for `$GITHUB_STEP_SUMMARY`.
 */
export function formatCost(report: CostReport, budgets: readonly BudgetCheck[], format: CostFormat, diagnostics: readonly Diagnostic[] = []): string {
  if (format === "json") return `${JSON.stringify({ ...report, budgets, diagnostics }, null, 2)}\n`;
  return format === "markdown" ? formatMarkdown(report, budgets) : formatPretty(report, budgets);
}

/** A duration for people: `0s`, `42s`, `3m 05s`, `2h 07m`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(seconds / 3600)}h ${String(Math.floor((seconds % 3600) / 60)).padStart(2, "0")}m`;
}

/** One line per budget exceeded, naming it, its limit and the figure. */
export function describeExceeded(budgets: readonly BudgetCheck[]): string[] {
  return budgets.filter((check) => check.exceeded).map((check) => `budget exceeded: ${check.workflow || "all workflows"} ${BUDGET_NAMES[check.budget]} is ${check.actual}, over its limit of ${check.limit}`);
}

const BUDGET_NAMES: Record<BudgetCheck["budget"], string> = {
  occupancyHoursPerWeek: "runner occupancy (hours per week)",
  queueP95Seconds: "p95 job queue (seconds)",
  cancelledShare: "share of cancelled runs",
};

type Table = { head: string[]; rows: string[][]; right: boolean[] };

function sections(report: CostReport): { title: string; table: Table }[] {
  const queue = (q: QueueSeconds) => [formatDuration(q.total), formatDuration(q.p50), formatDuration(q.p95)];
  const t = report.totals;
  return [
    {
      title: "Workflows",
      table: {
        head: ["workflow", "runs", "re-runs", "cancelled", "superseded", "cancelled time", "occupancy", "queue", "p50", "p95", "run queue p95"],
        right: [false, true, true, true, true, true, true, true, true, true, true],
        rows: [
          ...report.workflows.map((w) => [w.path, `${w.runs}`, `${w.reruns}`, `${w.cancelledRuns}`, `${w.supersededRuns}`, formatDuration(w.cancelledOccupancySeconds), formatDuration(w.occupancySeconds), ...queue(w.queueSeconds), formatDuration(w.runQueueSeconds.p95)]),
          ["total", `${t.runs}`, `${t.reruns}`, `${t.cancelledRuns}`, `${t.supersededRuns}`, formatDuration(t.cancelledOccupancySeconds), formatDuration(t.occupancySeconds), ...queue({ total: t.queueSeconds, p50: t.queueP50Seconds, p95: t.queueP95Seconds }), formatDuration(t.runQueueSeconds.p95)],
        ],
      },
    },
    {
      title: "Runners",
      table: {
        head: ["labels", "jobs", "never started", "occupancy", "queue p95"],
        right: [false, true, true, true, true],
        rows: report.runners.map((r) => [r.label || "(none)", `${r.jobs}`, `${r.jobsNeverStarted}`, formatDuration(r.occupancySeconds), formatDuration(r.queueSeconds.p95)]),
      },
    },
    {
      title: "Jobs",
      table: {
        head: ["workflow", "job", "jobs", "never started", "occupancy", "queue p95"],
        right: [false, false, true, true, true, true],
        rows: report.jobs.map((j) => [j.workflow, j.name, `${j.jobs}`, `${j.jobsNeverStarted}`, formatDuration(j.occupancySeconds), formatDuration(j.queueSeconds.p95)]),
      },
    },
  ];
}

function formatPretty(report: CostReport, budgets: readonly BudgetCheck[]): string {
  if (report.totals.runs === 0) return "No workflow runs in the selection.\n";
  const out = [`CI cost from ${report.window.from} to ${report.window.to}`, ""];
  for (const { title, table } of sections(report)) {
    const widths = table.head.map((cell, column) => Math.max(cell.length, ...table.rows.map((row) => row[column]!.length)));
    const line = (row: string[]) => row.map((cell, column) => (table.right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
    out.push(title, line(table.head), widths.map((width) => "-".repeat(width)).join("  "), ...table.rows.map(line), "");
  }
  for (const check of budgets) out.push(`${check.exceeded ? "✗" : "✓"} budget ${check.workflow || "all workflows"}: ${BUDGET_NAMES[check.budget]} ${check.actual} (limit ${check.limit})`);
  return `${out.join("\n").trimEnd()}\n`;
}

function formatMarkdown(report: CostReport, budgets: readonly BudgetCheck[]): string {
  const out = ["## CI cost", ""];
  if (report.totals.runs === 0) return `${out.join("\n")}No workflow runs in the selection.\n`;
  const t = report.totals;
  out.push(`${t.runs} runs (${t.reruns} re-run${t.reruns === 1 ? "" : "s"}, ${t.cancelledRuns} cancelled, ${t.supersededRuns} superseded), ${t.jobs} jobs, runner occupancy **${formatDuration(t.occupancySeconds)}**, job queue ${formatDuration(t.queueSeconds)} (p95 ${formatDuration(t.queueP95Seconds)}), from ${report.window.from} to ${report.window.to}.`, "");
  if (budgets.length) {
    out.push("| budget | workflow | actual | limit | |", "| --- | --- | ---: | ---: | --- |");
    for (const check of budgets) out.push(`| ${BUDGET_NAMES[check.budget]} | ${cell(check.workflow || "all workflows")} | ${check.actual} | ${check.limit} | ${check.exceeded ? "❌ exceeded" : "✅"} |`);
    out.push("");
  }
  if (report.days.length) {
    // GitHub renders Mermaid blocks in Markdown, step summaries included.
    const minutes = (value: number) => Math.round(value / 6) / 10;
    out.push(
      "```mermaid",
      "xychart-beta",
      '  title "Runner occupancy (bars) and job queue (line) per day, minutes"',
      `  x-axis [${report.days.map((day) => `"${day.date.slice(5)}"`).join(", ")}]`,
      '  y-axis "minutes"',
      `  bar [${report.days.map((day) => minutes(day.occupancySeconds)).join(", ")}]`,
      `  line [${report.days.map((day) => minutes(day.queueSeconds)).join(", ")}]`,
      "```",
      "",
    );
  }
  for (const { title, table } of sections(report)) {
    out.push(`### ${title}`, "", `| ${table.head.join(" | ")} |`, `| ${table.right.map((right) => (right ? "---:" : "---")).join(" | ")} |`, ...table.rows.map((row) => `| ${row.map(cell).join(" | ")} |`), "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

// A pipe would end the cell early.
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
