// `trunkline cost --from` over recorded responses holding `jobs` jobs: 10 jobs a run, a page of
// 100 runs per response, one jobs file per run, the way `--save` records them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Timing, expectSuccess, timeCommand } from "./time-command.js";

const JOBS_PER_RUN = 10;
const LABELS = [["ubuntu-latest"], ["self-hosted", "arc-local"], ["macos-latest"]];

/** Times `trunkline cost --from cost-data --format json` over `jobs` recorded jobs, checking it counted them all. */
export function benchCost(jobs: number, options: { bin: string; runs: number; progress: (text: string) => void }): Timing {
  const root = mkdtempSync(path.join(tmpdir(), "trunkline-bench-cost-"));
  try {
    writeFileSync(path.join(root, "package.json"), '{ "type": "module", "devDependencies": { "trunkline": "*" } }\n');
    writeCostData(path.join(root, "cost-data"), jobs);
    options.progress(`cost --from, ${jobs} jobs …\n`);
    const succeeded = expectSuccess("trunkline", ["cost"]);
    return timeCommand(process.execPath, [options.bin, "cost", "--from", "cost-data", "--format", "json"], {
      cwd: root,
      runs: options.runs,
      env: { ...process.env, GITHUB_ACTIONS: "" },
      check: (result) => {
        succeeded(result);
        const counted = (JSON.parse(result.stdout) as { totals: { jobs: number } }).totals.jobs;
        if (counted !== jobs) throw new Error(`trunkline cost counted ${counted} jobs of ${jobs}`);
      },
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Writes recorded responses holding `jobs` jobs under `folder`. */
export function writeCostData(folder: string, jobs: number): void {
  mkdirSync(path.join(folder, "jobs"), { recursive: true });
  const start = Date.parse("2026-01-05T00:00:00Z");
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
  const runCount = Math.ceil(jobs / JOBS_PER_RUN);
  const runs = Array.from({ length: runCount }, (_, index) => {
    const created = start + index * 60_000;
    return {
      id: 1000 + index, name: `W${index % 7}`, path: `.github/workflows/w${index % 7}.yml`, event: "push", head_branch: `branch-${index % 13}`,
      status: "completed", conclusion: index % 9 === 0 ? "cancelled" : "success", run_attempt: 1 + (index % 17 === 0 ? 1 : 0),
      created_at: iso(created), run_started_at: iso(created), updated_at: iso(created + 20 * 60_000),
    };
  });
  const pages = [];
  for (let page = 0; page * 100 < runs.length; page++) pages.push({ total_count: runs.length, workflow_runs: runs.slice(page * 100, page * 100 + 100) });
  writeFileSync(path.join(folder, "runs.json"), JSON.stringify(pages));
  let written = 0;
  for (const run of runs) {
    const created = Date.parse(run.created_at);
    const list = [];
    for (let job = 0; job < JOBS_PER_RUN && written < jobs; job++, written++) {
      const started = created + ((written * 7919) % 300) * 1000;
      list.push({
        id: 100_000 + written, run_id: run.id, run_attempt: 1, name: `job ${job}`, status: "completed", conclusion: job === 9 ? "skipped" : "success",
        created_at: run.created_at, started_at: iso(started), completed_at: iso(started + ((written * 104_729) % 900) * 1000), labels: LABELS[job % LABELS.length], runner_name: `runner-${job}`,
      });
    }
    writeFileSync(path.join(folder, "jobs", `${run.id}.json`), JSON.stringify({ total_count: list.length, jobs: list }));
  }
}
