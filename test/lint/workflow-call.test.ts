import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { diagnosticsOf } from "../support/json-output.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// A hand-written reusable workflow and a hand-written caller that passes a misspelt input and
// reads an output the called workflow does not declare.
const REUSABLE = `on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
    outputs:
      url:
        value: \${{ jobs.deploy.outputs.url }}
jobs:
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    outputs:
      url: \${{ steps.deploy.outputs.url }}
    steps:
      - id: deploy
        run: echo "url=https://example.com" >> "$GITHUB_OUTPUT"
`;
const CALLER = `on: push
permissions: {}
jobs:
  deploy:
    uses: ./.github/workflows/deploy.yml
    with:
      enviroment: production
  notify:
    needs: deploy
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo "$URL"
        env:
          URL: \${{ needs.deploy.outputs.link }}
`;

describe("calls of the repository's own reusable workflows", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 10.4: lint checks a hand-written call against the called file, also when only the caller is named", async () => {
    repo = await createTempRepo({ ".github/workflows/deploy.yml": REUSABLE, ".github/workflows/caller.yml": CALLER });
    for (const argv of [["lint", "--format", "json"], ["lint", ".github/workflows/caller.yml", "--format", "json"]]) {
      const result = await repo.run(argv);
      expect(result.code).toBe(ExitCode.Problems);
      const found = diagnosticsOf(result).filter((diagnostic) => diagnostic.rule === "workflow-call-mismatch");
      expect(found.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.path])).toEqual([
        [".github/workflows/caller.yml", 6, ["jobs", "deploy", "with"]],
        [".github/workflows/caller.yml", 7, ["jobs", "deploy", "with", "enviroment"]],
        [".github/workflows/caller.yml", 15, ["jobs", "notify", "steps", 0, "env", "URL"]],
      ]);
    }
  });

  it("lint names a called workflow the folder does not have, and not one that is there but does not parse", async () => {
    const calls = (target: string) => `on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/${target}\n`;
    repo = await createTempRepo({ ".github/workflows/a.yml": calls("renamed.yml"), ".github/workflows/b.yml": calls("broken.yml"), ".github/workflows/broken.yml": "on: [push\n" });
    const result = await repo.run(["lint", path.join(repo.root, ".github/workflows/a.yml"), ".github/workflows/b.yml", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Problems);
    const found = diagnosticsOf(result).filter((diagnostic) => diagnostic.rule === "workflow-call-mismatch");
    expect(found.map((diagnostic) => [diagnostic.file, diagnostic.line, diagnostic.path])).toEqual([[".github/workflows/a.yml", 5, ["jobs", "call", "uses"]]]);
  });

  it("issue 10.4: gen checks a call written as a string against the workflow it generates, at the source's line", async () => {
    repo = await createTempRepo({
      "workflows-src/deploy.ts": `import { job, step, workflow } from "trunkline";
const deploy = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [step({ run: "make deploy" })] });
export default workflow("deploy", { on: { workflow_call: { inputs: { environment: { type: "string", required: true } } } }, permissions: {}, jobs: { deploy } });
`,
      "workflows-src/release.ts": `import { job, workflow } from "trunkline";
const deploy = job({ uses: "./.github/workflows/deploy.yml", with: { enviroment: "production" } });
export default workflow("release", { on: "push", permissions: {}, jobs: { deploy } });
`,
    });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const found = diagnosticsOf(result).filter((diagnostic) => diagnostic.rule === "workflow-call-mismatch");
    expect(found.map((diagnostic) => [diagnostic.file, diagnostic.path, diagnostic.source?.file, diagnostic.source?.line])).toEqual([
      [".github/workflows/release.yml", ["jobs", "deploy", "with"], "workflows-src/release.ts", 2],
      [".github/workflows/release.yml", ["jobs", "deploy", "with", "enviroment"], "workflows-src/release.ts", 2],
    ]);
    expect(await repo.read(".github/workflows/release.yml")).toBeUndefined();
  });
});
