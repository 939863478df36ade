import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
// Hand-written YAML: a misspelt input (line 13), a missing required input (`with:` at line 20) and
// the misspelling again under a SHA pin with its version comment (line 25).
const WORKFLOW = `on: push
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
          # the whole history, for the changelog
          fetch-dpeth: 0
      - run: make
  release:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/create-github-app-token@v2
        with:
          app-id: \${{ vars.APP_ID }}
      - uses: actions/checkout@${SHA} # v4.2.2
        with:
          persist-credentials: false
          fetch-dpeth: 1
`;

const actionFindings = (stdout: string) =>
  (JSON.parse(stdout) as Diagnostic[]).filter((diagnostic) => diagnostic.rule.startsWith("action-")).map((diagnostic) => ({ rule: diagnostic.rule, line: diagnostic.line, hint: diagnostic.hint }));

const EXPECTED = [
  { rule: "action-input-unknown", line: 13, hint: 'did you mean "fetch-depth"?' },
  { rule: "action-input-missing", line: 20, hint: 'set "private-key" under with:' },
  { rule: "action-input-unknown", line: 25, hint: 'did you mean "fetch-depth"?' },
];

describe("trunkline lint of with: in hand-written YAML", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 11.6: flags fetch-dpeth under actions/checkout@v4 and a missing required input, at their lines", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": WORKFLOW });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Problems);
    expect(actionFindings(result.stdout)).toEqual(EXPECTED);
  });

  it("issue 11.6: gen checks with: of an action pinned by SHA, by the release tag it writes beside the pin", async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": `import { job, pinnedAction, step, workflow } from "trunkline";

const publish = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [
    step({ uses: pinnedAction("docker/login-action"), with: { usernme: "bot", password: "\${{ secrets.TOKEN }}" } }),
  ],
});
export default workflow("ci", { on: "push", permissions: {}, jobs: { publish } });
`,
    });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const found = (JSON.parse(result.stdout) as Diagnostic[]).map((d) => ({ rule: d.rule, path: d.path, hint: d.hint, source: d.source && `${d.source.file}:${d.source.line}` }));
    expect(found).toEqual([{ rule: "action-input-unknown", path: ["jobs", "publish", "steps", 0, "with", "usernme"], hint: 'did you mean "username"?', source: "workflows-src/ci.ts:7" }]);
  });

  it("issue 11.6: the installed command reads the data set shipped beside its bundle", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": WORKFLOW });
    const result = spawnSync(process.execPath, [BIN, "lint", "--format", "json"], { cwd: repo.root, encoding: "utf8", timeout: 60_000, env: { ...process.env, GITHUB_ACTIONS: "" } });
    expect(result.status).toBe(ExitCode.Problems);
    expect(actionFindings(result.stdout)).toEqual(EXPECTED);
  });
});
