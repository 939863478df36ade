import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
// an unpinned third-party action and no timeout: findings import records in the baseline
const FLAGGED = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: octo-org/tool@v1\n      - run: make\n";
const CLEAN = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n";

interface Reported {
  rule: string;
  severity: string;
  file: string;
  message: string;
  hint?: string;
}

interface SarifLog {
  version: string;
  runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
}

describe("trunkline import: paths as the user types them", () => {
  let repo: TempRepo;
  let outside: string;
  beforeEach(async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CLEAN, "workflows-src/.keep": "" });
    outside = await mkdtemp(path.join(tmpdir(), "trunkline-outside-"));
    await writeFile(path.join(outside, "deploy.yml"), CLEAN);
  });
  afterEach(async () => {
    await repo.dispose();
    await rm(outside, { recursive: true, force: true });
  });

  it("issue 9.22: in a CommonJS package the imported sources' folder is marked as ES modules; in an ES module package nothing is added", async () => {
    await repo.write("package.json", '{ "name": "app", "devDependencies": { "trunkline": "*" } }\n');
    const imported = await repo.run(["import", ".github/workflows", "--out", "workflows-src/targets/app"]);
    expect(imported.code, imported.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse((await repo.read("workflows-src/targets/app/package.json"))!)).toEqual({ type: "module" });
    expect(imported.stderr).toContain("wrote workflows-src/targets/app/package.json");
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);

    await repo.write("package.json", '{ "type": "module", "devDependencies": { "trunkline": "*" } }\n');
    expect((await repo.run(["import", ".github/workflows", "--out", "workflows-src/targets/web"])).code).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/targets/web/package.json")).toBeUndefined();
  });

  it("issue 9.7: an absolute path inside the project reads as the project path", async () => {
    const result = await repo.run(["import", path.join(repo.root, ".github/workflows/ci.yml")]);
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    expect(result.stderr).toContain("imported .github/workflows/ci.yml → workflows-src/ci.ts");
  });

  it("issue 9.7: a workflow outside the project, absolute or relative, is read and imported", async () => {
    const absolute = await repo.run(["import", path.join(outside, "deploy.yml")]);
    expect(absolute.code, absolute.stderr + absolute.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/deploy.ts")).toContain('workflow("deploy"');
    await repo.remove("workflows-src/deploy.ts");

    const relative = await repo.run(["import", path.relative(path.join(repo.root, ".github"), path.join(outside, "deploy.yml"))], {}, { cwd: ".github" });
    expect(relative.code, relative.stderr + relative.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/deploy.ts")).toContain('workflow("deploy"');
    // the original outside stays untouched, and gen takes the source
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(parse((await repo.read(".github/workflows/deploy.yml"))!)).toEqual(parse(CLEAN));
  });

  it("issue 9.7: --out as an absolute path inside the project writes there, not below the root again", async () => {
    const result = await repo.run(["import", ".github/workflows", "--out", path.join(repo.root, "ci", "imported")]);
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    const files = Object.keys(await repo.snapshot());
    expect(files).toContain("ci/imported/ci.ts");
    expect(files.filter((file) => file.endsWith(".ts"))).toEqual(["ci/imported/ci.ts"]);
  });

  it("issue 9.7: --out outside the project is a usage error, and nothing is written", async () => {
    const before = await repo.snapshot();
    for (const out of [path.join(outside, "sources"), "../sources"]) {
      const result = await repo.run(["import", ".github/workflows", "--out", out, "--format", "json"]);
      expect(result.code).toBe(ExitCode.Usage);
      expect(result.stderr).toContain(`--out ${out} is outside the project`);
      expect(await repo.snapshot()).toEqual(before);
    }
  });

  it("issue 9.7: run from a subfolder, paths are relative to it", async () => {
    const result = await repo.run(["import", "../.github/workflows"], {}, { cwd: "workflows-src" });
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/ci.ts")).toContain('workflow("ci"');
    expect(await repo.read("workflows-src/workflows-src/ci.ts")).toBeUndefined();
    // --out is typed from there too
    const out = await repo.run(["import", "../.github/workflows", "--out", "targets/rt"], {}, { cwd: "workflows-src" });
    expect(out.code, out.stderr + out.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/targets/rt/ci.ts")).toContain('workflow("ci"');
  });

  it("issue 9.7: the installed command, from a subfolder, with absolute paths in and out of the project", async () => {
    const bin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: path.join(repo.root, "workflows-src"), encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", env: { ...process.env, GITHUB_ACTIONS: "" } });
    const refused = bin("import", path.join(outside, "deploy.yml"), "--out", outside);
    expect(refused.status, refused.stderr).toBe(ExitCode.Usage);
    expect(await repo.read("workflows-src/deploy.ts")).toBeUndefined();

    const imported = bin("import", path.join(outside, "deploy.yml"), "../.github/workflows/ci.yml", "--out", path.join(repo.root, "workflows-src"), "--format", "json");
    expect(imported.status, imported.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(imported.stdout)).toEqual([]);
    expect(await repo.read("workflows-src/deploy.ts")).toContain('workflow("deploy"');
    expect(await repo.read("workflows-src/ci.ts")).toContain('workflow("ci"');

    const missing = bin("import", "nope.yml");
    expect(missing.status, missing.stderr).toBe(ExitCode.SourceErrors);
    expect(missing.stdout).toContain("workflows-src/nope.yml does not exist");
  });
});

describe("trunkline import: --out into the default layout of targets", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.8: without a config, --out workflows-src/targets/NAME joins target NAME; import, gen and check then pass", async () => {
    repo = await createTempRepo({ "legacy/build.yml": FLAGGED });
    const result = await repo.run(["import", "legacy", "--out", "workflows-src/targets/rt", "--format", "json"]);
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(result.stderr).toMatch(/lint finding\(s\) recorded/);
    const baseline = JSON.parse((await repo.read(".trunkline/baseline.json"))!) as { files: Record<string, Record<string, string[]>> };
    expect(Object.keys(baseline.files)).toEqual(["generated/rt/.github/workflows/build.yml"]);
    expect(baseline.files["generated/rt/.github/workflows/build.yml"]!["unpinned-action"]).toHaveLength(1);

    const gen = await repo.run(["gen"]);
    expect(gen.code, gen.stderr + gen.stdout).toBe(ExitCode.Ok);
    expect(parse((await repo.read("generated/rt/.github/workflows/build.yml"))!)).toEqual(parse(FLAGGED));
    const check = await repo.run(["check"]);
    expect(check.code, check.stderr + check.stdout).toBe(ExitCode.Ok);
  });

  it("issue 9.8: a folder below the target's and an existing target folder mean the same target", async () => {
    repo = await createTempRepo({ "legacy/build.yml": FLAGGED, "workflows-src/targets/rt/other.ts": "// a helper of the target\n" });
    const result = await repo.run(["import", "legacy", "--out", "workflows-src/targets/rt/imported"]);
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    expect(result.stdout).not.toContain("gen does not read sources");
    const baseline = JSON.parse((await repo.read(".trunkline/baseline.json"))!) as { files: Record<string, unknown> };
    expect(Object.keys(baseline.files)).toEqual(["generated/rt/.github/workflows/build.yml"]);
  });
  it("issue 9.8: with a config, --out into the folder a target reads joins that target", async () => {
    const config = 'import { defineConfig } from "trunkline";\n\nexport default defineConfig({\n  targets: [\n    { name: "web", sources: ["ci/web/*.ts"], outDir: "apps/web/.github/workflows" },\n    { name: "api", sources: ["ci/api/*.ts"], outDir: "apps/api/.github/workflows" },\n  ],\n});\n';
    // every configured target must match a source (issue 9.1): web has one of its own
    const web = 'import { job, workflow } from "trunkline";\nconst a = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });\nexport default workflow("web", { on: "push", permissions: {}, jobs: { a } });\n';
    repo = await createTempRepo({ "trunkline.config.ts": config, "legacy/build.yml": FLAGGED, "ci/web/web.ts": web });
    const result = await repo.run(["import", "legacy", "--out", "ci/api"]);
    expect(result.code, result.stderr + result.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("trunkline.config.ts")).toBe(config);
    const baseline = JSON.parse((await repo.read(".trunkline/baseline.json"))!) as { files: Record<string, unknown> };
    expect(Object.keys(baseline.files)).toEqual(["apps/api/.github/workflows/build.yml"]);
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });
});

describe("trunkline import: --format json and sarif", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.9: a clean import prints an empty list or an empty SARIF run on stdout, and every human line on stderr", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CLEAN });
    const json = await repo.run(["import", ".github/workflows", "--format", "json"]);
    expect(json.code, json.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toContain("imported .github/workflows/ci.yml → workflows-src/ci.ts");
    expect(json.stderr).toContain("1 imported with an exact round trip");

    const sarif = await repo.run(["import", ".github/workflows", "--format", "sarif"]);
    expect(sarif.code, sarif.stderr).toBe(ExitCode.Ok);
    const log = JSON.parse(sarif.stdout) as SarifLog;
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results).toEqual([]);
  });

  it("issue 9.9: skipped files and the summary stay off stdout", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CLEAN });
    await repo.run(["import", ".github/workflows", "--replace"]);
    const again = await repo.run(["import", ".github/workflows", "--format", "json"]);
    expect(again.code, again.stderr).toBe(ExitCode.Ok);
    expect(JSON.parse(again.stdout)).toEqual([]);
    expect(again.stderr).toContain("skipped .github/workflows/ci.yml");
  });

  it("issue 9.9: the exit-2 paths print one document too: a missing path, a failed round trip, a config that does not load", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CLEAN, ".github/workflows/inf.yml": "on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: .inf\n    steps:\n      - run: make\n" });
    const missing = await repo.run(["import", "nope.yml", "--format", "json"]);
    expect(missing.code).toBe(ExitCode.SourceErrors);
    expect((JSON.parse(missing.stdout) as Reported[]).map((diagnostic) => [diagnostic.rule, diagnostic.file])).toEqual([["load", "nope.yml"]]);

    const roundTrip = await repo.run(["import", ".github/workflows", "--format", "sarif"]);
    expect(roundTrip.code).toBe(ExitCode.SourceErrors);
    const results = (JSON.parse(roundTrip.stdout) as SarifLog).runs[0]!.results;
    expect(results.map((result) => [result.ruleId, result.level, result.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([["import", "error", ".github/workflows/inf.yml"]]);
    expect(roundTrip.stderr).toContain("1 imported with an exact round trip, 1 not");

    await repo.write("trunkline.config.ts", 'throw new Error("broken config");\n');
    const config = await repo.run(["import", ".github/workflows/ci.yml", "--format", "json"]);
    expect(config.code, config.stderr).toBe(ExitCode.SourceErrors);
    const reported = JSON.parse(config.stdout) as Reported[];
    expect(reported.length).toBeGreaterThan(0);
    expect(reported.every((diagnostic) => diagnostic.severity === "error" && diagnostic.file === "trunkline.config.ts")).toBe(true);
  });
});

describe("trunkline import: exit codes", () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CLEAN, "empty/README.md": "no workflows here\n" });
  });
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.18: a named path that does not exist exits 2 with a diagnostic naming it, and nothing is written", async () => {
    const before = await repo.snapshot();
    const result = await repo.run(["import", "nope.yml", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(JSON.parse(result.stdout)).toEqual([{ rule: "load", severity: "error", file: "nope.yml", message: "nope.yml does not exist", hint: expect.stringContaining(".github/workflows") }]);
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.18: a missing path beside good ones: the good ones are imported, and the import exits 2", async () => {
    const result = await repo.run(["import", ".github/workflows", "nowhere"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(result.stdout).toContain("nowhere does not exist");
    expect(await repo.read("workflows-src/ci.ts")).toBeDefined();
  });

  it("issue 9.18: a folder holding no workflow exits 2 when it is all there is to import", async () => {
    const alone = await repo.run(["import", "empty", "--format", "json"]);
    expect(alone.code).toBe(ExitCode.SourceErrors);
    expect(JSON.parse(alone.stdout)).toEqual([expect.objectContaining({ rule: "load", severity: "error", file: "empty" })]);
    const beside = await repo.run(["import", "empty", ".github/workflows", "--format", "json"]);
    expect(beside.code).toBe(ExitCode.Ok);
    expect(JSON.parse(beside.stdout)).toEqual([expect.objectContaining({ rule: "load", severity: "warning", file: "empty" })]);
  });

  it("issue 9.18: usage errors stay exit 3: no paths, an unknown flag, --out outside the project, --out the root", async () => {
    const before = await repo.snapshot();
    expect((await repo.run(["import"])).code).toBe(ExitCode.Usage);
    expect((await repo.run(["import", ".github/workflows", "--bogus"])).code).toBe(ExitCode.Usage);
    expect((await repo.run(["import", ".github/workflows", "--out", "../x"])).code).toBe(ExitCode.Usage);
    expect((await repo.run(["import", ".github/workflows", "--out", "."])).code).toBe(ExitCode.Usage);
    expect((await repo.run(["import", ".github/workflows", "--target", "no/slash"])).code).toBe(ExitCode.Usage);
    expect(await repo.snapshot()).toEqual(before);
  });
});
