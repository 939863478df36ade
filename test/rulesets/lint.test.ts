import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { lintRepositories } from "../../src/rulesets/lint-repositories.js";
import { createRepositoryRuleRunner } from "../../src/rulesets/run-repository-rules.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// Hand-written workflows, clean for every per-file rule, and a ruleset exported from GitHub.
const header = "permissions: {}\nconcurrency:\n  group: ci-${{ github.ref }}\n  cancel-in-progress: true\n";
const CI = `on:\n  pull_request:\n    branches: [main]\n${header}jobs:\n  test:\n    name: Test\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: make test\n`;
const DOCS = `on:\n  pull_request:\n    branches: [main]\n${header}jobs:\n  docs:\n    name: Docs\n    if: github.actor != 'dependabot[bot]'\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: make docs\n`;
const ruleset = (...contexts: string[]) =>
  `${JSON.stringify({ id: 12, name: "main", target: "branch", source_type: "Repository", enforcement: "active", conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: contexts.map((context) => ({ context, integration_id: 15368 })) } }] }, null, 2)}\n`;
const json = (stdout: string) => JSON.parse(stdout) as Diagnostic[];

describe("trunkline lint compares rulesets on disk with every workflow of their repository", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("is clean when each required check is reported, even by a file not linted", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, ".github/workflows/docs.yml": DOCS.replace("    if: github.actor != 'dependabot[bot]'\n", ""), ".github/rulesets/main.json": ruleset("Test", "Docs") });
    expect((await repo.run(["lint"])).code).toBe(ExitCode.Ok);
    expect((await repo.run(["lint", ".github/workflows/ci.yml"])).code).toBe(ExitCode.Ok);
  });

  it("reports a check no workflow reports in the ruleset, at its JSON line, and a skippable required job in its workflow", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, ".github/workflows/docs.yml": DOCS, ".github/rulesets/main.json": ruleset("Gate", "Docs") });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Problems);
    expect(json(result.stdout).map((diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} ${diagnostic.rule}`)).toEqual([
      ".github/rulesets/main.json:22:24 required-check-unknown",
      ".github/workflows/docs.yml:11:9 required-check-conditional",
    ]);
  });

  it("keeps findings in workflows it was not asked to lint out, but always shows the ruleset's", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, ".github/workflows/docs.yml": DOCS, ".github/rulesets/main.json": ruleset("Gate", "Docs") });
    const result = await repo.run(["lint", "--format", "json", ".github/workflows/ci.yml"]);
    expect(json(result.stdout).map((diagnostic) => [diagnostic.file, diagnostic.rule])).toEqual([[".github/rulesets/main.json", "required-check-unknown"]]);
  });

  it("shows the ruleset's line in pretty output, and honours the config's levels", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, ".github/rulesets/main.json": ruleset("Gate") });
    const pretty = await repo.run(["lint", "--format", "pretty"]);
    expect(pretty.stdout).toMatch(/> 22 \| {13}"context": "Gate",/);
    await repo.write("trunkline.config.ts", 'import { defineConfig } from "trunkline";\nexport default defineConfig({ lint: { rules: { "required-check-unknown": "warning" } } });\n');
    const relaxed = await repo.run(["lint", "--format", "json"]);
    expect(relaxed.code).toBe(ExitCode.Ok);
    expect(json(relaxed.stdout).map((diagnostic) => [diagnostic.rule, diagnostic.severity])).toEqual([["required-check-unknown", "warning"]]);
  });

  it("issue 12.3: takes each linted file as lint read it, without parsing it again", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, ".github/rulesets/main.json": ruleset("Gate") });
    const io = createNodeIo(repo.root, { stdout: () => {}, stderr: () => {} }, {});
    const texts = new Map([[".github/workflows/ci.yml", CI]]);
    const run = createRepositoryRuleRunner();
    const parsedHere = await lintRepositories(io, [...texts.keys()], texts, run);
    expect(parsedHere.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(["required-check-unknown"]);
    // what lint read stands for the file: here a job named Gate, so the ruleset's check is reported
    const read = new Map([[".github/workflows/ci.yml", { model: parse(CI.replace("name: Test", "name: Gate")) as unknown }]]);
    expect((await lintRepositories(io, [...texts.keys()], texts, run, read)).diagnostics).toEqual([]);
  });

  it("issue 12.3: leaves a linted file that repeats a key out, with or without worker threads, as when it parsed each file itself", async () => {
    // yaml's unique keys make this file unreadable to the repository checks, so its Test job counts for nothing
    const repeated = CI.replace("    timeout-minutes: 10\n", "    timeout-minutes: 10\n    timeout-minutes: 10\n");
    const others = Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`.github/workflows/docs-${index}.yml`, DOCS.replace("name: Docs", `name: Docs ${index}`)]));
    repo = await createTempRepo({ ".github/workflows/ci.yml": repeated, ...others, ".github/rulesets/main.json": ruleset("Test") });
    const { lint } = await import("../../src/cli/commands/lint.js");
    for (const threads of [{ workers: 0 }, { workers: 1, parallelThreshold: 0 }]) {
      let stdout = "";
      const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: () => {} }, {});
      await lint({ paths: [".github/workflows"], format: "json", ...threads }, io);
      expect(json(stdout).filter((diagnostic) => diagnostic.file.endsWith("main.json")).map((diagnostic) => diagnostic.rule), JSON.stringify(threads)).toEqual(["required-check-unknown"]);
    }
  });

  it("warns about a ruleset that is not JSON", async () => {
    repo = await createTempRepo({ ".github/workflows/ci.yml": CI, "rulesets/main.json": "{ not json" });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(json(result.stdout).map((diagnostic) => [diagnostic.file, diagnostic.rule, diagnostic.severity])).toEqual([["rulesets/main.json", "load", "warning"]]);
  });
});
