import { spawnSync } from "node:child_process";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { formatWrittenSummary, isColorEnabled, startProgress, styleFor } from "../../src/cli/terminal/index.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const ESC = "\u001b[";

const source = (name: string, command = "npm test") => `import { job, step, workflow } from "trunkline";
const test = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: ${JSON.stringify(command)} })] });
export default workflow(${JSON.stringify(name)}, { name: ${JSON.stringify(name)}, on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { test } });
`;

// Every file under the root but node_modules, caches included, with its bytes and mtime: "nothing written" means this is equal.
async function treeOf(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      if (relative === "node_modules") continue;
      if (entry.isDirectory()) {
        result[`${relative}/`] = "folder";
        await walk(relative);
      } else result[relative] = `${(await stat(path.join(root, relative))).mtimeMs} ${await readFile(path.join(root, relative), "utf8")}`;
    }
  };
  await walk("");
  return result;
}

describe("colour", () => {
  it("issue 13.4: NO_COLOR, FORCE_COLOR and a terminal decide, in that order", () => {
    expect(isColorEnabled({}, true)).toBe(true);
    expect(isColorEnabled({}, false)).toBe(false);
    expect(isColorEnabled({ NO_COLOR: "1" }, true)).toBe(false);
    expect(isColorEnabled({ NO_COLOR: "" }, true)).toBe(true);
    expect(isColorEnabled({ NO_COLOR: "1", FORCE_COLOR: "1" }, true)).toBe(false);
    for (const level of ["1", "2", "3"]) expect(isColorEnabled({ FORCE_COLOR: level }, false)).toBe(true);
    expect(isColorEnabled({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(isColorEnabled({ TERM: "dumb" }, true)).toBe(false);
    const colored = styleFor({ env: {}, terminal: { stdout: false, stderr: true } }, "stderr");
    expect(colored.error("x")).toBe(`${ESC}31mx${ESC}39m`);
    expect(colored.warning("x")).toBe(`${ESC}33mx${ESC}39m`);
    expect(styleFor({ env: {}, terminal: { stdout: false, stderr: true } }, "stdout").error("x")).toBe("x");
  });

  describe("in the real process", () => {
    let repo: TempRepo;
    beforeEach(async () => {
      repo = await createTempRepo({ "workflows-src/ci.ts": source("ci"), "workflows-src/broken.ts": "export default 1;\n" });
    });
    afterEach(async () => {
      await repo.dispose();
    });
    // stdout and stderr are pipes here, never terminals; a bounded wait that kills the child
    const run = (env: Record<string, string>, ...args: string[]) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !["NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "TERM"].includes(name)));
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo.root, encoding: "utf8", env: { ...base, ...env }, timeout: 60_000, killSignal: "SIGKILL" });
      expect(result.error).toBeUndefined();
      return result;
    };

    it("issue 13.4: errors are red and paths styled with FORCE_COLOR; plain with NO_COLOR, FORCE_COLOR=0, or no terminal", () => {
      const forced = run({ FORCE_COLOR: "1" }, "gen");
      expect(forced.status).toBe(ExitCode.SourceErrors);
      expect(forced.stderr).toContain(`${ESC}31merror${ESC}39m`);
      expect(forced.stderr).toContain(`${ESC}36mworkflows-src/broken.ts`);
      const plainEnvs: Record<string, string>[] = [{}, { NO_COLOR: "1" }, { NO_COLOR: "1", FORCE_COLOR: "3" }, { FORCE_COLOR: "0" }];
      for (const env of plainEnvs) {
        const plain = run(env, "gen");
        expect(plain.status).toBe(ExitCode.SourceErrors);
        expect(plain.stderr, JSON.stringify(env)).toContain("error");
        expect(plain.stderr, JSON.stringify(env)).not.toContain(ESC);
      }
    });

    it("issue 13.4: machine formats never carry colour, even when it is forced", () => {
      const json = run({ FORCE_COLOR: "3" }, "gen", "--format", "json");
      expect(json.stdout).not.toContain(ESC);
      const findings = JSON.parse(json.stdout) as { file: string; severity: string }[];
      expect(findings.some((finding) => finding.file === "workflows-src/broken.ts" && finding.severity === "error")).toBe(true);
      const sarif = run({ FORCE_COLOR: "3" }, "gen", "--format", "sarif");
      expect(sarif.stdout).not.toContain(ESC);
      expect((JSON.parse(sarif.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results.length).toBeGreaterThan(0);
      // annotations are read by the runner from whichever stream they are on (gen: stderr)
      const github = run({ FORCE_COLOR: "3" }, "gen", "--format", "github");
      expect(`${github.stdout}${github.stderr}`).not.toContain(ESC);
      expect(github.stderr.split("\n").filter((line) => line.startsWith("::error file=workflows-src/broken.ts"))).not.toHaveLength(0);
    });
  });
});

describe("progress", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("issue 13.4: a line on a terminal stderr only after a second, rewritten in place and cleared at the end", () => {
    vi.useFakeTimers();
    let stderr = "";
    const progress = startProgress({ env: {}, terminal: { stdout: false, stderr: true }, stderr: (text) => void (stderr += text) }, "linting", { total: 40, unit: "files" });
    progress.advance(10);
    expect(stderr).toBe("");
    vi.advanceTimersByTime(1500);
    expect(stderr).toContain(`\r${ESC}Ktrunkline: linting 10/40 files (1.0 s)`);
    progress.advance(10);
    vi.advanceTimersByTime(500);
    expect(stderr).toContain(`\r${ESC}Ktrunkline: linting 20/40 files (2.0 s)`);
    expect(stderr).not.toContain("\n");
    progress.done();
    expect(stderr.endsWith(`\r${ESC}K`)).toBe(true);
  });

  it("issue 13.4: nothing when stderr is no terminal, or when asked for none (machine formats, --quiet)", () => {
    vi.useFakeTimers();
    let stderr = "";
    const write = (text: string) => void (stderr += text);
    for (const progress of [startProgress({ env: {}, stderr: write }, "linting"), startProgress({ env: {}, terminal: { stdout: true, stderr: true }, stderr: write }, "linting", { enabled: false })]) {
      vi.advanceTimersByTime(5000);
      progress.advance();
      progress.done();
    }
    expect(stderr).toBe("");
  });
});

describe("what gen says", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 13.4: the summary names the first five files written and how many more; --verbose names every one", async () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    repo = await createTempRepo(Object.fromEntries(names.map((name) => [`workflows-src/${name}.ts`, source(name)])));
    const first = await repo.run(["gen"]);
    expect(first.code).toBe(ExitCode.Ok);
    const listed = (stderr: string) => stderr.split("\n").flatMap((line) => /^ {2}written (\S+)$/.exec(line)?.[1] ?? []);
    expect(listed(first.stderr)).toEqual(names.slice(0, 5).map((name) => `.github/workflows/${name}.yml`));
    expect(first.stderr).toContain("and 2 more written");
    for (const name of names) await repo.write(`workflows-src/${name}.ts`, source(name, "make"));
    const verbose = await repo.run(["gen", "--verbose"]);
    expect(listed(verbose.stderr)).toEqual(names.map((name) => `.github/workflows/${name}.yml`));
    expect(verbose.stderr).not.toContain("more written");
  });

  it("issue 13.4: check --verbose and lint --verbose name every file", async () => {
    const names = ["a", "b", "c", "d", "e", "f", "g"];
    repo = await createTempRepo(Object.fromEntries(names.map((name) => [`workflows-src/${name}.ts`, source(name)])));
    expect((await repo.run(["gen", "--quiet"])).code).toBe(ExitCode.Ok);
    const all = names.map((name) => `.github/workflows/${name}.yml`);
    const check = await repo.run(["check", "--verbose"]);
    expect(check.code).toBe(ExitCode.Ok);
    expect(check.stderr.split("\n").flatMap((line) => /^ {2}up to date (\S+)$/.exec(line)?.[1] ?? []).sort()).toEqual(all);
    const lint = await repo.run(["lint", "--verbose"]);
    expect(lint.code).toBe(ExitCode.Ok);
    expect(lint.stderr.split("\n").flatMap((line) => /^ {2}checked (\S+)$/.exec(line)?.[1] ?? []).sort()).toEqual(all);
  });

  it("issue 13.4: --quiet prints nothing on success, and the errors when there are some", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source("ci") });
    for (const argv of [["gen", "--quiet"], ["check", "--quiet"], ["lint", "--quiet"], ["gen", "--dry-run", "--quiet"]]) {
      const result = await repo.run(argv);
      expect(result, argv.join(" ")).toEqual({ code: ExitCode.Ok, stdout: "", stderr: "" });
    }
    await repo.write("workflows-src/broken.ts", "export default 1;\n");
    const failed = await repo.run(["gen", "--quiet"]);
    expect(failed.code).toBe(ExitCode.SourceErrors);
    expect(failed.stderr).toMatch(/workflows-src\/broken\.ts.*: error: /);
    expect((await repo.run(["gen", "--quiet", "--verbose"])).code).toBe(ExitCode.Usage);
  });

  it("issue 13.4: --quiet keeps the machine document on stdout", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source("ci") });
    const result = await repo.run(["gen", "--quiet", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toBe("");
  });
});

describe("gen --dry-run", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 13.4: says what would be written, removed and left alone, and writes nothing: no output, manifest, cache or temporary file", async () => {
    repo = await createTempRepo({ "workflows-src/keep.ts": source("keep"), "workflows-src/edit.ts": source("edit"), "workflows-src/gone.ts": source("gone") });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.write("workflows-src/edit.ts", source("edit", "make"));
    await repo.write("workflows-src/new.ts", source("new"));
    await repo.remove("workflows-src/gone.ts");
    const before = await treeOf(repo.root);
    const dry = await repo.run(["gen", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(ExitCode.Ok);
    expect(await treeOf(repo.root)).toEqual(before);
    const named = (verb: string, stderr: string) => stderr.split("\n").flatMap((line) => new RegExp(`^ {2}${verb} (\\S+)$`).exec(line)?.[1] ?? []).sort();
    expect(named("would write", dry.stderr)).toEqual([".github/workflows/edit.yml", ".github/workflows/new.yml"]);
    expect(named("would remove", dry.stderr)).toEqual([".github/workflows/gone.yml"]);
    expect(dry.stderr).toContain("2 to write, 1 to remove, 1 unchanged");
    // --verbose adds the diffs
    const verbose = await repo.run(["gen", "--dry-run", "--verbose"]);
    expect(verbose.stderr).toMatch(/^\+ +- run: make$/m);
    expect(await treeOf(repo.root)).toEqual(before);
    // and the real run does what the dry run announced
    const real = await repo.run(["gen"]);
    expect(named("written", real.stderr)).toEqual(named("would write", dry.stderr));
    expect(real.stderr).toContain("removed .github/workflows/gone.yml");
  });

  it("issue 13.4: in a repository never generated, a dry run creates not even .trunkline/", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source("ci"), "trunkline.config.ts": 'export default { targets: [{ name: "main", sources: ["workflows-src/*.ts"], outDir: ".github/workflows" }] };\n' });
    const before = await treeOf(repo.root);
    const dry = await repo.run(["gen", "--dry-run", "--format", "json"]);
    expect(dry.code, dry.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(dry.stdout)).toEqual([]);
    expect(await treeOf(repo.root)).toEqual(before);
    expect(before[".trunkline/"]).toBeUndefined();
  });
});

describe("formatWrittenSummary", () => {
  it("issue 13.4: counts, then names; the first five of each kind unless verbose", () => {
    const written = Array.from({ length: 8 }, (_, index) => `w${index}.yml`);
    const text = formatWrittenSummary({ written, removed: ["old.yml"], unchanged: ["same.yml"] });
    expect(text.split("\n")[0]).toBe("trunkline: 8 written, 1 removed, 1 unchanged.");
    expect(text).toContain("  and 3 more written");
    expect(text).toContain("  removed old.yml");
    expect(formatWrittenSummary({ written, removed: [], unchanged: [] }, { verbosity: "verbose" })).toContain("  written w7.yml");
  });
});
