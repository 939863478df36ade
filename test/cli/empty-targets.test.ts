import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";
import { runJson } from "../support/json-output.js";


const source = (name: string) =>
  `import { job, workflow } from "trunkline";\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make ${name}" }] });\nexport default workflow(${JSON.stringify(name)}, { on: "push", permissions: { contents: "read" }, jobs: { t } });\n`;
const config = (glob: string) => `import { defineConfig } from "trunkline";

export default defineConfig({
  targets: [
    { name: "web", sources: [${JSON.stringify(glob)}], outDir: ".github/workflows" },
  ],
});
`;


describe("issue 9.1: a target whose sources match nothing", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.1: a typo in a configured glob is an error naming the target and its globs; nothing is removed", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": config("workflows-src/*.ts"),
      "workflows-src/a.ts": source("a"),
      "workflows-src/b.ts": source("b"),
    });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.write("trunkline.config.ts", config("workflows-src/*.tss"));
    const before = await repo.snapshot();
    for (const command of ["gen", "check"]) {
      const result = await runJson(repo, [command]);
      expect(result.code, command).toBe(ExitCode.SourceErrors);
      const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ file: "trunkline.config.ts", line: 5 });
      expect(errors[0]!.message).toContain('target "web"');
      expect(errors[0]!.message).toContain('"workflows-src/*.tss"');
      expect(errors[0]!.hint).toBeTruthy();
    }
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.1: the README's example config in a repository without ci/web writes nothing and exits 2", async () => {
    repo = await createTempRepo({ "trunkline.config.ts": config("ci/web/*.ts") });
    const before = await repo.snapshot();
    const result = await runJson(repo, ["gen"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(result.diagnostics.map((diagnostic) => diagnostic.message).join("\n")).toContain('"ci/web/*.ts"');
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.1: without a config, an empty workflows-src/*.ts that never generated anything is fine", async () => {
    repo = await createTempRepo({ "workflows-src/targets/app/ci.ts": source("ci") });
    const result = await repo.run(["gen"]);
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(await repo.read("generated/app/.github/workflows/ci.yml")).toBeDefined();
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.1: without a config, a fresh project with no source yet generates nothing, without error", async () => {
    repo = await createTempRepo({ "workflows-src/README.md": "Workflow sources go here.\n" });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.1: a fresh project's first gen says it found no workflow and where to write one, not only \"0 written\"", async () => {
    repo = await createTempRepo({ "workflows-src/README.md": "Workflow sources go here.\n" });
    const empty = await repo.run(["gen"]);
    expect(empty.code, empty.stderr).toBe(ExitCode.Ok);
    expect(empty.stderr).toContain("no source exports a workflow yet: write one in workflows-src/");
    // once there is one, the note is gone
    await repo.write("workflows-src/ci.ts", source("ci"));
    const first = await repo.run(["gen"]);
    expect(first.code, first.stderr).toBe(ExitCode.Ok);
    expect(first.stderr).not.toContain("no source exports a workflow");
  });

  it("issue 9.1: without a config, workflows-src/*.ts losing every source keeps what it generated until those files are deleted", async () => {
    repo = await createTempRepo({ "workflows-src/a.ts": source("a"), "workflows-src/b.ts": source("b"), ".github/workflows/mine.yml": "on: push\njobs: {}\n" });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.remove("workflows-src/a.ts");
    await repo.remove("workflows-src/b.ts");
    const before = await repo.snapshot();
    const refused = await runJson(repo, ["gen"]);
    expect(refused.code).toBe(ExitCode.SourceErrors);
    const message = refused.diagnostics.map((diagnostic) => diagnostic.message).join("\n");
    expect(message).toContain(".github/workflows/a.yml");
    expect(message).toContain(".github/workflows/b.yml");
    expect(await repo.snapshot()).toEqual(before);
    // Retired on purpose: the generated files deleted too; gen then only updates the manifest.
    await repo.remove(".github/workflows/a.yml");
    await repo.remove(".github/workflows/b.yml");
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(JSON.parse((await repo.read(".trunkline/manifest.json"))!).files).toEqual({});
    expect(await repo.read(".github/workflows/mine.yml")).toBe("on: push\njobs: {}\n");
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.1: gen names every file it removes, and check every orphan", async () => {
    repo = await createTempRepo({ "workflows-src/a.ts": source("a"), "workflows-src/b.ts": source("b"), "workflows-src/c.ts": source("c") });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.remove("workflows-src/b.ts");
    await repo.remove("workflows-src/c.ts");
    const checked = await runJson(repo, ["check"]);
    expect(checked.code).toBe(ExitCode.Problems);
    expect(checked.diagnostics.map((diagnostic) => diagnostic.file).sort()).toEqual([".github/workflows/b.yml", ".github/workflows/c.yml"]);
    const generated = await repo.run(["gen"]);
    expect(generated.code).toBe(ExitCode.Ok);
    const removed = generated.stderr.split("\n").filter((line) => line.includes("removed .github"));
    expect(removed.map((line) => /removed (\S+):/.exec(line)?.[1])).toEqual([".github/workflows/b.yml", ".github/workflows/c.yml"]);
    expect(await repo.read(".github/workflows/a.yml")).toBeDefined();
  });
});
