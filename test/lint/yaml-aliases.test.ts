import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { modelsFromTexts } from "../../src/baseline/baseline.js";
import { ExitCode } from "../../src/cli/exit-code.js";
import { lint } from "../../src/cli/commands/lint.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { readWorkflowYaml } from "../../src/importer/read-workflow-yaml.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { MAX_EXPANDED_VALUES, yamlValue } from "../../src/validate/yaml-value.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");

// Each file breaks its aliases in one way; `at` is the alias's line and column.
const BAD: Record<string, { text: string; at: [number, number]; says: RegExp }> = {
  "recursive.yml": { text: "on: push\njobs:\n  a: &job\n    runs-on: ubuntu-latest\n    steps: [*job]\n", at: [5, 13], says: /\*job is inside the value it repeats/ },
  "undefined.yml": { text: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: *nope\n", at: [5, 12], says: /\*nope repeats no value: no anchor &nope/ },
  "self-merge.yml": { text: "on: push\njobs:\n  a: &job\n    <<: *job\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n", at: [4, 9], says: /merge key <<: \*job is inside the mapping it merges/ },
  "bomb.yml": { text: aliasBomb(), at: [6, 45], says: /aliases expand this file to more than 100,000 values/ },
};

// "Billion laughs": each anchor repeats the one before ten times, 10^9 strings in all.
function aliasBomb(): string {
  const lines = ["on: push", "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
  for (let level = 1; level <= 8; level++) lines.push(`l${level}: &l${level} [${Array.from({ length: 10 }, () => `*l${level - 1}`).join(", ")}]`);
  lines.push("jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: make }]\n");
  return lines.join("\n");
}

// A file with a rule error (unpinned action is a warning; a needs on no job is an error).
const GOOD = "on: push\npermissions: {}\njobs:\n  a:\n    needs: [nope]\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n";

function parsed(text: string) {
  const lineCounter = new LineCounter();
  return { document: parseDocument(text, { lineCounter }), lineCounter };
}

describe("issue 9.10: a bad YAML anchor is a finding about its file, not a crash", () => {
  it("issue 9.10: yamlValue reports each broken alias at the alias, with what to do", () => {
    for (const [name, { text, at, says }] of Object.entries(BAD)) {
      const { document, lineCounter } = parsed(text);
      const read = yamlValue(document, lineCounter);
      expect(read.value, name).toBeUndefined();
      expect(read.problems.map((problem) => [problem.line, problem.column]), name).toEqual([at]);
      expect(read.problems[0]!.message, name).toMatch(says);
      expect(read.problems[0]!.hint, name).toBeTruthy();
    }
  });

  it("issue 9.10: yamlValue still resolves aliases that are fine, merge keys included", () => {
    const text = "base: &base { runs-on: ubuntu-latest }\njobs:\n  a:\n    <<: *base\n    steps: &steps [{ run: make }]\n  b:\n    <<: *base\n    steps: *steps\n";
    const lineCounter = new LineCounter();
    const read = yamlValue(parseDocument(text, { lineCounter, merge: true }), lineCounter);
    expect(read).toEqual({ value: { base: { "runs-on": "ubuntu-latest" }, jobs: { a: { "runs-on": "ubuntu-latest", steps: [{ run: "make" }] }, b: { "runs-on": "ubuntu-latest", steps: [{ run: "make" }] } } }, problems: [] });
  });

  it("issue 9.10: the alias bomb is found by walking the document, not by expanding it", () => {
    const { document, lineCounter } = parsed(aliasBomb());
    const started = performance.now();
    expect(yamlValue(document, lineCounter).problems).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(1000);
    // just under the bound is read
    const fits = `a: &a [${Array.from({ length: 99 }, () => "x").join(", ")}]\nb: [${Array.from({ length: Math.floor(MAX_EXPANDED_VALUES / 100) - 1 }, () => "*a").join(", ")}]\n`;
    expect(yamlValue(parseDocument(fits)).problems).toEqual([]);
  });

  describe("lint", () => {
    let repo: TempRepo;
    afterEach(async () => {
      await repo.dispose();
    });

    const files = () => ({ ...Object.fromEntries(Object.entries(BAD).map(([name, { text }]) => [`.github/workflows/${name}`, text])), ".github/workflows/good.yml": GOOD });
    const expectEveryFileReported = (diagnostics: Diagnostic[]) => {
      for (const [name, { at, says }] of Object.entries(BAD)) {
        const found = diagnostics.filter((diagnostic) => diagnostic.file === `.github/workflows/${name}`);
        expect(found.map((diagnostic) => [diagnostic.rule, diagnostic.line, diagnostic.column]), name).toEqual([["parser", ...at]]);
        expect(found[0]!.message, name).toMatch(says);
        expect(found[0]!.hint, name).toBeTruthy();
      }
      expect(diagnostics.filter((diagnostic) => diagnostic.file === ".github/workflows/good.yml").map((diagnostic) => diagnostic.rule)).toContain("needs-unknown");
    };

    it("issue 9.10: each bad file gets a parser error at its alias, the others' findings still print, exit 1", async () => {
      repo = await createTempRepo(files());
      const result = await repo.run(["lint", "--format", "json"]);
      expect(result.code).toBe(ExitCode.Problems);
      expectEveryFileReported(JSON.parse(result.stdout) as Diagnostic[]);
    });

    it("issue 9.10: the same with the files shared between worker threads", async () => {
      const many: Record<string, string> = files();
      for (let index = 0; index < 40; index++) many[`.github/workflows/copy-${index}.yml`] = GOOD.replace("nope", `nope${index}`);
      repo = await createTempRepo(many);
      let stdout = "";
      const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: () => {} }, {});
      expect(await lint({ paths: [], format: "json", workers: 1, parallelThreshold: 0 }, io)).toBe(ExitCode.Problems);
      const diagnostics = JSON.parse(stdout) as Diagnostic[];
      expectEveryFileReported(diagnostics);
      expect(new Set(diagnostics.filter((diagnostic) => diagnostic.rule === "needs-unknown").map((diagnostic) => diagnostic.file)).size).toBe(41);
    });

    it("issue 9.10: `trunkline lint` over more files than start workers prints every file's findings and exits 1", async () => {
      const many: Record<string, string> = files();
      for (let index = 0; index < 80; index++) many[`.github/workflows/copy-${index}.yml`] = GOOD.replace("nope", `nope${index}`);
      // the repository's rulesets make lint read every workflow for the required-check rules too
      many[".github/rulesets/main.json"] = JSON.stringify({ name: "main", target: "branch", enforcement: "active", conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [{ context: "a" }] } }] });
      repo = await createTempRepo(many);
      const child = spawnSync(process.execPath, [BIN, "lint", "--format", "json"], { cwd: repo.root, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" }, timeout: 120_000, killSignal: "SIGKILL" });
      expect(child.signal, child.stderr).toBeNull();
      expect(child.status, child.stderr).toBe(ExitCode.Problems);
      expect(child.stderr).not.toContain("internal error");
      const diagnostics = JSON.parse(child.stdout) as Diagnostic[];
      expectEveryFileReported(diagnostics);
      expect(new Set(diagnostics.filter((diagnostic) => diagnostic.rule === "needs-unknown").map((diagnostic) => diagnostic.file)).size).toBe(81);
    }, 150_000);

    it("issue 9.10: graph names the alias and exits 2", async () => {
      repo = await createTempRepo(files());
      for (const [name, { at, says }] of Object.entries(BAD)) {
        const result = await repo.run(["graph", `.github/workflows/${name}`]);
        expect(result.code, name).toBe(ExitCode.SourceErrors);
        expect(result.stderr, name).toContain(`.github/workflows/${name}:${at[0]}:${at[1]}: `);
        expect(result.stderr, name).toMatch(says);
        expect(result.stderr, name).toContain("hint: ");
      }
    });
  });

  it("issue 9.10: the baseline's models and the importer's reader do not throw on them", () => {
    const models = modelsFromTexts(new Map(Object.entries(BAD).map(([name, { text }]) => [name, text])));
    for (const [name, { text, at, says }] of Object.entries(BAD)) {
      expect(() => models.get(name), name).not.toThrow();
      const read = readWorkflowYaml(text);
      expect(read.workflow, name).toBeUndefined();
      expect(read.problems.map((problem) => [problem.line, problem.column]), name).toEqual([at]);
      expect(read.problems[0]!.message, name).toMatch(says);
    }
  });
});
