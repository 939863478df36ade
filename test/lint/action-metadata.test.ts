// `trunkline lint` on a hand-written action.yml: GitHub's action definition (`action-v1.0`) and the
// rules that apply to steps, over a composite action's `runs.steps`, each finding at its line.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isActionMetadata } from "../../src/validate/lint-yaml.js";
import { ACTIONS_CORPUS, hasActionsCorpus } from "../support/actions-corpus.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const BAD_ACTION = `name: Setup
description: Sets the toolchain up
inputs:
  version:
    description: Tool version
    required: true
bogus: 1
runs:
  using: composite
  steps:
    - uses: docker/login-action@v3
    - run: echo "\${{ github.event.issue.title }}"
      shell: bash
    - run: echo "::set-output name=dir::/tmp"
      shell: bash
    - run: echo "\${{ inputs.version }}"
      shell: bash
    - run: echo "\${{ github.head_ref }}" # trunkline-ignore: script-injection -- a branch name we trust here
      shell: bash
`;

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((line) => line.includes(needle)) + 1;

interface Finding {
  file: string;
  line?: number;
  severity: string;
  rule: string;
  message: string;
}

describe("lint of an action's metadata", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it.each([
    ["action.yml in a folder of actions", ".github/actions/setup/action.yml", ".github/actions"],
    ["action.yaml named directly", "tools/release/action.yaml", "tools/release/action.yaml"],
    ["another name, with runs: and neither on: nor jobs:", "ci/setup-meta.yml", "ci/setup-meta.yml"],
  ])("issue 11.2: %s is checked against action-v1.0 and the step rules, each finding at its line", async (_, file, typed) => {
    repo = await createTempRepo({ [file]: BAD_ACTION });
    const lint = await repo.run(["lint", typed, "--format", "json"]);
    expect(lint.code).toBe(1);
    const found = (JSON.parse(lint.stdout) as Finding[]).map((finding) => [finding.file, finding.rule, finding.line]);
    expect(found).toEqual([
      [file, "parser", lineOf(BAD_ACTION, "bogus")],
      [file, "unpinned-action", lineOf(BAD_ACTION, "docker/login-action")],
      [file, "script-injection", lineOf(BAD_ACTION, "issue.title")],
      [file, "deprecated-command", lineOf(BAD_ACTION, "set-output")],
      // issue 12: a composite action's text input, pasted into its script (a warning)
      [file, "script-injection", lineOf(BAD_ACTION, "inputs.version")],
    ]);
  });

  it("issue 11.2: a clean composite action gives no finding, and a workflow is still linted as a workflow", async () => {
    const clean = BAD_ACTION.replace("bogus: 1\n", "").replace("docker/login-action@v3", "docker/login-action@5e57cd118135c172c3672efd75eb46360885c0ef # v3.6.0").replace('echo "${{ github.event.issue.title }}"', 'echo "$TITLE"\n      env:\n        TITLE: ${{ github.event.issue.title }}').replace("::set-output name=dir::/tmp", 'dir=/tmp\\" >> \\"$GITHUB_OUTPUT').replace('echo "${{ inputs.version }}"', 'echo "$VERSION"\n      env:\n        VERSION: ${{ inputs.version }}');
    repo = await createTempRepo({ ".github/actions/setup/action.yml": clean, ".github/workflows/runs.yml": "runs:\n  using: composite\non: push\njobs: {}\n" });
    const action = await repo.run(["lint", ".github/actions/setup/action.yml", "--format", "json"]);
    expect(JSON.parse(action.stdout)).toEqual([]);
    expect(action.code).toBe(0);
    expect(isActionMetadata(".github/workflows/runs.yml", { runs: {}, on: "push", jobs: {} })).toBe(false);
    const workflow = await repo.run(["lint", ".github/workflows/runs.yml", "--format", "json"]);
    expect((JSON.parse(workflow.stdout) as Finding[]).some((finding) => finding.rule === "parser")).toBe(true);
  });

  it.skipIf(!hasActionsCorpus)("issue 11.2: the 25 real actions of the corpus give no error but the two listed, each a departure from action-v1.0 the runner tolerates", async () => {
    repo = await createTempRepo({});
    const lint = await repo.run(["lint", path.relative(repo.root, ACTIONS_CORPUS), "--format", "json"]);
    const errors = (JSON.parse(lint.stdout) as Finding[]).filter((finding) => finding.severity === "error");
    const listed = errors.map((finding) => [path.relative(ACTIONS_CORPUS, path.resolve(repo!.root, finding.file)).split(path.sep).join("/"), finding.rule, finding.line, finding.message]);
    expect(listed).toEqual([
      // branding.icon must name one of the Feather icons GitHub lists; a file name is not one
      ["azure/login/action.yml", "parser", 38, "Unexpected value 'login.svg'"],
      // a top-level env: is no key of action metadata (the runner ignores it)
      ["softprops/action-gh-release/action.yml", "parser", 66, "Unexpected value 'env'"],
    ]);
    expect(lint.stderr).toMatch(/2[57] files checked/);
  });
});
