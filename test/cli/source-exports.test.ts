import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";
import { diagnosticsOf } from "../support/json-output.js";

const SOURCE = "workflows-src/x.ts";


describe("exports turned into workflows, with the TypeScript place of every problem", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });
  // gen with `files`, in-process: the exit code and the diagnostics about the sources (not the outputs)
  const gen = async (files: Record<string, string>) => {
    repo = await createTempRepo(files);
    const result = await repo.run(["gen", "--format", "json"]);
    const found = diagnosticsOf(result);
    return { code: result.code, diagnostics: found.filter((d) => !d.file.endsWith(".yml")), repo };
  };
  const place = (d: Diagnostic) => [d.rule, d.severity, d.file, d.line];

  it.each([
    ["a workflow spec a function forgot to return", 'import { workflow } from "trunkline";\nfunction spec(): any {}\nexport default workflow("x", spec());\n', 3],
    ["a getter that throws", 'export const x = {\n  on: "push",\n  get jobs() { throw new Error("boom"); },\n};\n', 3],
    ["a getter on a workflow object", 'import { workflow } from "trunkline";\nconst wf = workflow("x", { on: "push", jobs: {} });\nexport default Object.defineProperty({ ...wf }, "spec", { get() { throw new Error("no spec"); }, enumerable: true });\n', 3],
    ["a revoked Proxy", "const { proxy, revoke } = Proxy.revocable({}, {});\nrevoke();\nexport default proxy;\n", 3],
    ["a Proxy whose traps throw", 'import { workflow } from "trunkline";\nconst wf = workflow("x", { on: "push", jobs: {} });\nexport default new Proxy(wf, { get() { throw new Error("trap"); } });\n', 3],
  ])("issue 9.12: %s is an error at the export's line, exit 2, not an internal error", async (_, text, line) => {
    const { code, diagnostics } = await gen({ [SOURCE]: text });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map(place)).toEqual([["normalize", "error", SOURCE, line]]);
  });

  it("issue 9.12: a job exported by itself is named as a job, with the workflow call to wrap it in", async () => {
    const { code, diagnostics } = await gen({ [SOURCE]: 'import { job } from "trunkline";\n\nexport default job({ "runs-on": "ubuntu-latest", steps: [{ run: "make" }] });\n' });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map(place)).toEqual([["load", "error", SOURCE, 3]]);
    expect(diagnostics[0]!.message).toBe(`export "default" of ${SOURCE} is a job, not a workflow`);
    expect(diagnostics[0]!.hint).toContain('export `workflow("ci", { on: …, jobs: { build } })`');
  });

  it("issue 9.12: a ruleset whose spec throws is an error at its call, and the workflows still compile", async () => {
    const { code, diagnostics } = await gen({
      [SOURCE]: 'import { job, ruleset, workflow } from "trunkline";\nexport const ci = workflow("ci", { on: "push", permissions: {}, jobs: { t: job({ "runs-on": "x", "timeout-minutes": 5, steps: [{ run: "make" }] }) } });\nexport const main = ruleset("main", { get conditions(): any { throw new Error("nope"); } } as never);\n',
    });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map((d) => [d.rule, d.source?.file, d.source?.line])).toEqual([["normalize", SOURCE, 3]]);
  });

  it("issue 9.13: a needed job missing from the workflow is named (its name, its line) at the needing job's line", async () => {
    const { code, diagnostics } = await gen({
      [SOURCE]: 'import { job, workflow } from "trunkline";\nconst build = job({ name: "Build", "runs-on": "x", steps: [{ run: "make" }] });\nconst deploy = job({ needs: [build], "runs-on": "x", steps: [{ run: "ship" }] });\nexport default workflow("cd", { on: "push", jobs: { deploy } });\n',
    });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map(place)).toEqual([["normalize", "error", SOURCE, 3]]);
    expect(diagnostics[0]!.path).toEqual(["jobs", "deploy", "needs", 0]);
    expect(diagnostics[0]!.message).toContain('job "deploy"');
    expect(diagnostics[0]!.message).toContain('"Build"');
    expect(diagnostics[0]!.message).toContain(`${SOURCE}:2:`);
    expect(diagnostics[0]!.hint).toContain("jobs");
  });

  it("issue 9.13: function, Date and NaN values, a job listed twice and a bad file name carry the line of the call that holds them", async () => {
    const { diagnostics } = await gen({
      [SOURCE]: [
        'import { job, step, workflow } from "trunkline";',
        "const t = job({",
        '  "runs-on": "x",',
        '  "timeout-minutes": Number.NaN,',
        '  steps: [step({ run: "a", with: { when: new Date(0) as never } }), step({ run: "b", env: { F: (() => 1) as never } })],',
        "});",
        'export const a = workflow("a", { on: "push", jobs: { t } });',
        'const u = job({ "runs-on": "x", steps: [{ run: "c" }] });',
        'export const b = workflow("b", { on: "push", jobs: { u, again: u } });',
        'export const c = workflow("sub/c", { on: "push", jobs: {} });',
        "",
      ].join("\n"),
    });
    const byPath = Object.fromEntries(diagnostics.map((d) => [JSON.stringify(d.path ?? null), d.line]));
    expect(byPath).toMatchObject({
      [JSON.stringify(["jobs", "t", "timeout-minutes"])]: 2,
      [JSON.stringify(["jobs", "t", "steps", 0, "with", "when"])]: 5,
      [JSON.stringify(["jobs", "t", "steps", 1, "env", "F"])]: 5,
      [JSON.stringify(["jobs", "again"])]: 8,
    });
    expect(diagnostics.find((d) => d.message.includes("sub/c"))?.line).toBe(10);
    expect(diagnostics.every((d) => d.line !== undefined)).toBe(true);
  });

  it("issue 9.13: a plain workflow object, which has no call sites, is placed at its export", async () => {
    const { diagnostics } = await gen({ [SOURCE]: '// a plain object\n\nexport default { on: "push", jobs: { t: { "runs-on": "x", "timeout-minutes": Number.NaN, steps: [{ run: "a" }] } } };\n' });
    expect(diagnostics.map(place)).toEqual([["normalize", "error", SOURCE, 3]]);
    expect(diagnostics[0]!.path).toEqual(["export", "default", "jobs", "t", "timeout-minutes"]);
  });

  it("issue 9.14: a value left undefined by a circular import between helpers names the circle", async () => {
    const { code, diagnostics } = await gen({
      "lib/jobs.ts": 'import { job } from "trunkline";\nimport { deploy } from "./deploy.js";\nexport const build = job({ "runs-on": "x", steps: [{ run: "make" }] });\nexport const all = { build, deploy };\n',
      "lib/deploy.ts": 'import { job } from "trunkline";\nimport { build } from "./jobs.js";\nexport const deploy = job({ "runs-on": "x", needs: [build], steps: [{ run: "ship" }] });\n',
      [SOURCE]: 'import { workflow } from "trunkline";\nimport { all } from "../lib/jobs.js";\nexport default workflow("cd", { on: "push", jobs: all });\n',
    });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map((d) => [d.rule, d.path, d.source?.file, d.source?.line])).toEqual([["normalize", ["jobs", "deploy", "needs", 0], "lib/deploy.ts", 3]]);
    expect(diagnostics[0]!.message).toContain("circular import");
    expect(diagnostics[0]!.message).toContain("lib/deploy.ts and lib/jobs.ts");
    expect(diagnostics[0]!.message).not.toContain("cannot be written to YAML");
  });

  it("issue 9.14: a circular import that makes the source throw while it loads is named in the load error", async () => {
    const { code, diagnostics } = await gen({
      "lib/a.ts": 'import { fromB } from "./b.js";\nexport const steps = () => [{ run: "a" }];\nexport const both = fromB;\n',
      "lib/b.ts": 'import { steps } from "./a.js";\nexport const fromB = steps();\n',
      [SOURCE]: 'import { workflow } from "trunkline";\nimport { both } from "../lib/a.js";\nexport default workflow("x", { on: "push", jobs: { t: { "runs-on": "x", steps: both } } });\n',
    });
    expect(code).toBe(ExitCode.SourceErrors);
    expect(diagnostics.map((d) => [d.rule, d.file])).toEqual([["load", SOURCE]]);
    expect(diagnostics[0]!.message).toContain("lib/a.ts and lib/b.ts import each other");
  });

  it("issue 9.15: an env value that is undefined is a warning with its path and line; gen still writes", async () => {
    const { code, diagnostics, repo: written } = await gen({
      [SOURCE]: [
        'import { job, workflow } from "trunkline";',
        "const test = job({",
        '  "runs-on": "ubuntu-latest",',
        '  "timeout-minutes": 5,',
        "  env: { VALUE: process.env.TRUNKLINE_TEST_SURELY_UNSET, KEPT: \"1\" },",
        '  steps: [{ run: "make", if: undefined, with: undefined }],',
        "});",
        'export default workflow("ci", { on: "push", permissions: {}, name: undefined, jobs: { test } });',
        "",
      ].join("\n"),
    });
    expect(code).toBe(ExitCode.Ok);
    expect(diagnostics.map((d) => [d.rule, d.severity, d.path, d.line])).toEqual([["normalize", "warning", ["jobs", "test", "env", "VALUE"], 2]]);
    expect(diagnostics[0]!.message).toContain("jobs.test.env.VALUE");
    expect(await written.read(".github/workflows/ci.yml")).toContain("KEPT");
  });

  it("issue 9.15: trunkline's own sources leave nothing out with a warning", async () => {
    const sources = readdirSync(path.join(REPO_ROOT, "workflows-src"), { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      const exports = { ...(await import(path.join(REPO_ROOT, "workflows-src", file))) } as Record<string, unknown>;
      const { diagnostics } = normalizeSource({ file: `workflows-src/${file}`, exports });
      expect(diagnostics, file).toEqual([]);
    }
  });
});
