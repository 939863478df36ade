import { describe, expect, it } from "vitest";
import { GATE_SCRIPT, alwaysRunGate } from "../../src/blocks/gate.js";
import { guardForks } from "../../src/blocks/runners.js";
import { job, workflow } from "../../src/dsl/workflow.js";
import { type Emitted, emitWorkflow, evaluate, runBash, runBashCases, validationProblems } from "./_support.js";

const RESULTS = ["success", "failure", "cancelled", "skipped"] as const;
type Result = (typeof RESULTS)[number];

const runner = (name: string) => job({ name, "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: `echo ${name}` }] });

// A workflow with one job of each kind the gate distinguishes.
function gatedWorkflow() {
  const build = runner("build");
  const docs = runner("docs");
  const advisory = runner("advisory");
  const lint = job({ ...runner("lint").spec, needs: [build] });
  const gate = alwaysRunGate({ jobs: { build, lint, docs, advisory }, name: "All green", allowSkipped: [docs], allowFailure: [advisory] });
  return { gate, emitted: emitWorkflow(workflow("ci", { on: { pull_request: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: gate.jobs })) };
}

/** The gate step's environment as GitHub would set it: every `${{ }}` evaluated against `contexts`. */
function gateEnvironment(emitted: Emitted, gateId: string, contexts: Record<string, unknown>): Record<string, string> {
  const env = emitted.data.jobs[gateId].steps[0].env as Record<string, string>;
  return Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value).replace(/\$\{\{([\s\S]*?)\}\}/g, (_, body: string) => evaluate(body, contexts).text)]));
}

function needsContext(results: Record<string, Result>) {
  return Object.fromEntries(Object.entries(results).map(([id, result]) => [id, { result, outputs: {} }]));
}

function* combinations(ids: readonly string[]): Generator<Record<string, Result>> {
  if (ids.length === 0) {
    yield {};
    return;
  }
  for (const rest of combinations(ids.slice(1))) for (const result of RESULTS) yield { [ids[0]!]: result, ...rest };
}

const pushEvent = { event_name: "push", repository: "ameideio/ameide", event: {} };
const forkPullRequest = { event_name: "pull_request", repository: "ameideio/ameide", event: { pull_request: { head: { repo: { full_name: "stranger/ameide" } } } } };
const ownPullRequest = { event_name: "pull_request", repository: "ameideio/ameide", event: { pull_request: { head: { repo: { full_name: "ameideio/ameide" } } } } };

describe("alwaysRunGate", () => {
  it("runs always, needs every other job of the workflow, and uses no action", async () => {
    const { gate, emitted } = gatedWorkflow();
    const gateJob = emitted.data.jobs[gate.id];
    expect(gateJob.if).toBe("always()");
    const others = Object.keys(emitted.data.jobs).filter((id) => id !== gate.id);
    expect([...gateJob.needs].sort()).toEqual(others.sort());
    expect(gateJob.steps.every((step: { uses?: string }) => step.uses === undefined)).toBe(true);
    expect(gateJob.steps[0].run).not.toContain("${{");
    expect(gateJob.permissions).toEqual({});
    expect(await validationProblems(emitted)).toEqual([]);
  });

  it("exposes its check name: the gate job's name", () => {
    const { gate, emitted } = gatedWorkflow();
    expect(gate.checkName).toBe("All green");
    expect(emitted.data.jobs[gate.id].name).toBe(gate.checkName);
  });

  it("passes exactly when every result is success, or skipped/failure where allowed (all 256 combinations, run in bash)", () => {
    const { gate, emitted } = gatedWorkflow();
    const script = emitted.data.jobs[gate.id].steps[0].run as string;
    const ids = ["build", "lint", "docs", "advisory"];
    const allowed = (id: string, result: Result) =>
      result === "success" || (result === "skipped" && id === "docs") || (result === "failure" && id === "advisory");
    const cases = [...combinations(ids)];
    expect(cases).toHaveLength(4 ** 4);
    const codes = runBashCases(script, cases.map((results) => gateEnvironment(emitted, gate.id, { needs: needsContext(results), github: pushEvent })));
    const actual = cases.map((results, index) => ({ results, passed: codes[index] === 0 }));
    const expected = cases.map((results) => ({ results, passed: ids.every((id) => allowed(id, results[id]!)) }));
    expect(actual).toEqual(expected);
    // Sanity: both outcomes occur, and a pass is exit 0, a failure exit 1 (not a crash).
    expect(new Set(codes)).toEqual(new Set([0, 1]));
  });

  it("names each job that did not pass", () => {
    const { gate, emitted } = gatedWorkflow();
    const env = gateEnvironment(emitted, gate.id, { needs: needsContext({ build: "success", lint: "cancelled", docs: "skipped", advisory: "failure" }), github: pushEvent });
    const { code, stdout } = runBash(emitted.data.jobs[gate.id].steps[0].run, env);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter((line) => line.startsWith("::error"))).toHaveLength(1);
    expect(stdout).toMatch(/job "lint" finished as "cancelled"/);
  });

  it("fails when a needed job reports no result at all", () => {
    const { code } = runBash(GATE_SCRIPT, { RESULTS: "build=\n" });
    expect(code).toBe(1);
  });

  it("refuses to be built needing nothing, and its script fails when it needs nothing", () => {
    expect(() => alwaysRunGate({ jobs: {} })).toThrow(/needs no jobs/);
    expect(runBash(GATE_SCRIPT, { RESULTS: "" }).code).toBe(1);
    expect(runBash(GATE_SCRIPT, {}).code).toBe(1);
  });

  it("refuses allowances for jobs it does not need, and an id that is taken", () => {
    const build = runner("build");
    expect(() => alwaysRunGate({ jobs: { build }, allowSkipped: [runner("elsewhere")] })).toThrow(/not one of the gate's jobs/);
    expect(() => alwaysRunGate({ jobs: { gate: build } })).toThrow(/both the gate's id/);
  });

  it("fails a fork's pull request when a fork-guarded job was skipped, even if skips are allowed", () => {
    const build = job(guardForks({ name: "build", "runs-on": "arc-local", "timeout-minutes": 5, steps: [{ run: "make" }] }));
    const gate = alwaysRunGate({ jobs: { build }, allowSkipped: [build], forkGuarded: [build] });
    const emitted = emitWorkflow(workflow("ci", { on: { pull_request: { branches: ["main"] } }, jobs: gate.jobs }));
    const script = emitted.data.jobs.gate.steps[0].run as string;
    const run = (github: object, result: Result) => runBash(script, gateEnvironment(emitted, "gate", { needs: needsContext({ build: result }), github })).code;
    expect(run(forkPullRequest, "skipped")).toBe(1);
    expect(run(ownPullRequest, "skipped")).toBe(0);
    expect(run(pushEvent, "skipped")).toBe(0);
    expect(run(forkPullRequest, "success")).toBe(0);
    // The guard itself: the job's `if` is false exactly for the fork.
    const condition = emitted.data.jobs.build.if as string;
    expect([forkPullRequest, ownPullRequest, pushEvent].map((github) => evaluate(condition, { github }).truthy)).toEqual([false, true, true]);
  });
});
