import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { main } from "../../src/cli/main.js";
import { createNodeIo } from "../../src/io/node-io.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const CI = ".github/workflows/ci.yml";
// `deploy` reads an output `build` does not declare (an error); `build` has no timeout (a warning).
const source = (options: { buildOptions?: string; stepOptions?: string; output?: string } = {}) => `import { job, step, workflow } from "trunkline";

const build = job({
  "runs-on": "ubuntu-latest",
  outputs: { version: "\${{ steps.v.outputs.value }}" },
  steps: [step({ id: "v", run: "echo value=1 >> $GITHUB_OUTPUT" })],
}${options.buildOptions ?? ""});
const deploy = job({
  needs: [build],
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [
    step({ run: "./deploy", env: { VERSION: "\${{ needs.build.outputs.${options.output ?? "tag"} }}" } }${options.stepOptions ?? ""}),
  ],
});
export default workflow("ci", { on: "push", permissions: {}, jobs: { build, deploy } });
`;
const parse = (stdout: string) => JSON.parse(stdout) as Diagnostic[];

describe("rules during gen", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("an error stops the write and points at the TypeScript line of the step, then the YAML", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source() });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(await repo.read(CI)).toBeUndefined();
    const found = parse(result.stdout).map((d) => ({ rule: d.rule, severity: d.severity, line: d.line, source: d.source && `${d.source.file}:${d.source.line}` }));
    expect(found).toEqual([
      // the job's call site (line 3) for the job, the step's (line 13) for the step
      { rule: "timeout-missing", severity: "warning", line: 8, source: "workflows-src/ci.ts:3" },
      { rule: "needs-output-unknown", severity: "error", line: 24, source: "workflows-src/ci.ts:13" },
    ]);
  });

  it("warnings print and the workflow is written", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source({ output: "version" }) });
    const result = await repo.run(["gen"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stderr).toContain("[timeout-missing]");
    expect(result.stderr).toContain("workflows-src/ci.ts:3:");
    // then the YAML place and its line, though the file was not written yet when it was checked
    expect(result.stderr).toContain("at jobs.build (.github/workflows/ci.yml:8:3)");
    expect(result.stderr).toMatch(/^ {2}> 8 \| {3}build:$/m);
    expect(await repo.read(CI)).toBeDefined();
  });

  it("suppressions given to job() and step() silence those rules and never reach the YAML", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source({ buildOptions: ', { suppress: ["timeout-missing"] }', stepOptions: ', { suppress: ["needs-output-unknown"] }' }) });
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toContain("[");
    expect(result.code).toBe(ExitCode.Ok);
    expect(await repo.read(CI)).not.toContain("suppress");
    // a suppression covers only the rules it names
    await repo.write("workflows-src/ci.ts", source({ buildOptions: ', { suppress: ["needs-output-unknown"] }' }));
    expect((await repo.run(["gen"])).code).toBe(ExitCode.SourceErrors);
  });

  it("a suppression given to workflow() covers every job", async () => {
    const withoutPermissions = source({ output: "version", buildOptions: ', { suppress: ["timeout-missing"] }' }).replace("permissions: {}, ", "");
    repo = await createTempRepo({ "workflows-src/ci.ts": withoutPermissions });
    expect((await repo.run(["gen"])).stderr.match(/\[permissions-missing\]/g)).toHaveLength(2);
    await repo.write("workflows-src/ci.ts", withoutPermissions.replace("jobs: { build, deploy } }", 'jobs: { build, deploy } }, { suppress: ["permissions-missing"] }'));
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toContain("[permissions-missing]");
    expect(result.code).toBe(ExitCode.Ok);
  });

  it("levels from trunkline.config.ts apply to gen too", async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": source({ output: "version" }),
      "trunkline.config.ts": 'import { defineConfig } from "trunkline";\nexport default defineConfig({ lint: { rules: { "timeout-missing": "error" } } });\n',
    });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(parse(result.stdout).map((d) => [d.rule, d.severity])).toEqual([["timeout-missing", "error"]]);
  });

  it("issue 13: an unchanged output's findings are read back from the cache, and follow a source line that moved", async () => {
    // a job output pasted into a script: a script-injection warning with a TypeScript edit
    const warned = `import { job, step, workflow } from "trunkline";

const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, outputs: { v: "\${{ steps.v.outputs.value }}" }, steps: [step({ id: "v", run: "echo value=1 >> $GITHUB_OUTPUT" })] });
const deploy = job({
  needs: [build],
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [step({ run: './deploy "\${{ needs.build.outputs.v }}"' })],
});
export default workflow("ci", { on: "push", permissions: {}, jobs: { build, deploy } });
`;
    repo = await createTempRepo({ "workflows-src/ci.ts": warned });
    // as the CLI runs it: with the run-to-run cache of one build
    const gen = async () => {
      let stdout = "";
      const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: () => undefined }, {}, { validatorFingerprint: "remembered-findings-test" });
      return { code: await main(["gen", "--format", "json"], io), stdout };
    };
    const first = await gen();
    expect(first.code).toBe(ExitCode.Ok);
    const found = parse(first.stdout);
    expect(found.map((d) => [d.rule, d.severity, d.source?.line, d.suggestion?.line])).toEqual([["script-injection", "warning", 8, 8]]);
    // the cache holds the placed findings of the output
    const cache = JSON.parse((await repo.read(".trunkline/cache/build.json"))!) as { entries: Record<string, string> };
    const remembered = Object.values(cache.entries).filter((value) => value.startsWith('{"places"'));
    expect(remembered.map((value) => (JSON.parse(value) as { diagnostics: Diagnostic[] }).diagnostics)).toEqual([found]);
    // read back: the second run prints what the first printed
    const second = await gen();
    expect(parse(second.stdout)).toEqual(found);
    // an entry that is not one (edited by hand) is worked out again, not trusted nor fatal
    const damaged = Object.fromEntries(Object.entries(cache.entries).map(([key, value]) => [key, value.startsWith('{"places"') ? "{not json" : value]));
    await repo.write(".trunkline/cache/build.json", JSON.stringify({ ...JSON.parse((await repo.read(".trunkline/cache/build.json"))!), entries: damaged }));
    const repaired = await gen();
    expect(repaired.code).toBe(ExitCode.Ok);
    expect(parse(repaired.stdout)).toEqual(found);
    // a line added above the step: the same YAML, but the finding's TypeScript line moves with it
    await repo.write("workflows-src/ci.ts", `// deploys every push\n${warned}`);
    const third = await gen();
    expect(parse(third.stdout).map((d) => [d.source?.line, d.suggestion?.line, d.line])).toEqual([[9, 9, found[0]!.line]]);
  });
});
