import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { formatSarif } from "../../src/diagnostics/format/sarif.js";
import { TYPED_UNTRUSTED_REFERENCES, withSourceEdits } from "../../src/diagnostics/suggest-source-edit.js";
import { github } from "../../src/index.js";
import type { JsonObject } from "../../src/model/json.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// Line numbers below are those of these sources: each finding's edit belongs at the call that wrote
// the step, job or workflow.
const RELEASE = `import { job, step, workflow } from "trunkline";

const release = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  steps: [
    step({ uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", with: { "fetch-depth": 0 } }),
    step({ name: "Lint", uses: "octo-org/lint-action@v2", with: { strict: true } }),
    step({ run: 'echo "\${{ github.event.pull_request.title }}"' }),
  ],
});

export default workflow("release", { on: { pull_request: { branches: ["main"] } }, permissions: { contents: "write" }, jobs: { release } });
`;
const PLAIN = `import { job, step, workflow } from "trunkline";

const build = job({
  "runs-on": "ubuntu-latest",
  steps: [step({ run: "make" })],
});

export default workflow("plain", {
  on: { push: { branches: ["main"] } },
  jobs: { build },
});
`;

describe("gen suggests the TypeScript edit for a fixable finding", () => {
  let repo: TempRepo;
  let diagnostics: Diagnostic[];
  let pretty: string;
  let quiet: string;
  beforeAll(async () => {
    repo = await createTempRepo({ "workflows-src/release.ts": RELEASE, "workflows-src/plain.ts": PLAIN });
    const json = await repo.run(["gen", "--format", "json"]);
    diagnostics = JSON.parse(json.stdout) as Diagnostic[];
    pretty = (await repo.run(["gen"])).stderr;
    quiet = (await repo.run(["gen", "--quiet"])).stderr;
  });
  afterAll(async () => {
    await repo.dispose();
  });
  const suggestionOf = (rule: string) => diagnostics.find((diagnostic) => diagnostic.rule === rule)?.suggestion;

  it("issue 12.1: persist-credentials: add it to the step's with, at the step's line", () => {
    const suggestion = suggestionOf("persist-credentials");
    expect(suggestion).toMatchObject({ file: "workflows-src/release.ts", line: 7 });
    expect(suggestion!.code).toBe('with: { "fetch-depth": 0, "persist-credentials": false },');
  });

  it("issue 12.1: script injection: the value moved into env, typed, and the script reading the variable", () => {
    const suggestion = suggestionOf("script-injection");
    expect(suggestion).toMatchObject({ file: "workflows-src/release.ts", line: 9 });
    const [env, run] = suggestion!.code.split("\n");
    const name = /^env: \{ (\w+): github\.event\.pull_request\.title \},$/.exec(env!)?.[1];
    expect(name).toBeDefined();
    expect(run).toBe(`run: 'echo "$${name}"',`);
  });

  it("issue 12.1: a tag pin: lock it, then call the typed binding with the step's other keys", () => {
    const suggestion = suggestionOf("unpinned-action");
    expect(suggestion).toMatchObject({ file: "workflows-src/release.ts", line: 8 });
    expect(suggestion!.text).toContain("npx trunkline actions add octo-org/lint-action@v2");
    expect(suggestion!.code.split("\n")).toEqual(['import { octoOrgLintAction } from "./actions/index.js";', 'octoOrgLintAction({ name: "Lint", with: { strict: true } }),']);
  });

  it("issue 12.1: the permissions and timeout skeletons, at the workflow's and the job's lines", () => {
    expect(suggestionOf("permissions-missing")).toMatchObject({ file: "workflows-src/plain.ts", line: 8, code: 'permissions: { contents: "read" },' });
    expect(suggestionOf("timeout-missing")).toMatchObject({ file: "workflows-src/plain.ts", line: 3, code: '"timeout-minutes": 60,' });
  });

  it("issue 12.1: human output prints each edit under its finding; --quiet prints none", () => {
    const blocks = pretty.split("\n").filter((line) => line.startsWith("  suggested edit"));
    expect(blocks).toHaveLength(diagnostics.filter((diagnostic) => diagnostic.suggestion).length);
    expect(pretty).toContain('  suggested edit: add "persist-credentials": false to this step\'s with\n    with: { "fetch-depth": 0, "persist-credentials": false },\n');
    // the workflow's edit is not at the job's line the finding is reported on: its place is named
    expect(pretty).toContain('  suggested edit at workflows-src/plain.ts:8:');
    expect(quiet).not.toContain("suggested edit");
    expect(quiet).toContain("unpinned-action");
  });

  it("issue 12.1: SARIF carries the edit as a property of the result", () => {
    const log = JSON.parse(formatSarif(diagnostics)) as { runs: { results: { ruleId: string; properties?: { suggestion?: unknown } }[] }[] };
    const result = log.runs[0]!.results.find((entry) => entry.ruleId === "persist-credentials");
    expect(result?.properties?.suggestion).toEqual(suggestionOf("persist-credentials"));
  });

  it("issue 12.1: gen never edits the sources", async () => {
    expect(await repo.read("workflows-src/release.ts")).toBe(RELEASE);
    expect(await repo.read("workflows-src/plain.ts")).toBe(PLAIN);
  });
});

describe("the edits said without a run", () => {
  const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
  const model: JsonObject = { on: "push", jobs: { a: { "runs-on": "x", steps: [{ uses: "octo-org/lint-action@v2" }, { shell: "pwsh", run: 'Write-Host "${{ github.head_ref }}"\nexit 0\n' }] } } };
  const text = `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: octo-org/lint-action@v2\n      - shell: pwsh\n        run: |\n          Write-Host "\${{ github.head_ref }}"\n          exit 0\n`;
  const siteOf = (path: (string | number)[]) => ({ file: "workflows-src/deep/ci.ts", line: path.length, column: 1 });
  const at = (rule: string, path: (string | number)[], message = "m"): Diagnostic => ({ rule, severity: "error", message, file: ".github/workflows/ci.yml", path });

  it("issue 12.1: a locked action: call its binding, imported relative to the source", () => {
    const [found] = withSourceEdits([at("unpinned-action", ["jobs", "a", "steps", 0, "uses"])], { text, model, siteOf, lockedPins: [`octo-org/lint-action@${SHA}`] });
    expect(found!.suggestion!.text).toContain("trunkline.actions.lock.json");
    expect(found!.suggestion!.code).toBe('import { octoOrgLintAction } from "../actions/index.js";\noctoOrgLintAction(),');
  });

  it("issue 12.1: a PowerShell script of several lines: $env:NAME, in a template literal", () => {
    const [found] = withSourceEdits([at("script-injection", ["jobs", "a", "steps", 1, "run"], "github.head_ref is written by whoever names the branch")], { text, model, siteOf });
    const code = found!.suggestion!.code;
    const name = /^env: \{ (\w+): github\.head_ref \},$/m.exec(code)?.[1];
    expect(name).toBeDefined();
    expect(code.split("\n").slice(1)).toEqual([`run: \`Write-Host "$env:${name}"`, "exit 0", "`,"]);
  });

  it("issue 12.1: a reference the typed github context lacks keeps its string form", () => {
    const issue = { on: "issues", jobs: { a: { "runs-on": "x", steps: [{ run: 'echo "${{ github.event.issue.title }}"' }] } } };
    const yaml = `on: issues\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "\${{ github.event.issue.title }}"\n`;
    const [found] = withSourceEdits([at("script-injection", ["jobs", "a", "steps", 0, "run"], "github.event.issue.title is written by whoever opens the issue")], { text: yaml, model: issue, siteOf });
    expect(found!.suggestion!.code).toMatch(/^env: \{ \w+: "\$\{\{ github\.event\.issue\.title \}\}" \},\nrun: 'echo "\$\w+"',$/);
  });

  it("issue 12.1: every reference written typed is one the typed github context has (tsc checks each)", () => {
    const typed = [github.head_ref, github.event.pull_request.title, github.event.pull_request.body, github.event.pull_request.head.ref, github.event.pull_request.head.label, github.event.pull_request.head.repo.default_branch, github.event.head_commit.message, github.event.head_commit.author.email, github.event.head_commit.author.name];
    expect(new Set(typed.map((expression) => /^\$\{\{ (.*) \}\}$/.exec(String(expression))?.[1]))).toEqual(TYPED_UNTRUSTED_REFERENCES);
  });

  it("issue 12.1: no call site known, or a rule without a fix: no suggestion", () => {
    expect(withSourceEdits([at("timeout-missing", ["jobs", "a"])], { text, model, siteOf: () => undefined })[0]!.suggestion).toBeUndefined();
    expect(withSourceEdits([at("needs-unknown", ["jobs", "a"])], { text, model, siteOf })[0]!.suggestion).toBeUndefined();
  });
});
