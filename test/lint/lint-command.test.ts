import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
// Clean by every rule: permissions, timeout, pinned checkout without persisted credentials.
const CLEAN = `on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@${SHA}
        with:
          persist-credentials: false
      - run: make test
`;
// One error (script-injection, line 10) and one warning (timeout-missing, job key at line 6).
const INJECTION = `on: pull_request
permissions: {}
concurrency:
  group: pr-\${{ github.event.pull_request.number }}
  cancel-in-progress: true
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`;

const json = (stdout: string) => JSON.parse(stdout) as Diagnostic[];
const where = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.severity}`);

describe("trunkline lint", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("exits 0 on a clean workflow, 1 on a rule error, with YAML line and column", async () => {
    repo = await createTempRepo({ ".github/workflows/clean.yml": CLEAN, "other/greet.yml": INJECTION });
    const clean = await repo.run(["lint"]);
    expect(clean.code).toBe(ExitCode.Ok);
    expect(clean.stdout).toBe("");
    const found = await repo.run(["lint", "other/greet.yml", "--format", "json"]);
    expect(found.code).toBe(ExitCode.Problems);
    expect(where(json(found.stdout))).toEqual(["other/greet.yml:7:3 timeout-missing warning", "other/greet.yml:10:20 script-injection error"]);
  });

  it("exits 0 when there are only warnings", async () => {
    repo = await createTempRepo({ ".github/workflows/w.yml": CLEAN.replace("    timeout-minutes: 10\n", "") });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(where(json(result.stdout))).toEqual([".github/workflows/w.yml:5:3 timeout-missing warning"]);
  });

  it("honours # trunkline-ignore comments on a step, after a value, on a job, and for the file", async () => {
    const yaml = `on: push
jobs:
  # trunkline-ignore: timeout-missing -- a release waits for an approval
  release:
    runs-on: ubuntu-latest
    steps:
      # trunkline-ignore: unpinned-action
      - uses: octo-org/tool@v1
      - uses: octo-org/other@v1 # trunkline-ignore: unpinned-action
      - uses: octo-org/third@v1
# trunkline-ignore-file: permissions-missing
`;
    repo = await createTempRepo({ ".github/workflows/w.yml": yaml });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(where(json(result.stdout))).toEqual([".github/workflows/w.yml:10:15 unpinned-action error"]);
  });

  it("takes levels, options and ignores from trunkline.config.ts", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": `import { defineConfig } from "trunkline";
export default defineConfig({
  targets: [{ name: "default", sources: ["ci/*.ts"], outDir: ".github/workflows" }],
  lint: {
    rules: { "timeout-missing": "error", "script-injection": "off", "unpinned-action": ["error", { allowTagPins: [] }] },
    ignores: [{ files: ["legacy/**"] }, { files: ["vendor/*.yml"], rules: ["timeout-missing"] }],
  },
});
`,
      ".github/workflows/greet.yml": INJECTION,
      ".github/workflows/clean.yml": CLEAN.replace(`actions/checkout@${SHA}`, "actions/checkout@v5"),
      "legacy/old.yml": INJECTION,
      "vendor/v.yml": INJECTION,
    });
    const result = await repo.run(["lint", ".github/workflows", "legacy", "vendor", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Problems);
    // legacy/ is ignored entirely; vendor/ only for timeout-missing, and script-injection is off
    expect(where(json(result.stdout))).toEqual([".github/workflows/clean.yml:9:15 unpinned-action error", ".github/workflows/greet.yml:7:3 timeout-missing error"]);
  });

  it("reports a config naming an unknown rule, and exits 2 as gen does for a config it cannot understand", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": 'import { defineConfig } from "trunkline";\nexport default defineConfig({ lint: { rules: { "timeout-mising": "off" } as never } });\n',
      ".github/workflows/clean.yml": CLEAN,
    });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const [problem] = json(result.stdout);
    expect(problem).toMatchObject({ rule: "config", file: "trunkline.config.ts", hint: 'did you mean "timeout-missing"?' });
  });

  it("reads required checks from rulesets beside .github (the prod trigger swap)", async () => {
    const ci = "on:\n  pull_request:\n    branches: [main]\npermissions: {}\nconcurrency:\n  group: ci-${{ github.ref }}\n  cancel-in-progress: true\njobs:\n  test:\n    name: CI\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: make test\n";
    const ruleset = { name: "prod", target: "branch", enforcement: "active", conditions: { ref_name: { include: ["refs/heads/prod"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [{ context: "CI" }] } }] };
    repo = await createTempRepo({ ".github/workflows/ci.yml": ci, "rulesets/prod.json": JSON.stringify(ruleset) });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(where(json(result.stdout))).toEqual([".github/workflows/ci.yml:3:5 required-check-path-filtered error"]);
  });
});

describe("trunkline lint --format", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("pretty: file:line:col, rule, message, hint and the lines around it with a caret", async () => {
    repo = await createTempRepo({ ".github/workflows/greet.yml": INJECTION.replace("    runs-on", "    timeout-minutes: 5\n    runs-on") });
    const { stdout } = await repo.run(["lint", "--format", "pretty"]);
    expect(stdout.replace(/\s+$/gm, "")).toBe(
      [
        '.github/workflows/greet.yml:11:20: error: github.event.pull_request.title is written by whoever opens the issue or pull request, and is pasted into this script before it runs [script-injection]',
        '  hint: pass it through env (TITLE: ${{ github.event.pull_request.title }}) and use "$TITLE" in the script',
        "    10 |     steps:",
        '  > 11 |       - run: echo "${{ github.event.pull_request.title }}"',
        "       |                    ^",
      ].join("\n"),
    );
  });

  it("github: one workflow-command annotation per finding", async () => {
    repo = await createTempRepo({ ".github/workflows/greet.yml": INJECTION });
    const { stdout } = await repo.run(["lint"], { GITHUB_ACTIONS: "true" });
    const lines = stdout.trim().split("\n");
    expect(lines.map((line) => line.slice(0, line.indexOf("::", 2)))).toEqual([
      "::warning file=.github/workflows/greet.yml,line=7,col=3,title=trunkline timeout-missing",
      "::error file=.github/workflows/greet.yml,line=10,col=20,title=trunkline script-injection",
    ]);
  });

  it("sarif: a 2.1.0 log with each rule described once and a region per result", async () => {
    repo = await createTempRepo({ ".github/workflows/greet.yml": INJECTION });
    const { stdout, code } = await repo.run(["lint", "--format", "sarif"]);
    expect(code).toBe(ExitCode.Problems);
    const log = JSON.parse(stdout) as { version: string; runs: { tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    expect(log.version).toBe("2.1.0");
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe("trunkline");
    expect(run!.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level])).toEqual([["timeout-missing", "warning"], ["script-injection", "error"]]);
    expect(run!.results.map((result) => [result.ruleId, run!.tool.driver.rules[result.ruleIndex]!.id, result.level, result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine, result.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ["timeout-missing", "timeout-missing", "warning", ".github/workflows/greet.yml", 7, 3],
      ["script-injection", "script-injection", "error", ".github/workflows/greet.yml", 10, 20],
    ]);
  });
});
