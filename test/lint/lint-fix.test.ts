import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { HEADER_PREFIX } from "../../src/emit/header.js";
import { fixYaml } from "../../src/validate/fix-yaml.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const CHECKOUT_SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const NODE_SHA = "820762786026740c76f36085b0efc47a31fe5020";
const LOCK = JSON.stringify({ lockfileVersion: 1, actions: { "actions/checkout": { sha: CHECKOUT_SHA, tag: "v7.0.1" }, "octo-org/setup-tool": { sha: NODE_SHA, tag: "v2.3.1" } } }, null, 2);
// persist-credentials (a token that can write) and a tag pin the lockfile knows; comments to keep.
const RELEASE = `# Tags a release; hand-written.
on: push
permissions:
  contents: write   # pushes the tag
jobs:
  tag:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      # the whole history, for the changelog
      - uses: actions/checkout@v4
      - uses: octo-org/setup-tool@v2
        with:
          node-version: "22" # LTS
      - run: |
          git tag "v$(node -p 'require("./package.json").version')"
`;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
const stepsOf = (text: string) => (parse(text) as { jobs: { tag: { steps: Step[] } } }).jobs.tag.steps;

describe("trunkline lint --fix", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 12.fix: adds persist-credentials: false and pins from the lockfile, keeps comments, names the file, then lints clean", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": RELEASE, "trunkline.actions.lock.json": LOCK });
    const before = await repo.run(["lint", "--format", "json"]);
    expect((JSON.parse(before.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule).sort()).toEqual(["persist-credentials", "unpinned-action"]);
    const result = await repo.run(["lint", "--fix"]);
    expect(result.stderr).toContain("fixed .github/workflows/release.yml (2 fixed)");
    expect(result.code).toBe(ExitCode.Ok);
    const text = (await repo.read(".github/workflows/release.yml"))!;
    const steps = stepsOf(text);
    expect(steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "persist-credentials": false } });
    expect(steps[1]!.uses).toBe(`octo-org/setup-tool@${NODE_SHA}`);
    for (const comment of ["# Tags a release; hand-written.", "# pushes the tag", "# the whole history, for the changelog", "# LTS", `@${NODE_SHA} # v2.3.1`]) expect(text).toContain(comment);
    const after = await repo.run(["lint", "--format", "json"]);
    expect(JSON.parse(after.stdout) as Diagnostic[]).toEqual([]);
  });

  it("issue 12.fix: with --format json, stdout is still one document, of what is left", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": RELEASE.replace("octo-org/setup-tool@v2", "octo-org/other-tool@v1"), "trunkline.actions.lock.json": LOCK });
    const result = await repo.run(["lint", "--fix", "--format", "json"]);
    const left = JSON.parse(result.stdout) as Diagnostic[];
    expect(left.map((diagnostic) => `${diagnostic.rule}:${diagnostic.line}`)).toEqual(["unpinned-action:14"]);
    expect(result.stderr).toContain("fixed .github/workflows/release.yml (1 fixed)");
  });

  it("issue 12.fix: a generated file is not changed; its source is named as the place to fix", async () => {
    const generated = `${HEADER_PREFIX}workflows-src/release.ts; edit that, run "npm run gen".\n${RELEASE}`;
    repo = await createTempRepo({ ".github/workflows/release.yml": generated, "trunkline.actions.lock.json": LOCK });
    const result = await repo.run(["lint", "--fix", "--format", "json"]);
    expect(await repo.read(".github/workflows/release.yml")).toBe(generated);
    expect(result.stderr).toContain("is generated; not fixed here");
    expect((JSON.parse(result.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule).sort()).toEqual(["persist-credentials", "unpinned-action"]);
  });

  it("issue 12.fix: nothing is fixed in a file that does not parse, and an action the lockfile lacks keeps its tag", () => {
    const finding = (rule: string, path: (string | number)[]): Diagnostic => ({ rule, severity: "warning", file: "w.yml", message: "m", path });
    expect(fixYaml("on: push\njobs: [\n", [finding("persist-credentials", ["jobs", "a", "steps", 0, "uses"])], new Map())).toBeUndefined();
    expect(fixYaml(RELEASE, [finding("unpinned-action", ["jobs", "tag", "steps", 1, "uses"])], new Map())).toBeUndefined();
  });
});

// An issue title pasted into scripts (bash, a Windows runner's PowerShell, an env name taken),
// and jobs with neither permissions nor a timeout; comments to keep.
const TRIAGE = `# Greets new issues; hand-written.
on:
  issues:
    types: [opened]
env:
  TITLE: fixed # already used by the scripts
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      # says hello
      - run: |
          echo "Thanks for: \${{ github.event.issue.title }}"
          echo \${{ github.event.issue.title }} | tee title.txt
          echo "$TITLE"
  windows:
    runs-on: windows-latest
    timeout-minutes: 5
    steps:
      - run: Write-Output "\${{ github.event.issue.body }}"
        env:
          KEEP: "1"
`;

interface TriageStep {
  run: string;
  env?: Record<string, string>;
}
interface TriageWorkflow {
  permissions?: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { "timeout-minutes"?: number; steps: TriageStep[] }>;
}

describe("trunkline lint --fix, the rest", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 12.2: moves an injected expression into env: (bash and PowerShell, no name clash), adds permissions and a timeout marked for review, then lints clean of them", async () => {
    repo = await createTempRepo({ ".github/workflows/triage.yml": TRIAGE });
    const before = (JSON.parse((await repo.run(["lint", "--format", "json"])).stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule);
    for (const rule of ["script-injection", "permissions-missing", "timeout-missing"]) expect(before).toContain(rule);
    const result = await repo.run(["lint", "--fix", "--format", "json"]);
    expect(result.stderr).toMatch(/fixed \.github\/workflows\/triage\.yml \(\d+ fixed\)/);
    const left = (JSON.parse(result.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule);
    for (const rule of ["script-injection", "permissions-missing", "timeout-missing"]) expect(left).not.toContain(rule);
    const text = (await repo.read(".github/workflows/triage.yml"))!;
    const workflow = parse(text) as TriageWorkflow;
    // TITLE is taken by the workflow's env for another value: the next name is used
    const greet = workflow.jobs.greet!.steps[0]!;
    expect(greet.env).toEqual({ ISSUE_TITLE: "${{ github.event.issue.title }}" });
    expect(greet.run).toBe('echo "Thanks for: $ISSUE_TITLE"\necho "$ISSUE_TITLE" | tee title.txt\necho "$TITLE"\n');
    const windows = workflow.jobs.windows!.steps[0]!;
    expect(windows.env).toEqual({ KEEP: "1", BODY: "${{ github.event.issue.body }}" });
    expect(windows.run).toBe('Write-Output "$env:BODY"');
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.greet!["timeout-minutes"]).toBe(60);
    expect(workflow.jobs.windows!["timeout-minutes"]).toBe(5);
    for (const comment of ["# Greets new issues; hand-written.", "# already used by the scripts", "# says hello", "# review: set by trunkline lint --fix"]) expect(text).toContain(comment);
    // the values chosen are marked where they stand
    const lines = text.split("\n");
    expect(lines.find((line) => line.includes("timeout-minutes: 60"))).toContain("# review");
    expect(lines[lines.findIndex((line) => line.startsWith("permissions:")) - 1]).toContain("# review");
  });

  it("issue 12.2: a script the fix cannot make safe is left as it was: another shell, a single-quoted PowerShell string, an expression that does more than read", () => {
    const finding = (path: (string | number)[], reference: string): Diagnostic => ({ rule: "script-injection", severity: "error", file: "w.yml", message: `${reference} is written by whoever opens the issue or pull request, and is pasted into this script before it runs`, path });
    const workflow = (step: string, runsOn = "ubuntu-latest") => `on: issues\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n${step}`;
    const at = ["jobs", "a", "steps", 0, "run"];
    expect(fixYaml(workflow(`      - shell: python\n        run: print("\${{ github.event.issue.title }}")\n`), [finding(at, "github.event.issue.title")], new Map())).toBeUndefined();
    expect(fixYaml(workflow(`      - run: Write-Output '\${{ github.event.issue.title }}'\n`, "windows-latest"), [finding(at, "github.event.issue.title")], new Map())).toBeUndefined();
    expect(fixYaml(workflow(`      - run: echo "\${{ github.event.issue.title || 'none' }}"\n`), [finding(at, "github.event.issue.title")], new Map())).toBeUndefined();
    // single quotes in bash: the quote is closed around the variable, so it is expanded
    const fixed = fixYaml(workflow(`      - run: |\n          echo 'title: \${{ github.event.issue.title }}'\n`), [finding(at, "github.event.issue.title")], new Map());
    const step = (parse(fixed!.text) as { jobs: { a: { steps: TriageStep[] } } }).jobs.a.steps[0]!;
    expect(step).toEqual({ env: { TITLE: "${{ github.event.issue.title }}" }, run: `echo 'title: '"$TITLE"''\n` });
  });

  it("issue 12: a job output pasted into a script (the warning form of script-injection) is moved into env: too; a file that repeats a key is left as it was", async () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy "${{ needs.build.outputs.version }}"\n';
    const at = ["jobs", "a", "steps", 0, "run"];
    const finding: Diagnostic = { rule: "script-injection", severity: "warning", file: "w.yml", message: "needs.build.outputs.version is text this workflow does not control, pasted into this script before it runs: quotes or $( ) in it run as code", path: at };
    const fixed = fixYaml(text, [finding], new Map());
    expect(fixed?.value).toEqual(parse(fixed!.text));
    expect((fixed!.value as { jobs: { a: { steps: TriageStep[] } } }).jobs.a.steps[0]).toEqual({ run: './deploy "$VERSION"\n'.trimEnd(), env: { VERSION: "${{ needs.build.outputs.version }}" } });
    // a repeated key: yaml refuses it, so the quick reader's document is refused here too
    expect(fixYaml(text.replace("on: push\n", "on: push\non: pull_request\n"), [finding], new Map())).toBeUndefined();
  });

  it("issue 12.2: a job that calls a reusable workflow gets no timeout, and a workflow with permissions gets none added", () => {
    const text = "on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n";
    const finding = (rule: string, path: (string | number)[]): Diagnostic => ({ rule, severity: "warning", file: "w.yml", message: "m", path });
    expect(fixYaml(text, [finding("timeout-missing", ["jobs", "call"]), finding("permissions-missing", ["jobs", "call"])], new Map())).toBeUndefined();
  });
});
