import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";
import { diagnosticsOf } from "../support/json-output.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
// Every wait on a child is bounded: a hang fails the test instead of blocking the run.
const CHILD_TIMEOUT_MS = 25_000;

const CI = "workflows-src/ci.ts";
const ciSource = 'import { job, workflow } from "trunkline";\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });\nexport default workflow("ci", { on: "push", permissions: {}, jobs: { t } });\n';
// A valid source whose module also does `body` (at its top level, from line 2 on).
const sourceDoing = (body: string) => `import { job, workflow } from "trunkline";\n${body}\nexport default workflow("other", { on: "push", permissions: {}, jobs: { t: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "x" }] }) } });\n`;

interface Ran {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}


describe("sources run in trunkline's process, which they cannot end or keep alive", () => {
  let repo: TempRepo;
  const run = (args: string[], env: Record<string, string> = {}): Ran => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo.root, encoding: "utf8", timeout: CHILD_TIMEOUT_MS, env: { ...process.env, GITHUB_ACTIONS: "", TRUNKLINE_LOAD_TIMEOUT: "1", ...env } });
    return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
  };
  const setUp = async (files: Record<string, string>) => {
    repo = await createTempRepo({ [CI]: ciSource });
    expect(run(["gen"]).status).toBe(0);
    for (const [file, text] of Object.entries(files)) await repo.write(file, text);
  };
  afterEach(async () => {
    await repo?.dispose();
  });

  it("issue 9.3: a source calling process.exit(0) while it loads is an error at that line: check exits 2 despite a hand edit, gen writes nothing", async () => {
    await setUp({ "workflows-src/quit.ts": sourceDoing("process.exit(0);") });
    await repo.write(".github/workflows/ci.yml", `${await repo.read(".github/workflows/ci.yml")}# edited by hand\n`);
    const checked = run(["check", "--format", "json"]);
    expect(checked.signal).toBeNull();
    expect(checked.status).toBe(2);
    expect(diagnosticsOf(checked).filter((d) => d.file === "workflows-src/quit.ts").map((d) => [d.rule, d.severity, d.line])).toEqual([["load", "error", 2]]);
    const before = await repo.snapshot();
    const generated = run(["gen", "--format", "json"]);
    expect(generated.status).toBe(2);
    expect(diagnosticsOf(generated).some((d) => d.file === "workflows-src/quit.ts" && d.message.includes("process.exit(0)"))).toBe(true);
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.3: run in-process (a test runner, any host), a source's process.exit cannot end the host either", async () => {
    const hostExit = process.exit;
    repo = await createTempRepo({ [CI]: ciSource, "workflows-src/quit.ts": sourceDoing("process.exit(0);") });
    const result = await repo.run(["check", "--format", "json"]);
    expect(result.code).toBe(2);
    expect(diagnosticsOf(result).filter((d) => d.file === "workflows-src/quit.ts").map((d) => [d.rule, d.line])).toEqual([["load", 2]]);
    // the guard is lifted once the sources are loaded
    expect(process.exit).toBe(hostExit);
  });

  it.each([
    ["a promise continuation", "async function main() {}\nmain().then(() => process.exit(0));", 3],
    ["a timer", "setTimeout(() => process.exit(0), 5);", 2],
    ["process.exit handed to a promise", "void Promise.resolve().then(process.exit);", 2],
    ["process.kill of its own process", 'process.kill(process.pid, "SIGTERM");', 2],
  ])("issue 9.3: a source ending the process from %s is an error naming it, exit 2", async (_, body, line) => {
    await setUp({ "workflows-src/quit.ts": sourceDoing(body) });
    const checked = run(["check", "--format", "json"]);
    expect(checked.signal).toBeNull();
    expect(checked.status).toBe(2);
    expect(diagnosticsOf(checked).filter((d) => d.file === "workflows-src/quit.ts").map((d) => [d.rule, d.line])).toEqual([["load", line]]);
  });

  it("issue 9.3: a config calling process.exit is an error for lint too (which loads only the config)", async () => {
    await setUp({ "trunkline.config.ts": 'import { defineConfig } from "trunkline";\nprocess.exit(0);\nexport default defineConfig({});\n' });
    const linted = run(["lint", "--format", "json"]);
    expect(linted.signal).toBeNull();
    expect(linted.status).not.toBe(0);
    expect(diagnosticsOf(linted).filter((d) => d.rule === "load").map((d) => [d.file, d.line])).toEqual([["trunkline.config.ts", 2]]);
  });

  it("issue 9.4: a top-level await nothing can settle is reported at once, not after the timeout, and not as exit 13", async () => {
    await setUp({ "workflows-src/wait.ts": sourceDoing("await new Promise(() => {});") });
    const checked = run(["check", "--format", "json"], { TRUNKLINE_LOAD_TIMEOUT: "60" });
    expect(checked.status).toBe(2);
    expect(checked.ms).toBeLessThan(20_000);
    const found = diagnosticsOf(checked).filter((d) => d.file === "workflows-src/wait.ts");
    expect(found.map((d) => d.rule)).toEqual(["load"]);
    expect(found[0]!.message).toContain("never finished");
  });

  it("issue 9.4: a top-level await kept pending by an interval is reported after the load timeout, exit 2, nothing written", async () => {
    await setUp({ "workflows-src/wait.ts": sourceDoing("setInterval(() => {}, 50);\nawait new Promise(() => {});") });
    const before = await repo.snapshot();
    const generated = run(["gen", "--format", "json"]);
    expect(generated.signal).toBeNull();
    expect(generated.status).toBe(2);
    const found = diagnosticsOf(generated).filter((d) => d.file === "workflows-src/wait.ts");
    expect(found.map((d) => d.rule)).toEqual(["load"]);
    expect(found[0]!.message).toContain("within 1 s");
    expect(found[0]!.hint).toContain("TRUNKLINE_LOAD_TIMEOUT");
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.4: the load timeout comes from the config's loadTimeout, and the environment overrides it", async () => {
    await setUp({
      "workflows-src/wait.ts": sourceDoing("setInterval(() => {}, 50);\nawait new Promise(() => {});"),
      "trunkline.config.ts": 'import { defineConfig } from "trunkline";\nexport default defineConfig({ loadTimeout: 0.5 });\n',
    });
    const fromConfig = run(["check", "--format", "json"], { TRUNKLINE_LOAD_TIMEOUT: "" });
    expect(fromConfig.status).toBe(2);
    expect(diagnosticsOf(fromConfig).find((d) => d.file === "workflows-src/wait.ts")!.message).toContain("within 0.5 s");
    const fromEnv = run(["check", "--format", "json"], { TRUNKLINE_LOAD_TIMEOUT: "1.5" });
    expect(diagnosticsOf(fromEnv).find((d) => d.file === "workflows-src/wait.ts")!.message).toContain("within 1.5 s");
    expect(run(["check"], { TRUNKLINE_LOAD_TIMEOUT: "soon" }).status).toBe(3);
  });

  it.each([
    ["an interval", "setInterval(() => {}, 100);"],
    ["a long timer", "setTimeout(() => {}, 600_000);"],
  ])("issue 9.4: gen exits when its work is done, whatever %s a source left running", async (_, body) => {
    await setUp({ "workflows-src/busy.ts": sourceDoing(body) });
    const generated = run(["gen"]);
    expect(generated.signal).toBeNull();
    expect(generated.status).toBe(0);
    expect(generated.stderr).toMatch(/1 written/);
    expect(await repo.read(".github/workflows/other.yml")).toBeDefined();
    expect(run(["check"]).status).toBe(0);
  });
});
