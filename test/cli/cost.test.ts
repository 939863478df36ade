// `trunkline cost` as users run it: offline from recorded responses, and live through a transport
// that replays recorded pages (never the network). The figures themselves are checked by hand in
// test/cost/cost-figures.test.ts; here, what the command prints, writes and exits with.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cost } from "../../src/cli/commands/cost.js";
import type { RestPage, Transport } from "../../src/cost/index.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { BASIC, fixtureFiles } from "../cost/_fixtures.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const DATA = Object.fromEntries(fixtureFiles(BASIC).map((file) => [`cost-data/${file.name}`, file.text]));
let repo: TempRepo | undefined;
afterEach(async () => {
  await repo?.dispose();
  repo = undefined;
});
const open = async (files: Record<string, string>) => (repo = await createTempRepo(files));

// The keys the JSON sample names: they must all be there, with numbers.
const WORKFLOW_KEYS = ["path", "name", "runs", "cancelledRuns", "supersededRuns", "occupancySeconds", "queueSeconds"];
const TOTAL_KEYS = ["runs", "jobs", "cancelledRuns", "supersededRuns", "occupancySeconds", "queueSeconds"];

describe("trunkline cost --from", () => {
  it("issue 14.4: --format json prints one document of the documented shape, from every *.json at any depth", async () => {
    const temp = await open(DATA);
    const result = await temp.run(["cost", "--from", "cost-data", "--format", "json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    for (const workflow of report.workflows) expect(Object.keys(workflow)).toEqual(expect.arrayContaining(WORKFLOW_KEYS));
    expect(Object.keys(report.totals)).toEqual(expect.arrayContaining(TOTAL_KEYS));
    // jobs/deploy/*.json are two folders down: without them deploy.yml would have no jobs
    expect(report.workflows.find((workflow: { path: string }) => workflow.path === ".github/workflows/deploy.yml")).toMatchObject({
      name: "Deploy", runs: 2, cancelledRuns: 1, supersededRuns: 0, occupancySeconds: 0, queueSeconds: { total: 60, p50: 60, p95: 60 },
    });
    // hand-computed in test/cost/cost-figures.test.ts
    expect(report.totals).toMatchObject({ runs: 5, jobs: 10, cancelledRuns: 2, supersededRuns: 1, occupancySeconds: 1850, queueSeconds: 285 });
    expect(report.runners).toEqual(expect.arrayContaining([{ label: "ubuntu-latest", jobs: 6, occupancySeconds: 1430, jobsNeverStarted: 1, queueSeconds: expect.any(Object), rerunOccupancySeconds: 240 }]));
    for (const value of [report.totals.occupancySeconds, report.totals.queueSeconds]) expect(Number.isInteger(value)).toBe(true);
  });

  it("issue 14.1: --since and --workflow narrow the report; paths are relative to where it runs", async () => {
    const temp = await open({ ...DATA, "sub/.keep": "" });
    const late = await temp.run(["cost", "--from", "../cost-data", "--since", "2026-01-05T11:30:00Z", "--format", "json"], {}, { cwd: "sub" });
    expect(late.code, late.stderr).toBe(0);
    expect(JSON.parse(late.stdout).totals).toMatchObject({ runs: 2, jobs: 2 });
    const ci = await temp.run(["cost", "--from", "cost-data", "--workflow", "ci.yml", "--format", "json"]);
    expect(JSON.parse(ci.stdout).workflows.map((workflow: { path: string }) => workflow.path)).toEqual([".github/workflows/ci.yml"]);
  });

  it("issue 14.4: pretty is a table per workflow, runner and job; markdown has tables and a Mermaid chart", async () => {
    const temp = await open(DATA);
    // pretty by default, in Actions too: cost has no github format
    const pretty = await temp.run(["cost", "--from", "cost-data"], { GITHUB_ACTIONS: "true" });
    expect(pretty.code, pretty.stderr).toBe(0);
    const workflowRow = pretty.stdout.split("\n").find((line) => line.startsWith(".github/workflows/ci.yml"))!;
    // runs, re-runs, cancelled, superseded, cancelled time, occupancy, queue, p50, p95, run queue p95
    // (ci.yml's run queues are 30, 10 and 20 s: nearest rank ⌈0.95·3⌉ = 3 → 30 s)
    expect(workflowRow.split(/\s{2,}/).slice(1)).toEqual(["3", "1", "1", "1", "2m 50s", "30m 50s", "3m 45s", "20s", "2m 00s", "30s"]);
    const markdown = await temp.run(["cost", "--from", "cost-data", "--format", "markdown"]);
    expect(markdown.code).toBe(0);
    const chart = /```mermaid\n([\s\S]*?)```/.exec(markdown.stdout)?.[1];
    expect(chart).toContain("xychart-beta");
    // one day, 1850 s of occupancy and 285 s of queue, in minutes
    expect(chart).toContain('x-axis ["01-05"]');
    expect(chart).toContain("bar [30.8]");
    expect(chart).toContain("line [4.8]");
    // self-hosted,arc-local: jobs 1003, 4001, 5001; 4001 never started; 420 s; queues 120 and 60 → p95 rank 2 → 120 s
    expect(markdown.stdout).toContain("| self-hosted,arc-local | 3 | 1 | 7m 00s | 2m 00s |");
  });

  it("issue 14.5: a budget exceeded exits 1 and names each one; budgets kept say so", async () => {
    const temp = await open({
      ...DATA,
      "trunkline.config.ts": `export default { cost: { budgets: [
        { occupancyHoursPerWeek: 3, cancelledShare: 0.5 },
        { workflow: "ci.yml", queueP95Seconds: 100 },
        { workflow: "deploy.yml", queueP95Seconds: 100 },
      ] } };\n`,
    });
    const result = await temp.run(["cost", "--from", "cost-data", "--format", "json"]);
    expect(result.code, result.stderr).toBe(1);
    const { budgets } = JSON.parse(result.stdout);
    // The window is 10:00 → 12:50, under a day, so it counts as one day: 1850 s = 0.514 h a day → 3.6 h a week.
    // cancelled: 2 of 5 runs = 0.4 ≤ 0.5. p95 queue: ci.yml 120 s > 100; deploy.yml 60 s ≤ 100.
    expect(budgets).toEqual([
      { workflow: "", budget: "occupancyHoursPerWeek", limit: 3, actual: 3.6, exceeded: true },
      { workflow: "", budget: "cancelledShare", limit: 0.5, actual: 0.4, exceeded: false },
      { workflow: ".github/workflows/ci.yml", budget: "queueP95Seconds", limit: 100, actual: 120, exceeded: true },
      { workflow: ".github/workflows/deploy.yml", budget: "queueP95Seconds", limit: 100, actual: 60, exceeded: false },
    ]);
    const exceeded = result.stderr.split("\n").filter((line) => line.includes("budget exceeded"));
    expect(exceeded).toHaveLength(2);
    expect(exceeded[0]).toContain("all workflows runner occupancy (hours per week) is 3.6, over its limit of 3");
    expect(exceeded[1]).toContain(".github/workflows/ci.yml p95 job queue (seconds) is 120, over its limit of 100");
  });

  it("issue 14.6: --budget adds budgets to the config's, checked the same way", async () => {
    const temp = await open({ ...DATA, "trunkline.config.ts": "export default { cost: { budgets: [{ cancelledShare: 0.5 }] } };\n" });
    const result = await temp.run(["cost", "--from", "cost-data", "--format", "json", "--budget", "occupancyHoursPerWeek=3", "--budget", "workflow=deploy.yml,queueP95Seconds=100"]);
    expect(result.code, result.stderr).toBe(1);
    expect(JSON.parse(result.stdout).budgets).toEqual([
      { workflow: "", budget: "cancelledShare", limit: 0.5, actual: 0.4, exceeded: false },
      { workflow: "", budget: "occupancyHoursPerWeek", limit: 3, actual: 3.6, exceeded: true },
      { workflow: ".github/workflows/deploy.yml", budget: "queueP95Seconds", limit: 100, actual: 60, exceeded: false },
    ]);
    const kept = await temp.run(["cost", "--from", "cost-data", "--format", "json", "--budget", "occupancyHoursPerWeek=4"]);
    expect(kept.code, kept.stderr).toBe(0);
  });

  it("issue 14.6: a --budget that is not one is a usage error (exit 3) naming what is wrong", async () => {
    const temp = await open(DATA);
    for (const [text, problem] of [
      ["ocupancyHoursPerWeek=3", '"ocupancyHoursPerWeek=3" is not one of'],
      ["cancelledShare=20", "cancelledShare is a share from 0 to 1"],
      ["queueP95Seconds=soon", "queueP95Seconds must be a number"],
      ["workflow=ci.yml", "sets no limit"],
      ["queueP95Seconds=1,queueP95Seconds=2", "queueP95Seconds is given twice"],
    ] as const) {
      const result = await temp.run(["cost", "--from", "cost-data", "--budget", text]);
      expect(result.code, text).toBe(3);
      expect(result.stderr, text).toContain(problem);
    }
  });

  it("issue 14.5: a misspelt or wrong budget is a config error (exit 2), never ignored", async () => {
    const temp = await open({ ...DATA, "trunkline.config.ts": "export default { cost: { budgets: [{ ocupancyHoursPerWeek: 3 }, { cancelledShare: 20 }] } };\n" });
    const result = await temp.run(["cost", "--from", "cost-data"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cost.budgets[0].ocupancyHoursPerWeek is not a setting");
    expect(result.stderr).toContain('did you mean "occupancyHoursPerWeek"');
    expect(result.stderr).toContain("cost.budgets[1].cancelledShare is a share from 0 to 1");
  });

  it("issue 14.2: a malformed file and a time without a zone are named; json still prints one document", async () => {
    const temp = await open({
      ...DATA,
      "cost-data/extra/broken.json": "{ not json",
      "cost-data/extra/zoneless.json": JSON.stringify({ jobs: [{ id: 1, run_id: 101, name: "x", created_at: "2026-01-05 10:00:00", labels: [] }] }),
    });
    const result = await temp.run(["cost", "--from", "cost-data", "--format", "json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cost-data/extra/broken.json is not JSON");
    expect(result.stderr).toContain("cost-data/extra/zoneless.json");
    expect(result.stderr).toContain("jobs[0].created_at");
    expect(result.stderr).toContain("without a zone");
    const document = JSON.parse(result.stdout);
    expect(document.totals.runs).toBe(0);
    expect(document.diagnostics.map((diagnostic: { file: string }) => diagnostic.file)).toEqual(["cost-data/extra/broken.json", "cost-data/extra/zoneless.json"]);
  });

  it("issue 14.1: a missing --from folder exits 2; bad flags exit 3", async () => {
    const temp = await open(DATA);
    expect((await temp.run(["cost", "--from", "nope"])).code).toBe(2);
    expect((await temp.run(["cost", "--from", "cost-data", "--since", "last week"])).code).toBe(3);
    expect((await temp.run(["cost", "--from", "cost-data", "--save", "x"])).code).toBe(3);
    expect((await temp.run(["cost", "--from", "cost-data", "--format", "sarif"])).code).toBe(3);
    expect((await temp.run(["cost", "--from", "cost-data", "--force"])).code).toBe(3);
    expect((await temp.run(["cost", "--repo", "not a repo"])).code).toBe(3);
  });
});

/** A transport replaying the fixture's pages at the paths the REST API serves them, recording each request. */
function replay(repoName: string): Transport & { requests: string[] } {
  const files = Object.fromEntries(fixtureFiles(BASIC).map((file) => [file.name, JSON.parse(file.text)]));
  const pages = new Map<string, RestPage>();
  const serve = (first: string, responses: unknown[]) =>
    responses.forEach((response, index) => {
      const at = index === 0 ? first : `${first}&page=${index + 1}`;
      pages.set(at, { status: 200, body: JSON.stringify(response), ...(index + 1 < responses.length ? { next: `${first}&page=${index + 2}` } : {}) });
    });
  serve(`/repos/${repoName}/actions/runs?per_page=100`, files["runs.json"]);
  for (const [name, value] of Object.entries(files)) {
    const id = /(\d+)\.json$/.exec(name)?.[1];
    if (name.includes("jobs/") && id) serve(`/repos/${repoName}/actions/runs/${id}/jobs?filter=all&per_page=100`, Array.isArray(value) ? value : [value]);
  }
  const requests: string[] = [];
  return {
    requests,
    signInHint: "sign in",
    async get(at) {
      requests.push(at);
      // every recorded run is recent: the server's created filter would keep them all
      return pages.get(at.replace(/&created=[^&]*/, "")) ?? { status: 404, body: '{"message":"Not Found"}' };
    },
  };
}

describe("trunkline cost, live", () => {
  const runCost = async (temp: TempRepo, options: Parameters<typeof cost>[0], transport: Transport) => {
    let stdout = "";
    let stderr = "";
    const io = createNodeIo(temp.root, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, {});
    const code = await cost(options, io, { transport, now: Date.parse("2026-01-06T00:00:00Z") });
    return { code, stdout, stderr };
  };

  it("issue 14.2: pages are followed, --save records what --from reads back, and the cache spares finished runs", async () => {
    const temp = await open({ ".git/config": '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:octo-org/web.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n' });
    const first = replay("octo-org/web");
    const live = await runCost(temp, { save: "recorded", format: "json" }, first);
    expect(live.code, live.stderr).toBe(0);
    // both pages of runs; the jobs of each of the 5 distinct runs once, both pages of 103's
    expect(first.requests.filter((request) => request.includes("/actions/runs?"))).toHaveLength(2);
    expect(first.requests.filter((request) => request.includes("/jobs?")).sort()).toEqual(
      [101, 102, 103, 103, 104, 105].map((id, index, ids) => `/repos/octo-org/web/actions/runs/${id}/jobs?filter=all&per_page=100${index > 0 && ids[index - 1] === id ? "&page=2" : ""}`).sort(),
    );
    const report = JSON.parse(live.stdout);
    expect(report.totals).toMatchObject({ runs: 5, jobs: 10, occupancySeconds: 1850, queueSeconds: 285, supersededRuns: 1 });

    const offline = await temp.run(["cost", "--from", "recorded", "--format", "json"]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(JSON.parse(offline.stdout)).toEqual(report);

    // A second report: the runs are listed again, but only the run still in progress (105) has its jobs fetched.
    const second = replay("octo-org/web");
    const again = await runCost(temp, { format: "json" }, second);
    expect(again.code).toBe(0);
    expect(second.requests.filter((request) => request.includes("/jobs?"))).toEqual(["/repos/octo-org/web/actions/runs/105/jobs?filter=all&per_page=100"]);
    expect(JSON.parse(again.stdout)).toEqual(report);
  });

  it("issue 14.2: --since is sent as the API's created filter, 7 days back by default", async () => {
    const temp = await open({});
    const given = replay("octo-org/web");
    expect((await runCost(temp, { repo: "octo-org/web", since: "1d", format: "json" }, given)).code).toBe(0);
    expect(given.requests[0]).toBe("/repos/octo-org/web/actions/runs?per_page=100&created=%3E%3D2026-01-05T00%3A00%3A00Z");
    // now is 2026-01-06T00:00:00Z in these tests
    const byDefault = replay("octo-org/web");
    expect((await runCost(temp, { repo: "octo-org/web", format: "json" }, byDefault)).code).toBe(0);
    expect(byDefault.requests[0]).toBe("/repos/octo-org/web/actions/runs?per_page=100&created=%3E%3D2025-12-30T00%3A00%3A00Z");
  });

  it("issue 14.2: a refusal exits 2 and says what to do; json still prints one document", async () => {
    const temp = await open({});
    const result = await runCost(temp, { repo: "octo-org/gone", format: "json" }, replay("octo-org/web"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("answered 404");
    expect(result.stderr).toContain("check --repo");
    expect(JSON.parse(result.stdout).diagnostics).toHaveLength(1);
  });

  it("issue 14.1: --workflow lists every run but fetches only that workflow's jobs", async () => {
    const temp = await open({});
    const transport = replay("octo-org/web");
    const result = await runCost(temp, { repo: "octo-org/web", workflow: "deploy.yml", format: "json" }, transport);
    expect(result.code, result.stderr).toBe(0);
    expect(transport.requests.filter((request) => request.includes("/jobs?")).sort()).toEqual([104, 105].map((id) => `/repos/octo-org/web/actions/runs/${id}/jobs?filter=all&per_page=100`));
    expect(JSON.parse(result.stdout).totals).toMatchObject({ runs: 2, jobs: 2 });
  });

  it("issue 14.1: without --repo or a GitHub origin it says to pass --repo (exit 3)", async () => {
    const temp = await open({});
    const result = await runCost(temp, { format: "pretty" }, replay("octo-org/web"));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("--repo OWNER/NAME");
  });
});

describe("trunkline cost, the process", () => {
  it("issue 14.4: node bin/trunkline.js cost --format json prints the report on stdout and exits 0", async () => {
    const temp = await open(DATA);
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "trunkline.js"), "cost", "--from", "cost-data", "--format", "json"], { cwd: temp.root, env: { ...process.env, GITHUB_ACTIONS: "" } });
    let stdout = "";
    child.stdout.on("data", (chunk) => void (stdout += chunk));
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    clearTimeout(killer);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.occupancySeconds).toBe(1850);
  }, 90_000);

  it("issue 14.1: the bundle loads the cost report only for cost, so gen's start-up does not pay for it", () => {
    // the test above ran bin/trunkline.js, which rebuilt dist/ from these sources
    const cli = readFileSync(path.join(REPO_ROOT, "dist", "cli.js"), "utf8");
    // the chunk a dynamic import loads that holds the cost report (its markdown chart)
    const lazyChunks = [...cli.matchAll(/import\("\.\/chunks\/([^"]+\.js)"\)/g)].map((match) => match[1]!);
    const costChunk = lazyChunks.find((chunk) => readFileSync(path.join(REPO_ROOT, "dist", "chunks", chunk), "utf8").includes("xychart-beta"));
    expect(costChunk).toBeDefined();
    // no static import of it, from the entry or from any chunk the entry imports statically
    const staticImports = (text: string) => [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[^("']*?from\s*)?"\.\/(?:chunks\/)?([^"]+)"/g)].map((match) => match[1]!.replace(/^chunks\//, ""));
    const seen = new Set<string>();
    const walk = (file: string, text: string) => {
      for (const imported of staticImports(text)) {
        if (seen.has(imported)) continue;
        seen.add(imported);
        walk(imported, readFileSync(path.join(REPO_ROOT, "dist", "chunks", imported), "utf8"));
      }
    };
    walk("cli.js", cli);
    expect(seen.size).toBeGreaterThan(0);
    expect([...seen]).not.toContain(costChunk);
    expect(cli).not.toContain("xychart-beta");
    for (const chunk of seen) expect(readFileSync(path.join(REPO_ROOT, "dist", "chunks", chunk), "utf8")).not.toContain("xychart-beta");
  });
});

describe("the README's CI cost section", () => {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## CI cost\n"), readme.indexOf("\n## Validation\n"));
  const block = (fence: string, language: string) => new RegExp(`${fence}${language}\\n([\\s\\S]*?)\\n${fence}\\n`).exec(section)![1]!;

  it("issue 14.4: shows samples of each format that the fixture really prints", async () => {
    const temp = await open(DATA);
    const printed = async (format: string) => (await temp.run(["cost", "--from", "cost-data", "--format", format])).stdout;
    const pretty = await printed("pretty");
    for (const line of block("```", "text").split("\n")) expect(pretty.split("\n")).toContain(line);
    const markdown = await printed("markdown");
    for (const line of block("````", "markdown").split("\n")) expect(markdown.split("\n")).toContain(line);
    const json = JSON.parse(await printed("json"));
    const sample = JSON.parse(block("```", "json"));
    expect(json.totals).toMatchObject(sample.totals);
    for (const workflow of sample.workflows) expect(json.workflows.find((entry: { path: string }) => entry.path === workflow.path)).toMatchObject(workflow);
    for (const runner of sample.runners) expect(json.runners.find((entry: { label: string }) => entry.label === runner.label)).toMatchObject(runner);
  });
});
