// `gen --watch` and `check --watch` as the real process a user starts: edits on disk, Ctrl-C, output.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
// every wait is bounded: a watch that never answers fails the test, and is killed
const WAIT_MS = 30_000;

const HELPER = `import { step } from "trunkline";
export const build = step({ name: "Build", run: "make" });
`;
const usingHelper = (name: string) => `import { job, step, workflow } from "trunkline";
import { build } from "./lib/steps.js";
const t = job({ name: "T", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [build, step({ run: "echo ${name}" })] });
export default workflow("${name}", { name: "${name}", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { t } });
`;
const standalone = (name: string, command = `echo ${name}`) => `import { job, step, workflow } from "trunkline";
const t = job({ name: "T", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "${command}" })] });
export default workflow("${name}", { name: "${name}", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { t } });
`;
const FILES = {
  "workflows-src/lib/steps.ts": HELPER,
  "workflows-src/a.ts": usingHelper("a"),
  "workflows-src/b.ts": usingHelper("b"),
  "workflows-src/c.ts": standalone("c"),
};

/** One pass as `--format json` prints it. */
interface PassLine {
  command: string;
  changed: string[] | null;
  exitCode: number;
  written: string[];
  removed: string[];
  ms: number;
  diagnostics: { file: string; line?: number; severity: string; rule: string; message: string; hint?: string }[];
}

/** A running watch: its output so far, and bounded waits on it. */
class Watch {
  stdout = "";
  stderr = "";
  private readonly exited: Promise<number | null>;
  private readonly killer: NodeJS.Timeout;
  private readonly child: ChildProcess;

  constructor(root: string, args: string[]) {
    this.child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, GITHUB_ACTIONS: "", NO_COLOR: "1" } });
    this.child.stdout!.on("data", (chunk) => void (this.stdout += chunk));
    this.child.stderr!.on("data", (chunk) => void (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on("close", resolve));
    // the last resort: a watch that outlives its test is killed
    this.killer = setTimeout(() => this.child.kill("SIGKILL"), 4 * WAIT_MS);
  }

  /** Every stdout line, each parsed as JSON: a line that does not parse fails the test. */
  passes(): PassLine[] {
    return this.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as PassLine);
  }

  /** Waits until `done` holds, polling; fails (and kills the watch) after {@link WAIT_MS}. */
  async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      if (Date.now() > deadline) {
        this.child.kill("SIGKILL");
        throw new Error(`timed out waiting for ${what}\n--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** The JSON pass after the `count` seen so far. */
  async nextPass(count: number): Promise<PassLine> {
    await this.until(() => this.stdout.split("\n").filter(Boolean).length > count, `pass ${count + 1}`);
    return this.passes()[count]!;
  }

  /** Sends `signal` and waits (bounded) for the exit code. */
  async stop(signal: NodeJS.Signals = "SIGINT"): Promise<number | null> {
    this.child.kill(signal);
    const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), WAIT_MS));
    const outcome = await Promise.race([this.exited, timeout]);
    clearTimeout(this.killer);
    if (outcome === "timeout") {
      this.child.kill("SIGKILL");
      throw new Error(`the watch did not exit after ${signal}\n${this.stderr}`);
    }
    return outcome;
  }

  kill(): void {
    clearTimeout(this.killer);
    this.child.kill("SIGKILL");
  }
}

const mtimes = (repo: TempRepo, files: string[]) => Object.fromEntries(files.map((file) => [file, statSync(path.join(repo.root, file)).mtimeMs]));
const OUTPUTS = [".github/workflows/a.yml", ".github/workflows/b.yml", ".github/workflows/c.yml"];

describe("gen --watch", () => {
  let repo: TempRepo | undefined;
  let watch: Watch | undefined;
  afterEach(async () => {
    watch?.kill();
    watch = undefined;
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 13.2: regenerates only the outputs a saved source or helper affects; new and deleted sources; Ctrl-C exits 0 and leaves no temporary file", async () => {
    repo = await createTempRepo(FILES);
    watch = new Watch(repo.root, ["gen", "--watch", "--format", "json"]);
    const first = await watch.nextPass(0);
    expect(first).toMatchObject({ command: "gen", changed: null, exitCode: 0, written: OUTPUTS, removed: [] });
    const before = mtimes(repo, OUTPUTS);
    // mtimes are compared below: let the clock move past the first writes
    await new Promise((resolve) => setTimeout(resolve, 50));

    // a source that nothing imports: its output only
    await repo.write("workflows-src/c.ts", standalone("c", "echo c changed"));
    const afterSource = await watch.nextPass(1);
    expect(afterSource).toMatchObject({ changed: ["workflows-src/c.ts"], exitCode: 0, written: [".github/workflows/c.yml"], removed: [] });
    expect(await repo.read(".github/workflows/c.yml")).toContain("echo c changed");
    const afterSourceTimes = mtimes(repo, OUTPUTS);
    expect(afterSourceTimes[".github/workflows/a.yml"]).toBe(before[".github/workflows/a.yml"]);
    expect(afterSourceTimes[".github/workflows/b.yml"]).toBe(before[".github/workflows/b.yml"]);
    expect(afterSourceTimes[".github/workflows/c.yml"]).toBeGreaterThan(before[".github/workflows/c.yml"]!);

    // the helper: both sources importing it, not the one that does not
    await repo.write("workflows-src/lib/steps.ts", HELPER.replace('run: "make"', 'run: "make all"'));
    const afterHelper = await watch.nextPass(2);
    expect(afterHelper).toMatchObject({ changed: ["workflows-src/lib/steps.ts"], exitCode: 0, written: [".github/workflows/a.yml", ".github/workflows/b.yml"] });
    expect(await repo.read(".github/workflows/a.yml")).toContain("make all");
    expect(await repo.read(".github/workflows/b.yml")).toContain("make all");
    expect(mtimes(repo, OUTPUTS)[".github/workflows/c.yml"]).toBe(afterSourceTimes[".github/workflows/c.yml"]);

    // a new source is generated; a deleted one's output is removed
    await repo.write("workflows-src/d.ts", standalone("d"));
    expect(await watch.nextPass(3)).toMatchObject({ exitCode: 0, written: [".github/workflows/d.yml"], removed: [] });
    await repo.remove("workflows-src/c.ts");
    expect(await watch.nextPass(4)).toMatchObject({ exitCode: 0, written: [], removed: [".github/workflows/c.yml"] });

    expect(await watch.stop("SIGINT")).toBe(0);
    expect(watch.stderr).toContain("stopped");
    // every stdout line parsed as one JSON document
    expect(watch.passes()).toHaveLength(5);
    const temporary = path.join(repo.root, ".trunkline", "tmp");
    expect(readdirSync(temporary).filter((name) => name !== ".gitignore")).toEqual([]);
    // the manifest the watch left is the one a one-shot gen would have written
    const check = await repo.run(["check"]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, 4 * WAIT_MS);

  it("issue 13.2: a syntax error is reported at its line, nothing is written, and the next save recovers", async () => {
    repo = await createTempRepo(FILES);
    watch = new Watch(repo.root, ["gen", "--watch", "--format", "json"]);
    await watch.nextPass(0);
    const good = await repo.read(".github/workflows/b.yml");
    await repo.write("workflows-src/b.ts", `${usingHelper("b").replace('"echo b"', '"echo b2"')}export const = ;\n`);
    const broken = await watch.nextPass(1);
    expect(broken.exitCode).toBe(2);
    expect(broken.written).toEqual([]);
    expect(broken.diagnostics).toEqual([expect.objectContaining({ file: "workflows-src/b.ts", line: 5, severity: "error", rule: "load", hint: expect.any(String) })]);
    expect(await repo.read(".github/workflows/b.yml")).toBe(good);
    await repo.write("workflows-src/b.ts", usingHelper("b").replace('"echo b"', '"echo b2"'));
    expect(await watch.nextPass(2)).toMatchObject({ exitCode: 0, written: [".github/workflows/b.yml"], diagnostics: [] });
    expect(await repo.read(".github/workflows/b.yml")).toContain("echo b2");
    expect(await watch.stop("SIGTERM")).toBe(0);
  }, 4 * WAIT_MS);

  it("issue 11.1: an edit to an action binding, built once for all the sources, regenerates every output using it and no other", async () => {
    const binding = (sha: string) => `import { defineAction } from "trunkline";
export const actionsCheckout = defineAction<{ "persist-credentials"?: boolean }, never>({ action: "actions/checkout", sha: "${sha}", tag: "v7", outputs: [] });
`;
    const bound = (name: string) => `import { job, step, workflow } from "trunkline";
import { actionsCheckout } from "./actions/index.js";
const t = job({ name: "T", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [actionsCheckout(), step({ run: "echo ${name}" })] });
export default workflow("${name}", { name: "${name}", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { t } });
`;
    repo = await createTempRepo({
      "workflows-src/actions/index.ts": 'export * from "./actions-checkout.js";\n',
      "workflows-src/actions/actions-checkout.ts": binding("3d3c42e5aac5ba805825da76410c181273ba90b1"),
      "workflows-src/a.ts": bound("a"),
      "workflows-src/b.ts": bound("b"),
      "workflows-src/c.ts": standalone("c"),
    });
    watch = new Watch(repo.root, ["gen", "--watch", "--format", "json"]);
    expect(await watch.nextPass(0)).toMatchObject({ exitCode: 0, written: OUTPUTS });
    const newer = "de0fac2e4500dabe0009e67214ff5f5447ce83dd";
    await repo.write("workflows-src/actions/actions-checkout.ts", binding(newer));
    expect(await watch.nextPass(1)).toMatchObject({ changed: ["workflows-src/actions/actions-checkout.ts"], exitCode: 0, written: [".github/workflows/a.yml", ".github/workflows/b.yml"] });
    expect(await repo.read(".github/workflows/a.yml")).toContain(`actions/checkout@${newer}`);
    expect(await repo.read(".github/workflows/b.yml")).toContain(`actions/checkout@${newer}`);
    expect(await watch.stop()).toBe(0);
  }, 4 * WAIT_MS);

  it("issue 13.3: an editor's atomic save (the text written aside, then renamed over the source) is one pass, with the saved text", async () => {
    repo = await createTempRepo(FILES);
    watch = new Watch(repo.root, ["gen", "--watch", "--format", "json"]);
    await watch.nextPass(0);
    const source = path.join(repo.root, "workflows-src/c.ts");
    writeFileSync(`${source}.tmp-4913`, standalone("c", "echo atomic"));
    renameSync(`${source}.tmp-4913`, source);
    expect(await watch.nextPass(1)).toMatchObject({ changed: ["workflows-src/c.ts"], exitCode: 0, written: [".github/workflows/c.yml"], removed: [] });
    expect(await repo.read(".github/workflows/c.yml")).toContain("echo atomic");
    // the save's other events (the temporary file's creation and write) start no pass of their own
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watch.passes()).toHaveLength(2);
    expect(await watch.stop()).toBe(0);
  }, 4 * WAIT_MS);

  it("issue 13.2: a generated file edited by hand while watching is kept, and reported", async () => {
    repo = await createTempRepo(FILES);
    watch = new Watch(repo.root, ["gen", "--watch", "--format", "json"]);
    await watch.nextPass(0);
    const edited = `${await repo.read(".github/workflows/a.yml")}# edited by hand\n`;
    await repo.write(".github/workflows/a.yml", edited);
    await repo.write("workflows-src/lib/steps.ts", HELPER.replace('run: "make"', 'run: "make all"'));
    const pass = await watch.nextPass(1);
    expect(pass.exitCode).toBe(2);
    expect(pass.diagnostics.some((diagnostic) => diagnostic.file === ".github/workflows/a.yml" && diagnostic.severity === "error")).toBe(true);
    expect(await repo.read(".github/workflows/a.yml")).toBe(edited);
    expect(await watch.stop()).toBe(0);
  }, 4 * WAIT_MS);
});

describe("check --watch", () => {
  it("issue 13.2: checks again on every save and reports the drift", async () => {
    const repo = await createTempRepo(FILES);
    const watch = new Watch(repo.root, ["check", "--watch", "--format", "json"]);
    try {
      // nothing generated yet: every output is missing
      expect((await watch.nextPass(0)).exitCode).toBe(1);
      expect((await repo.run(["gen"])).code).toBe(0);
      await repo.write("workflows-src/c.ts", standalone("c"));
      expect(await watch.nextPass(1)).toMatchObject({ command: "check", changed: ["workflows-src/c.ts"], exitCode: 0, diagnostics: [] });
      await repo.write("workflows-src/c.ts", standalone("c", "echo other"));
      const drift = await watch.nextPass(2);
      expect(drift.exitCode).toBe(1);
      expect(drift.diagnostics.map((diagnostic) => diagnostic.file)).toContain(".github/workflows/c.yml");
      expect(drift.written).toEqual([]);
      expect(await watch.stop()).toBe(0);
    } finally {
      watch.kill();
      await repo.dispose();
    }
  }, 4 * WAIT_MS);

  it("issue 13.2: --watch with --format sarif is a usage error (exit 3)", async () => {
    const repo = await createTempRepo(FILES);
    try {
      for (const command of ["gen", "check"]) {
        const result = await repo.run([command, "--watch", "--format", "sarif"]);
        expect(result.code).toBe(3);
        expect(result.stderr).toContain("--format json");
      }
    } finally {
      await repo.dispose();
    }
  });
});

describe("the README's VS Code task", () => {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## Watch mode\n"), readme.indexOf("\n## ", readme.indexOf("\n## Watch mode\n") + 1));
  const blocks = [...section.matchAll(/```json\n([\s\S]*?)\n```\n/g)].map((match) => match[1]!);
  const tasks = JSON.parse(blocks.find((block) => block.includes('"tasks"'))!) as { tasks: { problemMatcher: { pattern: { regexp: string; file: number; line: number; column: number; severity: number; message: number }; background: { beginsPattern: string; endsPattern: string } } }[] };
  const matcher = tasks.tasks[0]!.problemMatcher;

  it("issue 13.2: its problem matcher finds the error of a real watch at the TypeScript line, between the pass's begin and end lines", async () => {
    const repo = await createTempRepo(FILES);
    const watch = new Watch(repo.root, ["gen", "--watch"]);
    try {
      const endsPattern = new RegExp(matcher.background.endsPattern);
      const ends = () => watch.stderr.split("\n").filter((line) => endsPattern.test(line)).length;
      await watch.until(() => ends() === 1, "the first pass");
      await repo.write("workflows-src/b.ts", `${usingHelper("b")}export const = ;\n`);
      await watch.until(() => ends() === 2, "the pass with the error");
      const lines = watch.stderr.split("\n");
      const begins = lines.flatMap((line, index) => (new RegExp(matcher.background.beginsPattern).test(line) ? [index] : []));
      const endLines = lines.flatMap((line, index) => (endsPattern.test(line) ? [index] : []));
      // A pass that a later event of the same save overtakes is dropped (README, "Watch mode"): its
      // begin line is directly followed by the begin line of the pass that replaces it.
      const passBegins = begins.filter((index, position) => begins[position + 1] !== index + 1);
      expect(passBegins).toHaveLength(2);
      expect(begins.length - passBegins.length).toBeLessThanOrEqual(1);
      const pattern = new RegExp(matcher.pattern.regexp);
      const problems = lines.flatMap((line, index) => {
        const match = pattern.exec(line);
        return match ? [{ index, file: match[matcher.pattern.file], line: Number(match[matcher.pattern.line]), column: Number(match[matcher.pattern.column]), severity: match[matcher.pattern.severity], message: match[matcher.pattern.message] }] : [];
      });
      expect(problems).toEqual([expect.objectContaining({ file: "workflows-src/b.ts", line: 5, severity: "error" })]);
      // reported inside the second pass, so VS Code replaces the problems of the pass before
      expect(problems[0]!.index).toBeGreaterThan(passBegins[1]!);
      expect(problems[0]!.index).toBeLessThan(endLines[1]!);
      // the begin line is not also an end line, nor an end line a begin line
      for (const index of begins) expect(endsPattern.test(lines[index]!)).toBe(false);
      expect(await watch.stop()).toBe(0);
    } finally {
      watch.kill();
      await repo.dispose();
    }
  }, 4 * WAIT_MS);
});

describe("the CLI bundle", () => {
  it("issue 13.2: loads the watch only for --watch, so a one-shot gen's start-up does not pay for it", () => {
    // the tests above ran bin/trunkline.js, which rebuilt dist/ from these sources
    const cli = readFileSync(path.join(REPO_ROOT, "dist", "cli.js"), "utf8");
    const chunk = (name: string) => readFileSync(path.join(REPO_ROOT, "dist", "chunks", name), "utf8");
    const marker = "WatchMemory";
    const lazyChunks = [...cli.matchAll(/import\("\.\/chunks\/([^"]+\.js)"\)/g)].map((match) => match[1]!);
    expect(lazyChunks.find((name) => chunk(name).includes(marker))).toBeDefined();
    const staticImports = (text: string) => [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[^("']*?from\s*)?"\.\/(?:chunks\/)?([^"]+)"/g)].map((match) => match[1]!.replace(/^chunks\//, ""));
    const seen = new Set<string>();
    const walk = (text: string) => {
      for (const imported of staticImports(text)) {
        if (seen.has(imported)) continue;
        seen.add(imported);
        walk(chunk(imported));
      }
    };
    walk(cli);
    expect(seen.size).toBeGreaterThan(0);
    expect(cli).not.toContain(marker);
    for (const name of seen) expect(chunk(name)).not.toContain(marker);
  });
});
