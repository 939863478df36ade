import { describe, expect, it } from "vitest";
import { readResponses } from "../../src/cost/index.js";

const run = { id: 1, name: "CI", path: ".github/workflows/ci.yml", event: "push", head_branch: "main", status: "completed", conclusion: "success", created_at: "2026-01-05T10:00:00Z", updated_at: "2026-01-05T10:05:00Z", run_attempt: 1 };
const job = { id: 9, run_id: 1, run_attempt: 1, name: "build", conclusion: "success", created_at: "2026-01-05T10:00:00Z", started_at: "2026-01-05T10:00:10+01:00", completed_at: null, labels: ["ubuntu-latest"], runner_name: null };

describe("recorded responses", () => {
  it("issue 14.2: a file is recognised by its shape: one response of either endpoint, or an array of them", () => {
    expect(readResponses("a.json", JSON.stringify({ total_count: 1, workflow_runs: [run] })).runs).toHaveLength(1);
    expect(readResponses("b.json", JSON.stringify({ total_count: 1, jobs: [job] })).jobs).toHaveLength(1);
    // what gh api --paginate --slurp writes; a mixed array is read too
    const slurped = readResponses("c.json", JSON.stringify([{ workflow_runs: [run] }, { workflow_runs: [{ ...run, id: 2 }] }, { jobs: [job] }]));
    expect(slurped.runs.map((entry) => entry.id)).toEqual([1, 2]);
    expect(slurped.jobs).toHaveLength(1);
    expect(slurped.diagnostics).toEqual([]);
  });

  it("issue 14.2: times keep their zone; a missing completed_at is a job still running", () => {
    const read = readResponses("b.json", JSON.stringify({ jobs: [job] }));
    // 10:00:10 at +01:00 is 09:00:10 UTC
    expect(read.jobs[0]!.startedAt).toBe(Date.parse("2026-01-05T09:00:10Z"));
    expect(read.jobs[0]!.completedAt).toBeUndefined();
  });

  it("issue 14.2: a time without a zone is refused, naming the file and the field", () => {
    const read = readResponses("runs/page.json", JSON.stringify([{ workflow_runs: [run, { ...run, id: 2, created_at: "2026-01-05T10:00:00" }] }]));
    expect(read.runs.map((entry) => entry.id)).toEqual([1]);
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({ rule: "cost", severity: "error", file: "runs/page.json", path: [0, "workflow_runs", 1, "created_at"] });
    expect(read.diagnostics[0]!.message).toContain("without a zone");
    expect(read.diagnostics[0]!.hint).toContain("2026-01-05T10:00:00Z");
  });

  it("issue 14.2: a malformed file is named in the error", () => {
    const notJson = readResponses("data/broken.json", '{"workflow_runs": [');
    expect(notJson.diagnostics).toHaveLength(1);
    expect(notJson.diagnostics[0]).toMatchObject({ file: "data/broken.json" });
    expect(notJson.diagnostics[0]!.message).toMatch(/^data\/broken\.json is not JSON/);

    const otherShape = readResponses("data/other.json", JSON.stringify({ total_count: 0, artifacts: [] }));
    expect(otherShape.diagnostics[0]).toMatchObject({ file: "data/other.json", path: [] });
    expect(otherShape.diagnostics[0]!.message).toContain('no "workflow_runs" or "jobs" array');

    const badField = readResponses("data/jobs.json", JSON.stringify({ jobs: [{ ...job, id: "9" }, { ...job, id: 10, labels: "ubuntu-latest" }] }));
    expect(badField.diagnostics.map((diagnostic) => diagnostic.path)).toEqual([["jobs", 0, "id"], ["jobs", 1, "labels"]]);
    expect(badField.jobs).toEqual([]);
  });

  it("issue 14.2: a run without its workflow path is refused: figures are keyed by it", () => {
    const { path: _path, ...noPath } = run;
    const read = readResponses("r.json", JSON.stringify({ workflow_runs: [noPath] }));
    expect(read.diagnostics.map((diagnostic) => diagnostic.path)).toEqual([["workflow_runs", 0, "path"]]);
  });
});
