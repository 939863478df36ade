// The figures of `trunkline cost`, each checked against an answer computed by hand from
// fixtures/basic (times are on 2026-01-05, UTC):
//
// runs.json (two pages, as `gh api --paginate --slurp` writes them; run 103 is on both):
//   101 ci.yml  push main       created 10:00:00 updated 10:10:00 success
//   102 ci.yml  push feature-x  created 11:00:00 updated 11:03:00 cancelled  ← 103 created 11:02 < 11:03: superseded
//   103 ci.yml  push feature-x  created 11:02:00 updated 11:20:00 success, run_attempt 2 (page 1 still shows attempt 1, in progress)
//   104 deploy  dispatch main   created 12:00:00 updated 12:30:00 cancelled while queued; nothing newer before 12:30: not superseded
//   105 deploy  dispatch main   created 12:40:00 updated 12:50:00 in progress
// jobs (created → started → completed; occupancy, queue):
//   1001 build              ubuntu-latest          10:00:00 → 10:00:30 → 10:05:30   300 s, 30 s
//   1002 test (ubuntu, 20)  ubuntu-latest          10:00:00 → 10:00:40 → 10:08:40   480 s, 40 s
//   1003 test (self, 20)    self-hosted,arc-local  10:00:00 → 10:02:00 → 10:09:00   420 s, 120 s
//   1004 docs               (no labels) skipped, with timestamps 10:00:01 → never started
//   2001 build              ubuntu-latest          11:00:00 → 11:00:10 → 11:03:00   170 s, 10 s (cancelled)
//   2002 test (ubuntu, 20)  ubuntu-latest          started_at null → never started (cancelled)
//   3001 build, attempt 1   ubuntu-latest          11:02:00 → 11:02:20 → 11:06:20   240 s, 20 s
//   3101 build, attempt 2   ubuntu-latest          11:15:00 → 11:15:05 → 11:19:05   240 s, 5 s (re-run)
//   4001 deploy             self-hosted,arc-local  started_at null → never started (cancelled while queued)
//   5001 deploy             self-hosted,arc-local  12:40:00 → 12:41:00 → (running)  0 s, 60 s
import { describe, expect, it } from "vitest";
import { computeCost, nearestRank, orphanJobs, selectRuns, supersededRunIds } from "../../src/cost/index.js";
import { BASIC, fixtureInputs } from "./_fixtures.js";

const inputs = fixtureInputs(BASIC);
const report = computeCost(inputs);
const workflow = (file: string) => report.workflows.find((entry) => entry.path === `.github/workflows/${file}`)!;
const runner = (label: string) => report.runners.find((entry) => entry.label === label)!;
const job = (file: string, name: string) => report.jobs.find((entry) => entry.workflow === `.github/workflows/${file}` && entry.name === name)!;

describe("cost figures", () => {
  it("issue 14.3: runs count distinct run ids, at the latest state of a run listed twice", () => {
    // 6 run entries across the two pages, 5 ids; 103 counts once, as its later entry (attempt 2)
    expect(inputs.runs).toHaveLength(6);
    expect(report.totals.runs).toBe(5);
    expect(workflow("ci.yml").runs).toBe(3);
    expect(workflow("deploy.yml").runs).toBe(2);
    // re-runs: only 103's latest attempt is 2
    expect(report.totals.reruns).toBe(1);
    // in progress: 105 (103's in-progress entry is the older one)
    expect(report.totals.runsInProgress).toBe(1);
  });

  it("issue 14.3: occupancy sums completed − started over jobs that have both and ran", () => {
    // 300 + 480 + 420 + 170 + 240 + 240; 1004 is skipped, 2002 and 4001 never started, 5001 is running
    expect(report.totals.occupancySeconds).toBe(1850);
    expect(workflow("ci.yml").occupancySeconds).toBe(1850);
    expect(workflow("deploy.yml").occupancySeconds).toBe(0);
  });

  it("issue 14.3: job queue is started − created per started job: total, p50 and p95 by nearest rank", () => {
    // all: 30 40 120 10 20 5 60 → sorted 5 10 20 30 40 60 120; total 285;
    // p50 = rank ⌈0.5·7⌉ = 4 → 30; p95 = rank ⌈0.95·7⌉ = 7 → 120
    expect([report.totals.queueSeconds, report.totals.queueP50Seconds, report.totals.queueP95Seconds]).toEqual([285, 30, 120]);
    // ci.yml: 5 10 20 30 40 120 → total 225; p50 = rank 3 → 20; p95 = rank ⌈5.7⌉ = 6 → 120
    expect(workflow("ci.yml").queueSeconds).toEqual({ total: 225, p50: 20, p95: 120 });
    // deploy.yml: only 5001 started (60 s); 4001 never did and does not count as a wait
    expect(workflow("deploy.yml").queueSeconds).toEqual({ total: 60, p50: 60, p95: 60 });
  });

  it("issue 14.3: run queue is run created → its first job started, over the first attempt", () => {
    // 101: 10:00:30 − 10:00:00 = 30; 102: 10; 103: 11:02:20 − 11:02:00 = 20 (not the re-run's 11:15:05);
    // 104: no job started, no value; 105: 60 → sorted 10 20 30 60: total 120, p50 rank 2 → 20, p95 rank 4 → 60
    expect(report.totals.runQueueSeconds).toEqual({ total: 120, p50: 20, p95: 60 });
  });

  it("issue 14.3: cancelled runs, the runner time they used, and never-started jobs", () => {
    // 102 and 104; 102's build ran 170 s before it was cancelled, 104 never got a runner
    expect(report.totals.cancelledRuns).toBe(2);
    expect(report.totals.cancelledOccupancySeconds).toBe(170);
    expect(workflow("ci.yml").cancelledOccupancySeconds).toBe(170);
    // 1004 (skipped, although it has timestamps), 2002 and 4001 (started_at null)
    expect(report.totals.jobsNeverStarted).toBe(3);
    expect(job("ci.yml", "docs")).toMatchObject({ jobs: 1, jobsNeverStarted: 1, occupancySeconds: 0, queueSeconds: { total: 0, p50: 0, p95: 0 } });
  });

  it("issue 14.3: a cancelled run is superseded only when a newer run of its lane was created before it was cancelled", () => {
    // 102: 103 (same path, push, feature-x) created 11:02 before 102's updated_at 11:03.
    // 104: cancelled by hand at 12:30; 105 came at 12:40, after, so 104 is not superseded.
    expect([...supersededRunIds(inputs.runs)]).toEqual([102]);
    expect(report.totals.supersededRuns).toBe(1);
    expect(workflow("ci.yml").supersededRuns).toBe(1);
    expect(workflow("deploy.yml")).toMatchObject({ cancelledRuns: 1, supersededRuns: 0 });
  });

  it("issue 14.3: every attempt's jobs count, and the re-run's runner time is shown apart", () => {
    // build: 1001, 2001, 3001 (attempt 1) and 3101 (attempt 2) → 300 + 170 + 240 + 240
    expect(job("ci.yml", "build")).toMatchObject({ jobs: 4, occupancySeconds: 950, rerunOccupancySeconds: 240 });
    expect(report.totals.rerunOccupancySeconds).toBe(240);
    expect(report.totals.jobs).toBe(10);
  });

  it("issue 14.3: runner labels (joined with ,) count every job listed with them, so they add up to the total", () => {
    // ubuntu-latest: 1001 1002 2001 2002 3001 3101 (2002 never started) → 300+480+170+240+240
    expect(runner("ubuntu-latest")).toMatchObject({ jobs: 6, jobsNeverStarted: 1, occupancySeconds: 1430 });
    // self-hosted,arc-local: 1003 4001 5001 → 420
    expect(runner("self-hosted,arc-local")).toMatchObject({ jobs: 3, jobsNeverStarted: 1, occupancySeconds: 420 });
    // the skipped job has no labels
    expect(runner("")).toMatchObject({ jobs: 1, occupancySeconds: 0 });
    expect(report.runners.reduce((total, entry) => total + entry.jobs, 0)).toBe(report.totals.jobs);
  });

  it("issue 14.3: matrix jobs are figures of their own", () => {
    expect(job("ci.yml", "test (ubuntu, 20)")).toMatchObject({ jobs: 2, jobsNeverStarted: 1, occupancySeconds: 480 });
    expect(job("ci.yml", "test (self, 20)")).toMatchObject({ jobs: 1, occupancySeconds: 420, queueSeconds: { total: 120, p50: 120, p95: 120 } });
  });

  it("issue 14.1: --since and --workflow select runs, and the jobs of those runs", () => {
    const late = computeCost(selectRuns(inputs, { since: Date.parse("2026-01-05T11:30:00Z") }));
    // only 104 and 105 were created after 11:30
    expect(late.totals).toMatchObject({ runs: 2, jobs: 2, occupancySeconds: 0, cancelledRuns: 1 });
    const ci = computeCost(selectRuns(inputs, { workflow: "ci.yml" }));
    expect(ci.workflows.map((entry) => entry.path)).toEqual([".github/workflows/ci.yml"]);
    expect(ci.totals).toMatchObject({ runs: 3, jobs: 8, occupancySeconds: 1850 });
  });

  it("issue 14.3: nearest rank takes the smallest value with at least that share at or below it", () => {
    expect(nearestRank([], 95)).toBe(0);
    expect(nearestRank([7], 50)).toBe(7);
    // 20 values 1..20: p95 rank ⌈19⌉ = 19 → 19; p50 rank 10 → 10
    const twenty = Array.from({ length: 20 }, (_, index) => index + 1);
    expect([nearestRank(twenty, 50), nearestRank(twenty, 95)]).toEqual([10, 19]);
  });

  it("issue 14.3: jobs of a run no file lists are left out of every figure, and named", () => {
    const stray = { ...inputs.jobs[0]!, id: 9999, runId: 999 };
    const withStray = { runs: inputs.runs, jobs: [...inputs.jobs, stray] };
    expect(computeCost(withStray).totals).toEqual(report.totals);
    expect(orphanJobs(withStray).map((job) => job.id)).toEqual([9999]);
  });

  it("issue 14.3: a job listed twice counts once, at its latest state", () => {
    // 5001 was running when first recorded; a later page shows it completed at 12:43:00 → 120 s
    const running = inputs.jobs.find((entry) => entry.id === 5001)!;
    const twice = computeCost({ runs: inputs.runs, jobs: [...inputs.jobs, { ...running, completedAt: Date.parse("2026-01-05T12:43:00Z") }] });
    expect(twice.totals.jobs).toBe(10);
    expect(twice.totals.occupancySeconds).toBe(1850 + 120);
  });

  it("issue 14.3: no runs give zero figures, not NaN", () => {
    const empty = computeCost({ runs: [], jobs: [] });
    expect(empty.totals).toMatchObject({ runs: 0, jobs: 0, occupancySeconds: 0, queueSeconds: 0, queueP95Seconds: 0 });
    expect(empty.window).toEqual({ from: "", to: "" });
  });
});
