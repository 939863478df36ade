// Issue 9: the CLI never lies — it runs at the project from any folder, takes the paths people and
// editors pass, keeps stdout parseable in machine formats, and refuses what it does not understand.
import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const SOURCE = `import { job, step, workflow } from "trunkline";
const test = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "npm test" })] });
export default workflow("ci", { name: "CI", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { test } });
`;
const UNPINNED = "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: octo-org/lint-action@v2\n";

/** The CLI as a separate process, from `cwd`, with every wait bounded. */
function spawn(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, GITHUB_ACTIONS: "" } });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("issue 9: the CLI at the project, from any folder", () => {
  let repo: TempRepo;
  let empty: string;
  beforeAll(async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": SOURCE, "workflows-src/lib/helpers.ts": "export const x = 1;\n" });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    empty = await mkdtemp(path.join(tmpdir(), "trunkline-empty-"));
  });
  afterAll(async () => {
    await repo.dispose();
    await rm(empty, { recursive: true, force: true });
  });

  it("issue 9.2: check from a subfolder checks the project, and sees a hand edit there", async () => {
    expect((await repo.run(["check"], {}, { cwd: "workflows-src" })).code).toBe(ExitCode.Ok);
    const ci = (await repo.read(".github/workflows/ci.yml"))!;
    await repo.write(".github/workflows/ci.yml", `${ci}# edited\n`);
    try {
      const checked = await repo.run(["check", "--format", "json"], {}, { cwd: "workflows-src/lib" });
      expect(checked.code).toBe(ExitCode.Problems);
      expect((JSON.parse(checked.stdout) as Diagnostic[]).map((d) => d.file)).toEqual([".github/workflows/ci.yml"]);
    } finally {
      await repo.write(".github/workflows/ci.yml", ci);
    }
  });

  it("issue 9.2: gen from a subfolder writes at the root and creates no .trunkline/ there", async () => {
    const result = spawn(path.join(repo.root, "workflows-src"), "gen");
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(await readdir(path.join(repo.root, "workflows-src"))).not.toContain(".trunkline");
    expect(await readdir(path.join(repo.root, "workflows-src"))).not.toContain(".github");
  });

  it("issue 9.2: lint from a subfolder lints the project's workflows", async () => {
    const result = await repo.run(["lint", "--format", "json"], {}, { cwd: "workflows-src" });
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stderr).toContain("1 file checked");
  });

  it("issue 9.2: outside any project, gen, check and lint exit 3, say what they looked for, and create nothing", async () => {
    for (const command of ["gen", "check", "lint"]) {
      const result = spawn(empty, command);
      expect(result.code, `${command}: ${result.stderr}`).toBe(ExitCode.Usage);
      expect(result.stderr).toContain("trunkline.config.ts, workflows-src/, a package.json that depends on trunkline");
    }
    expect(await readdir(empty)).toEqual([]);
  });

  it("issue 9.7: lint and graph take absolute paths, from inside the project and from anywhere", async () => {
    const absolute = path.join(repo.root, ".github", "workflows", "ci.yml");
    for (const cwd of [repo.root, path.join(repo.root, "workflows-src"), empty]) {
      const linted = spawn(cwd, "lint", "--format", "json", absolute);
      expect(linted.code, linted.stderr).toBe(ExitCode.Ok);
      expect(JSON.parse(linted.stdout)).toEqual([]);
      expect(linted.stderr).toContain("1 file checked");
      const graphed = spawn(cwd, "graph", absolute);
      expect(graphed.code, graphed.stderr).toBe(ExitCode.Ok);
      expect(graphed.stdout).toContain("flowchart");
    }
  });

  it("issue 9.7: relative paths are relative to the current folder", async () => {
    const linted = await repo.run(["lint", "--format", "json", "../.github/workflows/ci.yml"], {}, { cwd: "workflows-src" });
    expect(linted.code).toBe(ExitCode.Ok);
    expect(linted.stderr).toContain("1 file checked");
    const graphed = await repo.run(["graph", "../.github/workflows/ci.yml"], {}, { cwd: "workflows-src" });
    expect(graphed.code).toBe(ExitCode.Ok);
  });

  it("issue 9.7: a workflow outside the project is linted where it is, and its findings name it", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "trunkline-outside-"));
    try {
      const file = path.join(outside, "x.yml");
      await import("node:fs/promises").then((fs) => fs.writeFile(file, UNPINNED));
      const result = await repo.run(["lint", "--format", "json", file]);
      expect(result.code).toBe(ExitCode.Problems);
      const found = JSON.parse(result.stdout) as Diagnostic[];
      expect(found.map((d) => [d.rule, d.file])).toContainEqual(["unpinned-action", file.split(path.sep).join("/")]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("issue 9.9: machine formats own stdout and always parse", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": SOURCE });
    await repo.run(["gen"]);
  });
  afterAll(async () => {
    await repo.dispose();
  });

  for (const command of ["gen", "check", "lint"]) {
    it(`${command} --format json prints [] when clean, and its summary on stderr`, async () => {
      const result = await repo.run([command, "--format", "json"]);
      expect(result.code).toBe(ExitCode.Ok);
      expect(JSON.parse(result.stdout)).toEqual([]);
      expect(result.stderr).toMatch(/^trunkline: /);
    });
    it(`${command} --format sarif prints a SARIF log with one empty run when clean`, async () => {
      const result = await repo.run([command, "--format", "sarif"]);
      expect(result.code).toBe(ExitCode.Ok);
      const log = JSON.parse(result.stdout) as { version: string; runs: { results: unknown[] }[] };
      expect(log.version).toBe("2.1.0");
      expect(log.runs.map((run) => run.results)).toEqual([[]]);
    });
  }

  it("gen --format json on errors: the diagnostics on stdout, 'nothing written' on stderr", async () => {
    await repo.write("workflows-src/bad.ts", "export default 1;\n");
    try {
      const result = await repo.run(["gen", "--format", "json"]);
      expect(result.code).toBe(ExitCode.SourceErrors);
      expect((JSON.parse(result.stdout) as Diagnostic[]).map((d) => d.file)).toEqual(["workflows-src/bad.ts"]);
      expect(result.stderr).toContain("nothing written");
    } finally {
      await repo.remove("workflows-src/bad.ts");
    }
  });

  it("check --format json on drift: one document, no diff on stdout", async () => {
    await repo.write("workflows-src/ci.ts", SOURCE.replace("npm test", "npm run test:all"));
    try {
      const result = await repo.run(["check", "--format", "json"]);
      expect(result.code).toBe(ExitCode.Problems);
      expect((JSON.parse(result.stdout) as Diagnostic[]).map((d) => [d.rule, d.file])).toEqual([["sync", ".github/workflows/ci.yml"]]);
    } finally {
      await repo.write("workflows-src/ci.ts", SOURCE);
    }
  });

  it("lint --baseline --format json keeps stdout one JSON document", async () => {
    const result = await repo.run(["lint", "--baseline", "--format", "json"]);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toContain("accepts no finding");
  });

  it("graph and rulesets plan refuse the formats they cannot honour", async () => {
    for (const argv of [["graph", ".github/workflows/ci.yml", "--format", "json"], ["rulesets", "plan", "--format", "json"], ["rulesets", "plan", "--format", "sarif"]]) {
      const result = await repo.run(argv);
      expect(result.code, argv.join(" ")).toBe(ExitCode.Usage);
      expect(result.stdout).toBe("");
    }
  });
});

describe("issue 9.16-18: the CLI contract", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": SOURCE, "workflows-src/targets/web/ci.ts": SOURCE });
    await repo.run(["gen"]);
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("issue 9.16: a flag the command does not take is a usage error naming it", async () => {
    const before = await repo.snapshot();
    for (const [argv, flag] of [[["gen", "--target", "nope"], "--target"], [["gen", "--out", "foo"], "--out"], [["lint", "--force"], "--force"], [["check", "--replace"], "--replace"]] as const) {
      const result = await repo.run([...argv]);
      expect(result.code, argv.join(" ")).toBe(ExitCode.Usage);
      expect(result.stderr).toContain(`unknown option ${flag}`);
    }
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.16: an unknown key in trunkline.config.ts is an error with a did-you-mean", async () => {
    await repo.write("trunkline.config.ts", 'export default { targtes: [], lint: { rule: {} } };\n');
    try {
      const before = await repo.snapshot();
      const result = await repo.run(["gen", "--format", "json"]);
      expect(result.code).toBe(ExitCode.SourceErrors);
      const found = JSON.parse(result.stdout) as Diagnostic[];
      expect(found.map((d) => [d.rule, d.file, d.message.split(" ")[0], d.hint])).toEqual([
        ["config", "trunkline.config.ts", "lint.rule", 'did you mean "rules"?'],
        ["config", "trunkline.config.ts", "targtes", 'did you mean "targets"?'],
      ]);
      expect(await repo.snapshot()).toEqual(before);
      expect((await repo.run(["lint"])).code).toBe(ExitCode.SourceErrors);
    } finally {
      await repo.remove("trunkline.config.ts");
    }
  });

  it("issue 9.17: --version prints the package's version", async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
    const result = spawn(repo.root, "--version");
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it("issue 9.17: help per command, three ways", async () => {
    for (const argv of [["gen", "--help"], ["help", "gen"], ["gen", "-h"]]) {
      const result = await repo.run(argv);
      expect(result.code).toBe(ExitCode.Ok);
      expect(result.stdout).toMatch(/^Usage: trunkline gen /);
      expect(result.stdout).toContain("--force");
      expect(result.stdout).not.toContain("--baseline");
    }
    const lint = await repo.run(["help", "lint"]);
    expect(lint.stdout).toMatch(/^Usage: trunkline lint /);
    expect(lint.stdout).toContain("--baseline");
    expect((await repo.run(["help", "nope"])).code).toBe(ExitCode.Usage);
  });

  it("issue 9.18: lint of a path that does not exist exits 2 and counts no file", async () => {
    const result = await repo.run(["lint", "nope.yml", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect((JSON.parse(result.stdout) as Diagnostic[]).map((d) => [d.rule, d.file])).toEqual([["load", "nope.yml"]]);
    expect(result.stderr).toContain("0 files checked");
    expect((await repo.run(["lint", "nope-folder/"])).code).toBe(ExitCode.SourceErrors);
  });

  it("issue 9.18: lint of a folder finds the workflows below it, as the default run does", async () => {
    const everything = await repo.run(["lint"]);
    const generated = await repo.run(["lint", "generated"]);
    const root = await repo.run(["lint", "."]);
    expect(everything.stderr).toContain("2 files checked");
    expect(generated.stderr).toContain("1 file checked");
    expect(root.stderr).toContain("2 files checked");
    expect(parse((await repo.read("generated/web/.github/workflows/ci.yml"))!).name).toBe("CI");
  });
});
