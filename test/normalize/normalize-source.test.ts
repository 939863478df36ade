import { NormalJob, Step, Workflow as GawtWorkflow } from "@github-actions-workflow-ts/lib";
import { describe, expect, it } from "vitest";
import { job, step, workflow } from "../../src/dsl/workflow.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";

const FILE = "workflows-src/ci.ts";
const runner = { "runs-on": "ubuntu-latest" } as const;
const normalize = (exports: Record<string, unknown>) => normalizeSource({ file: FILE, exports });

describe("normalizeSource", () => {
  it("writes needs as the ids the jobs have in this workflow", () => {
    const build = job({ ...runner, steps: [{ run: "make" }] });
    const deploy = job({ ...runner, needs: [build], steps: [{ run: "make deploy" }] });
    const { workflows, diagnostics } = normalize({ default: workflow("cd", { on: "push", jobs: { compile: build, ship: deploy } }) });
    expect(diagnostics).toEqual([]);
    expect(workflows[0]!.fileName).toBe("cd.yml");
    expect(workflows[0]!.model).toEqual({ on: "push", jobs: { compile: { "runs-on": "ubuntu-latest", steps: [{ run: "make" }] }, ship: { needs: ["compile"], "runs-on": "ubuntu-latest", steps: [{ run: "make deploy" }] } } });
  });

  it("reports a needed job that is not in the workflow, at the needs entry", () => {
    const elsewhere = job({ ...runner, steps: [{ run: "x" }] });
    const deploy = job({ ...runner, needs: [elsewhere], steps: [{ run: "y" }] });
    const { workflows, diagnostics } = normalize({ default: workflow("cd", { on: "push", jobs: { deploy } }) });
    expect(workflows).toEqual([]);
    expect(diagnostics.map((d) => [d.rule, d.path])).toEqual([["normalize", ["jobs", "deploy", "needs", 0]]]);
  });

  it("puts structural keys in canonical order whatever the author wrote", () => {
    const shuffled = workflow("ci", { jobs: { test: job({ steps: [{ run: "x", name: "n" }], "runs-on": "ubuntu-latest", name: "Test" }) }, on: "push", name: "CI" });
    const model = normalize({ default: shuffled }).workflows[0]!.model;
    expect(Object.keys(model)).toEqual(["name", "on", "jobs"]);
    const test = (model.jobs as Record<string, Record<string, unknown>>).test!;
    expect(Object.keys(test)).toEqual(["name", "runs-on", "steps"]);
    expect(Object.keys((test.steps as object[])[0]!)).toEqual(["name", "run"]);
  });

  it("drops undefined properties", () => {
    const model = normalize({ default: workflow("ci", { name: undefined, on: "push", jobs: { t: { ...runner, steps: [{ run: "x", if: undefined }] } } }) }).workflows[0]!.model;
    expect(model).toEqual({ on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: "x" }] } } });
  });

  it("issue 9.15: warns of an undefined value only in maps whose keys the author names, and still writes the workflow", () => {
    const { workflows, diagnostics } = normalize({
      default: workflow("ci", {
        on: { workflow_dispatch: { inputs: { a: undefined as never } } },
        env: { E: undefined as never },
        jobs: {
          t: { ...runner, if: undefined, name: undefined, strategy: { matrix: { os: undefined as never, include: undefined as never } }, outputs: { o: undefined as never }, steps: [{ run: "x", with: { w: undefined as never }, env: { s: undefined as never }, "timeout-minutes": undefined }] },
          gone: undefined as never,
        },
      }),
    });
    expect(workflows).toHaveLength(1);
    const found = diagnostics.map((d) => JSON.stringify([d.rule, d.severity, d.path])).sort();
    const expected = [["on", "workflow_dispatch", "inputs", "a"], ["env", "E"], ["jobs", "gone"], ["jobs", "t", "outputs", "o"], ["jobs", "t", "strategy", "matrix", "os"], ["jobs", "t", "steps", 0, "with", "w"], ["jobs", "t", "steps", 0, "env", "s"]];
    expect(found).toEqual(expected.map((path) => JSON.stringify(["normalize", "warning", path])).sort());
  });

  it("issue 9.12: a getter that throws deep in a spec is reported at its path; the other workflows still normalize", () => {
    const ok = workflow("ok", { on: "push", jobs: { t: { ...runner, steps: [{ run: "x" }] } } });
    const bad = workflow("bad", { on: "push", jobs: { t: { ...runner, get steps(): never { throw new Error("boom"); } } } });
    const { workflows, diagnostics } = normalize({ ok, bad });
    expect(workflows.map((w) => w.fileName)).toEqual(["ok.yml"]);
    expect(diagnostics.map((d) => [d.rule, d.severity, d.path])).toEqual([["normalize", "error", ["jobs", "t", "steps"]]]);
    expect(diagnostics[0]!.message).toContain('"boom"');
  });

  const cyclic: Record<string, unknown> = { run: "x" };
  cyclic.self = cyclic;
  it.each([
    ["a function", { run: "x", with: { f: () => 1 } }, ["jobs", "t", "steps", 0, "with", "f"]],
    ["NaN", { run: "x", "timeout-minutes": Number.NaN }, ["jobs", "t", "steps", 0, "timeout-minutes"]],
    ["Infinity", { run: "x", "timeout-minutes": Number.POSITIVE_INFINITY }, ["jobs", "t", "steps", 0, "timeout-minutes"]],
    ["a symbol", { run: "x", with: { s: Symbol("s") } }, ["jobs", "t", "steps", 0, "with", "s"]],
    ["a bigint", { run: "x", with: { b: 10n } }, ["jobs", "t", "steps", 0, "with", "b"]],
    ["a Date", { run: "x", with: { d: new Date(0) } }, ["jobs", "t", "steps", 0, "with", "d"]],
    ["a cycle", cyclic, ["jobs", "t", "steps", 0, "self"]],
  ])("rejects %s with the path to it", (_, badStep, path) => {
    const { workflows, diagnostics } = normalize({ default: workflow("ci", { on: "push", jobs: { t: { ...runner, steps: [badStep as never] } } }) });
    expect(workflows).toEqual([]);
    expect(diagnostics.map((d) => [d.rule, d.path, d.file])).toEqual([["normalize", path, FILE]]);
  });

  it("reports an export that is not a workflow, and a source that exports none", () => {
    expect(normalize({ default: workflow("ci", { on: "push", jobs: {} }), helper: () => 1 }).diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('export "helper"')]);
    expect(normalize({}).diagnostics.map((d) => d.rule)).toEqual(["load"]);
  });

  it("accepts github-actions-workflow-ts builders, named by their filename", () => {
    const test = new NormalJob("test", { "runs-on": "ubuntu-latest" }).addSteps([new Step({ run: "npm test" })]);
    const lint = new NormalJob("lint", { "runs-on": "ubuntu-latest" }).addStep(new Step({ run: "npm run lint" })).needs([test]);
    const built = new GawtWorkflow("checks", { name: "Checks", on: { push: { branches: ["main"] } } }).addJobs([test, lint]);
    const { workflows, diagnostics } = normalize({ checks: built });
    expect(diagnostics).toEqual([]);
    expect(workflows[0]!.fileName).toBe("checks.yml");
    expect((workflows[0]!.model.jobs as Record<string, { needs?: unknown }>).lint!.needs).toEqual(["test"]);
  });

  it("names a plain workflow object after its source file, and refuses two of them", () => {
    const plain = { on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: "x" }] } } };
    expect(normalize({ default: plain }).workflows[0]!.fileName).toBe("ci.yml");
    expect(normalize({ a: plain, b: { ...plain } }).diagnostics.filter((d) => d.rule === "load")).toHaveLength(2);
  });

  it.each(["../escape", "sub/dir"])("refuses the file name %j, which would leave the workflows folder", (name) => {
    const { workflows, diagnostics } = normalize({ default: workflow(name, { on: "push", jobs: {} }) });
    expect(workflows).toEqual([]);
    expect(diagnostics.map((d) => d.rule)).toEqual(["load"]);
  });

  it("remembers where each job and step was defined", () => {
    const test = job({ ...runner, steps: [step({ run: "x" })] });
    const { workflows } = normalize({ default: workflow("ci", { on: "push", jobs: { test } }) });
    expect([...workflows[0]!.callSites.keys()].map((key) => key.split("\u0000"))).toEqual([[""], ["jobs", "test"], ["jobs", "test", "steps", "0"]]);
  });
});

describe("normalizeSource, exports", () => {
  it("treats one workflow exported under two names as one", () => {
    const ci = workflow("ci", { on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: "x" }] } } });
    const { workflows, diagnostics } = normalizeSource({ file: "workflows-src/ci.ts", exports: { default: ci, ci } });
    expect(diagnostics).toEqual([]);
    expect(workflows).toHaveLength(1);
  });

  it("accepts a list of workflows in one export", () => {
    const make = (name: string) => workflow(name, { on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: name }] } } });
    const { workflows } = normalizeSource({ file: "workflows-src/many.ts", exports: { all: [make("a"), make("b")] } });
    expect(workflows.map((w) => w.fileName)).toEqual(["a.yml", "b.yml"]);
  });
});
