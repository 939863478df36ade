import type { JobRecord, RunRecord } from "./records.js";
import { supersededRunIds } from "./superseded.js";

/** A total and its nearest-rank 50th and 95th percentiles, in whole seconds. */
export interface QueueSeconds {
  total: number;
  p50: number;
  p95: number;
}

/** What a set of jobs cost: how many, how long they held runners, how long they waited. */
export interface JobFigures {
  jobs: number;
  /** Jobs that never held a runner: no `started_at`, or concluded `skipped`. */
  jobsNeverStarted: number;
  /** Σ (`completed_at` − `started_at`) over started jobs that completed. */
  occupancySeconds: number;
  /** `started_at` − `created_at` of every started job. */
  queueSeconds: QueueSeconds;
  /** Occupancy of the jobs of attempts after the first (re-runs). */
  rerunOccupancySeconds: number;
}

/** The figures of one workflow, keyed by its file. */
export interface WorkflowFigures extends JobFigures {
  path: string;
  name: string;
  /** Distinct run ids. */
  runs: number;
  cancelledRuns: number;
  supersededRuns: number;
  /** Runner time the cancelled attempts of cancelled runs used. */
  cancelledOccupancySeconds: number;
  /** Runs whose latest attempt is not the first (`run_attempt` > 1). */
  reruns: number;
  /** Runs not completed yet: their jobs still running count only up to now. */
  runsInProgress: number;
  /** Run `created_at` → the first job of its first attempt `started_at`. */
  runQueueSeconds: QueueSeconds;
}

/** The figures of one job name within one workflow (each matrix combination is its own name). */
export interface JobNameFigures extends JobFigures {
  workflow: string;
  name: string;
}

/** The figures of one runner label set (a job's `labels` joined with `,`). */
export interface RunnerFigures extends JobFigures {
  label: string;
}

/** Every figure of the report; the JSON output is this object. */
export interface CostReport {
  workflows: WorkflowFigures[];
  jobs: JobNameFigures[];
  runners: RunnerFigures[];
  totals: Omit<WorkflowFigures, "path" | "name" | "queueSeconds" | "runQueueSeconds"> & {
    queueSeconds: number;
    queueP50Seconds: number;
    queueP95Seconds: number;
    runQueueSeconds: QueueSeconds;
  };
  /** Occupancy and job queue per UTC day a job was created on, oldest first, for charts. */
  days: { date: string; occupancySeconds: number; queueSeconds: number }[];
  /** The first run's creation and the last run's update, ISO 8601; empty without runs. */
  window: { from: string; to: string };
}

/** What the report is computed from: runs, and the jobs of all their attempts. */
export interface CostInputs {
  runs: readonly RunRecord[];
  jobs: readonly JobRecord[];
}

/**
 * Computes the report from runs and the jobs of every attempt. Counting rules: a run listed twice
 * (pages shift while they are read) counts once, at its latest state; a job concluded `skipped`
 * never started, whatever its timestamps say; a job counts under its runner label whether it
 * started or not, so the runners' `jobs` add up to `totals.jobs`. Jobs of runs not listed are left
 * out (their workflow is unknown): {@link orphanJobs} names them.
 */
export function computeCost({ runs, jobs }: CostInputs): CostReport {
  const runById = distinctRuns(runs);
  const allRuns = [...runById.values()];
  const ownJobs = distinctJobs(jobs).filter((job) => runById.has(job.runId));
  const superseded = supersededRunIds(allRuns);

  const jobsByRun = groupBy(ownJobs, (job) => String(job.runId));
  const workflows = [...groupBy(allRuns, (run) => run.path)].map(([path, lane]) => {
    const laneJobs = lane.flatMap((run) => jobsByRun.get(String(run.id)) ?? []);
    const run = runFigures(lane, jobsByRun, superseded);
    const job = jobFigures(laneJobs);
    return keysFirst({ path, name: lane.at(-1)!.name, ...run, ...job }, ["path", "name", "runs", "cancelledRuns", "supersededRuns", "occupancySeconds", "queueSeconds"]);
  });
  workflows.sort((a, b) => b.occupancySeconds - a.occupancySeconds || compare(a.path, b.path));

  const jobNames = [...groupBy(ownJobs, (job) => JSON.stringify([runById.get(job.runId)!.path, job.name]))].map(([key, group]) => {
    const [workflow, name] = JSON.parse(key) as [string, string];
    return { workflow, name, ...jobFigures(group) };
  });
  jobNames.sort((a, b) => b.occupancySeconds - a.occupancySeconds || compare(a.workflow, b.workflow) || compare(a.name, b.name));

  const runners = [...groupBy(ownJobs, (job) => job.labels.join(","))].map(([label, group]) => {
    return keysFirst({ label, ...jobFigures(group) }, ["label", "jobs", "occupancySeconds"]);
  });
  runners.sort((a, b) => b.occupancySeconds - a.occupancySeconds || compare(a.label, b.label));

  const all = jobFigures(ownJobs);
  const { queueSeconds, ...allButQueue } = all;
  const run = runFigures(allRuns, jobsByRun, superseded);
  const totals = keysFirst(
    { ...run, ...allButQueue, queueSeconds: queueSeconds.total, queueP50Seconds: queueSeconds.p50, queueP95Seconds: queueSeconds.p95 },
    ["runs", "jobs", "cancelledRuns", "supersededRuns", "occupancySeconds", "queueSeconds"],
  );
  // a loop, not Math.min(...): spreading a large list overflows the stack
  const from = allRuns.reduce((first, run) => Math.min(first, run.createdAt), Infinity);
  const to = allRuns.reduce((last, run) => Math.max(last, run.updatedAt), -Infinity);
  const iso = (time: number) => new Date(time).toISOString().replace(/\.000Z$/, "Z");
  const window = allRuns.length ? { from: iso(from), to: iso(to) } : { from: "", to: "" };
  const days = [...groupBy(ownJobs, (job) => new Date(job.createdAt).toISOString().slice(0, 10))]
    .map(([date, group]) => {
      const figures = jobFigures(group);
      return { date, occupancySeconds: figures.occupancySeconds, queueSeconds: figures.queueSeconds.total };
    })
    .sort((a, b) => compare(a.date, b.date));
  return { workflows, jobs: jobNames, runners, totals, days, window };
}

/** The jobs whose run is not among the runs, so no figure counts them. */
export function orphanJobs({ runs, jobs }: CostInputs): JobRecord[] {
  const ids = new Set(runs.map((run) => run.id));
  return distinctJobs(jobs).filter((job) => !ids.has(job.runId));
}

/** Whether a job ever held a runner. */
export function hasStarted(job: JobRecord): boolean {
  // GitHub gives skipped jobs timestamps too; they never ran on anything.
  return job.conclusion !== "skipped" && job.startedAt !== undefined;
}

/** The value at nearest rank `percent` of ascending `sorted`: the smallest value with at least that share at or below it; 0 when empty. */
export function nearestRank(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function runFigures(runs: readonly RunRecord[], jobsByRun: ReadonlyMap<string, JobRecord[]>, superseded: ReadonlySet<number>) {
  const cancelled = runs.filter((run) => run.conclusion === "cancelled");
  // Only the cancelled attempt's jobs: an earlier attempt that succeeded was not wasted.
  const cancelledJobs = cancelled.flatMap((run) => (jobsByRun.get(String(run.id)) ?? []).filter((job) => job.runAttempt === run.runAttempt));
  const runQueues: number[] = [];
  for (const run of runs) {
    // A re-run waits for someone to ask for it, not for a runner: the first attempt measures the queue.
    const starts = (jobsByRun.get(String(run.id)) ?? []).filter((job) => job.runAttempt === 1 && hasStarted(job)).map((job) => job.startedAt!);
    if (starts.length) runQueues.push(Math.max(0, starts.reduce((first, start) => Math.min(first, start)) - run.createdAt));
  }
  return {
    runs: runs.length,
    cancelledRuns: cancelled.length,
    supersededRuns: runs.filter((run) => superseded.has(run.id)).length,
    cancelledOccupancySeconds: seconds(sum(cancelledJobs.map(occupancyMs))),
    reruns: runs.filter((run) => run.runAttempt > 1).length,
    runsInProgress: runs.filter((run) => run.status !== "completed").length,
    runQueueSeconds: queueFigures(runQueues),
  };
}

function jobFigures(jobs: readonly JobRecord[]): JobFigures {
  const started = jobs.filter(hasStarted);
  // NOTE: clocks of runners and of the service can disagree by a moment; a negative wait is none.
  const queues = started.map((job) => Math.max(0, job.startedAt! - job.createdAt));
  return {
    jobs: jobs.length,
    jobsNeverStarted: jobs.length - started.length,
    occupancySeconds: seconds(sum(jobs.map(occupancyMs))),
    queueSeconds: queueFigures(queues),
    rerunOccupancySeconds: seconds(sum(jobs.filter((job) => job.runAttempt > 1).map(occupancyMs))),
  };
}

function occupancyMs(job: JobRecord): number {
  if (!hasStarted(job) || job.completedAt === undefined) return 0;
  return Math.max(0, job.completedAt - job.startedAt!);
}

function queueFigures(milliseconds: number[]): QueueSeconds {
  const sorted = milliseconds.sort((a, b) => a - b);
  return { total: seconds(sum(sorted)), p50: seconds(nearestRank(sorted, 50)), p95: seconds(nearestRank(sorted, 95)) };
}

// Runs change state while pages are read: a run listed twice counts once, at its latest update.
function distinctRuns(runs: readonly RunRecord[]): Map<number, RunRecord> {
  const byId = new Map<number, RunRecord>();
  for (const run of runs) {
    const seen = byId.get(run.id);
    if (!seen || run.updatedAt > seen.updatedAt || (run.updatedAt === seen.updatedAt && run.runAttempt > seen.runAttempt)) byId.set(run.id, run);
  }
  return byId;
}

function distinctJobs(jobs: readonly JobRecord[]): JobRecord[] {
  const byId = new Map<number, JobRecord>();
  for (const job of jobs) {
    const seen = byId.get(job.id);
    if (!seen || lastMoment(job) > lastMoment(seen)) byId.set(job.id, job);
  }
  return [...byId.values()];
}

function lastMoment(job: JobRecord): number {
  return job.completedAt ?? job.startedAt ?? job.createdAt;
}

// The keys of the documented JSON shape first, in its order, so the output reads like the docs.
function keysFirst<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  return Object.assign(Object.fromEntries(keys.map((key) => [key, value[key]])), value) as T;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return groups;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

// GitHub's timestamps are whole seconds; a fraction would only be noise.
function seconds(milliseconds: number): number {
  return Math.round(milliseconds / 1000);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
