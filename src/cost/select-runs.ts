import type { CostInputs } from "./compute-cost.js";

/** Which runs a report covers. */
export interface RunSelection {
  /** Runs created at or after this instant (ms since the epoch). */
  since?: number;
  /** A workflow file path, its file name (`ci.yml`), or its display name. */
  workflow?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads `--since`: a number of days or hours back from `now` (`7d`, `36h`), or a date with or
 * without a time (`2026-01-31`, `2026-01-31T12:00:00Z`; a date alone is midnight UTC). Returns the
 * instant, or a message saying what it should look like.
 */
export function parseSince(text: string, now: number): number | { problem: string } {
  const relative = /^(\d+)([dhw])$/.exec(text);
  if (relative) return now - Number(relative[1]) * { d: DAY_MS, h: DAY_MS / 24, w: 7 * DAY_MS }[relative[2] as "d" | "h" | "w"];
  if (/^\d{4}-\d{2}-\d{2}$/.test(text) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const time = Date.parse(/T/.test(text) ? text : `${text}T00:00:00Z`);
    if (!Number.isNaN(time)) return time;
  }
  return { problem: `--since ${text} is neither a span back from now (7d, 36h, 2w) nor a date (2026-01-31, or 2026-01-31T12:00:00Z with its zone)` };
}

/** Keeps the runs a selection covers, and the jobs of those runs. */
export function selectRuns(inputs: CostInputs, selection: RunSelection): CostInputs {
  const { since, workflow } = selection;
  const runs = inputs.runs.filter((run) => (since === undefined || run.createdAt >= since) && (workflow === undefined || isWorkflow(run, workflow)));
  const kept = new Set(runs.map((run) => run.id));
  return { runs, jobs: inputs.jobs.filter((job) => kept.has(job.runId)) };
}

/** Whether a run is of the workflow `--workflow` names: by path, file name or display name. */
export function isWorkflow(run: { path: string; name: string }, workflow: string): boolean {
  return run.path === workflow || run.path.endsWith(`/${workflow}`) || run.name === workflow;
}
