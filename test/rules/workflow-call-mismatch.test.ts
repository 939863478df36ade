import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import rule from "../../src/rules/workflow-call-mismatch.js";
import { createRepositoryRuleRunner } from "../../src/rulesets/run-repository-rules.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { testRepositoryRule } from "./_test-repository-rule.js";

// The called workflow, as a reusable workflow of GitHub's docs declares its interface.
const CALLED = `on:
  workflow_call:
    inputs:
      config-path:
        type: string
        required: true
      dry-run:
        type: boolean
        required: false
    secrets:
      personal_access_token:
        required: true
      cache_token:
        required: false
    outputs:
      firstword:
        value: \${{ jobs.example.outputs.output1 }}
jobs:
  example:
    runs-on: ubuntu-latest
    outputs:
      output1: \${{ steps.step1.outputs.firstword }}
    steps:
      - id: step1
        run: echo "firstword=hello" >> "$GITHUB_OUTPUT"
`;
const CALLED_FILE = ".github/workflows/reusable.yml";
const CALLER_FILE = ".github/workflows/caller.yml";

/** A caller whose job `call` has the given body (indented under it), plus extra jobs. */
const caller = (body: string, extraJobs = "") => `on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n${body}${extraJobs}`;
const passesAll = "    with:\n      config-path: .github/labeler.yml\n    secrets:\n      personal_access_token: ${{ secrets.token }}\n";
const reader = (expression: string) => `  after:\n    needs: call\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "$V"\n        env:\n          V: ${expression}\n`;
const repo = (callerYaml: string, calledYaml = CALLED, calledFile = CALLED_FILE) => ({ [CALLER_FILE]: callerYaml, [calledFile]: calledYaml });

testRepositoryRule(rule, {
  valid: [
    { name: "every required input and secret, and a declared output", workflows: repo(caller(passesAll, reader("${{ needs.call.outputs.firstword }}"))), rulesets: {} },
    { name: "names compare without case; optional ones may be passed or left out", workflows: repo(caller("    with:\n      CONFIG-PATH: x\n      dry-run: true\n    secrets:\n      Personal_Access_Token: ${{ secrets.token }}\n      cache_token: x\n", reader("${{ needs.Call.outputs.FirstWord }}"))), rulesets: {} },
    { name: "secrets: inherit passes every secret", workflows: repo(caller("    with:\n      config-path: x\n    secrets: inherit\n")), rulesets: {} },
    { name: "a workflow of another repository is not read", workflows: repo("on: push\njobs:\n  call:\n    uses: octo-org/example-repo/.github/workflows/reusable.yml@main\n    with:\n      anything: x\n"), rulesets: {} },
    { name: "a called file not among the workflows read, in a folder not listed, is not judged", workflows: { [CALLER_FILE]: caller("    with:\n      anything: x\n") }, rulesets: {} },
    { name: "a listed called file that could not be read (it does not parse) is not reported missing", workflows: { [CALLER_FILE]: caller("    with:\n      anything: x\n") }, rulesets: {}, listed: [CALLER_FILE, CALLED_FILE] },
    { name: "on: workflow_call as a string, called with nothing", workflows: repo("on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n", "on: workflow_call\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n"), rulesets: {} },
    {
      name: "a target's repository: the call is read from that repository's root",
      workflows: { "generated/web/.github/workflows/caller.yml": caller(passesAll), "generated/web/.github/workflows/reusable.yml": CALLED, ".github/workflows/reusable.yml": "on:\n  workflow_call:\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: x }]\n" },
      rulesets: {},
    },
    { name: "an output of a job that is not a call is another rule's business", workflows: repo(caller(passesAll, reader("${{ needs.other.outputs.x }}").replace("needs: call", "needs: other") + "  other:\n    runs-on: x\n    steps: [{ run: x }]\n")), rulesets: {} },
  ],
  invalid: [
    {
      name: "a call to a workflow the listed folder does not have",
      workflows: { [CALLER_FILE]: caller("    with:\n      anything: x\n") },
      rulesets: {},
      listed: [CALLER_FILE, ".github/workflows/other.yml"],
      errors: [{ file: CALLER_FILE, path: ["jobs", "call", "uses"], line: 4, column: 11 }],
    },
    {
      name: "an input the called workflow does not declare",
      workflows: repo(caller("    with:\n      config-path: x\n      config_path: y\n    secrets:\n      personal_access_token: x\n")),
      rulesets: {},
      errors: [{ file: CALLER_FILE, path: ["jobs", "call", "with", "config_path"], line: 7, column: 20 }],
    },
    {
      name: "a required input not passed, with `with:` present",
      workflows: repo(caller("    with:\n      dry-run: true\n    secrets:\n      personal_access_token: x\n")),
      rulesets: {},
      errors: [{ file: CALLER_FILE, path: ["jobs", "call", "with"], line: 5, column: 5 }],
    },
    {
      name: "a required input and a required secret, without `with:` or `secrets:`",
      workflows: repo(caller("")),
      rulesets: {},
      errors: [
        { file: CALLER_FILE, path: ["jobs", "call", "uses"], line: 4, column: 11 },
        { file: CALLER_FILE, path: ["jobs", "call", "uses"], line: 4, column: 11 },
      ],
    },
    {
      name: "a secret the called workflow does not declare, and a required one missing",
      workflows: repo(caller("    with:\n      config-path: x\n    secrets:\n      personal_acess_token: x\n")),
      rulesets: {},
      errors: [
        { file: CALLER_FILE, path: ["jobs", "call", "secrets"], line: 7, column: 5 },
        { file: CALLER_FILE, path: ["jobs", "call", "secrets", "personal_acess_token"], line: 8, column: 29 },
      ],
    },
    {
      name: "an output the called workflow does not declare",
      workflows: repo(caller(passesAll, reader("${{ needs.call.outputs.first-word }}"))),
      rulesets: {},
      errors: [{ file: CALLER_FILE, path: ["jobs", "after", "steps", 0, "env", "V"], line: 15, column: 14 }],
    },
    {
      name: "a called workflow without workflow_call",
      workflows: repo("on: push\njobs:\n  call:\n    uses: ./.github/workflows/reusable.yml\n", "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: x }]\n"),
      rulesets: {},
      errors: [{ file: CALLER_FILE, path: ["jobs", "call", "uses"], line: 4, column: 11 }],
    },
  ],
});

// ---- zero findings where every call is right: actionlint's ok corpus and everything trunkline generates ----

const CORPUS = path.resolve(REPO_ROOT, "../shared/corpora/actionlint-ok");

/** Every YAML file below `folder` (repo-relative), read. */
function yamlFilesUnder(folder: string): { file: string; model: unknown }[] {
  const absolute = path.join(REPO_ROOT, folder);
  if (!existsSync(absolute)) return [];
  const found: { file: string; model: unknown }[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const file = path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    found.push({ file, model: parse(readFileSync(path.join(REPO_ROOT, file), "utf8")) as unknown });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** Local calls whose called file is among `workflows`: what the rule actually compares. */
function checkedCalls(workflows: readonly { file: string; model: unknown }[]): string[] {
  const files = new Set(workflows.map((workflow) => workflow.file));
  return workflows.flatMap(({ file, model }) =>
    Object.entries(((model as { jobs?: Record<string, { uses?: unknown }> }).jobs) ?? {}).flatMap(([id, job]) => {
      const uses = job?.uses;
      if (typeof uses !== "string" || !uses.startsWith("./.github/workflows/")) return [];
      const called = `${file.replace(/\.github\/workflows\/[^/]+$/, "")}${uses.slice(2)}`;
      return files.has(called) ? [`${file} ${id} → ${called}`] : [];
    }),
  );
}

describe("workflow-call-mismatch on workflows that call correctly", () => {
  const run = createRepositoryRuleRunner({ rules: [rule] });

  it.skipIf(!existsSync(CORPUS))("issue 10.4: finds nothing in actionlint's ok corpus, read as one repository", () => {
    const workflows = readdirSync(CORPUS).filter((name) => name.endsWith(".yaml")).map((name) => ({ file: `.github/workflows/${name}`, model: parse(readFileSync(path.join(CORPUS, name), "utf8")) as unknown }));
    expect(workflows.length).toBeGreaterThan(80);
    expect(run({ workflows, rulesets: [] })).toEqual([]);
  });

  it("issue 10.4: finds nothing in any repository trunkline generates, whose gate calls its reusable checks", () => {
    const repositories = new Map<string, { file: string; model: unknown }[]>();
    for (const workflow of [...yamlFilesUnder(".github/workflows"), ...yamlFilesUnder("generated")]) {
      if (!/(^|\/)\.github\/workflows\/[^/]+$/.test(workflow.file)) continue;
      const root = workflow.file.replace(/\.github\/workflows\/[^/]+$/, "");
      repositories.set(root, [...(repositories.get(root) ?? []), workflow]);
    }
    const calls = [...repositories.values()].flatMap(checkedCalls);
    // not vacuous: the GitOps example's gate calls its path-scoped checks
    expect(calls.length).toBeGreaterThan(0);
    for (const workflows of repositories.values()) expect(run({ workflows, rulesets: [] })).toEqual([]);
  });
});
