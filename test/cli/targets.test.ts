import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const dslSource = (file: string, command: string) => `import { job, workflow } from "trunkline";
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: ${JSON.stringify(command)} }] });
export default workflow(${JSON.stringify(file)}, { on: "push", permissions: {}, jobs: { build } });
`;

describe("targets", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("without a config: workflows-src/*.ts and workflows-src/targets/<name>/**", async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": dslSource("ci", "make"),
      "workflows-src/targets/web/ci.ts": dslSource("ci", "make web"),
      "workflows-src/targets/web/nested/deploy.ts": dslSource("deploy", "make deploy"),
    });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(parse((await repo.read(".github/workflows/ci.yml"))!).jobs.build.steps[0].run).toBe("make");
    expect(parse((await repo.read("generated/web/.github/workflows/ci.yml"))!).jobs.build.steps[0].run).toBe("make web");
    expect(await repo.read("generated/web/.github/workflows/deploy.yml")).toBeDefined();
    const manifest = JSON.parse((await repo.read(".trunkline/manifest.json"))!) as { files: Record<string, { target: string; source: string }> };
    expect(Object.entries(manifest.files).map(([file, entry]) => [file, entry.target, entry.source])).toEqual([
      [".github/workflows/ci.yml", "default", "workflows-src/ci.ts"],
      ["generated/web/.github/workflows/ci.yml", "web", "workflows-src/targets/web/ci.ts"],
      ["generated/web/.github/workflows/deploy.yml", "web", "workflows-src/targets/web/nested/deploy.ts"],
    ]);
  });

  it("with trunkline.config.ts: one source generating for several repositories", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": `import { defineConfig } from "trunkline";
export default defineConfig({
  targets: [
    { name: "api", sources: ["ci/shared/*.ts", "ci/api/*.ts"], outDir: "repos/api/.github/workflows" },
    { name: "web", sources: ["ci/shared/*.ts"], outDir: "repos/web/.github/workflows" },
  ],
});
`,
      "ci/shared/lint.ts": dslSource("lint", "make lint"),
      "ci/api/test.ts": dslSource("test", "make test"),
    });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(await repo.read("repos/api/.github/workflows/lint.yml")).toBe(await repo.read("repos/web/.github/workflows/lint.yml"));
    expect(await repo.read("repos/api/.github/workflows/test.yml")).toBeDefined();
    expect(await repo.read("repos/web/.github/workflows/test.yml")).toBeUndefined();
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("a config whose output folder leaves the repository is refused", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": 'import { defineConfig } from "trunkline";\nexport default defineConfig({ targets: [{ name: "x", sources: ["ci/*.ts"], outDir: "../elsewhere" }] });\n',
      "ci/a.ts": dslSource("a", "make"),
    });
    const before = await repo.snapshot();
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ rule: "config", file: "trunkline.config.ts" })]);
    expect(await repo.snapshot()).toEqual(before);
  });

  it("sources written with workflow-ts builders or as plain objects", async () => {
    repo = await createTempRepo({
      "workflows-src/builders.ts": `import { NormalJob, Step, Workflow } from "@github-actions-workflow-ts/lib";
const test = new NormalJob("test", { "runs-on": "ubuntu-latest" }).addStep(new Step({ run: "make test" }));
export const wf = new Workflow("from-builders", { on: "push" }).addJobs([test]);
`,
      "workflows-src/plain.ts": 'export default { on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: "make" }] } } };\n',
    });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(parse((await repo.read(".github/workflows/from-builders.yml"))!).jobs.test.steps[0].run).toBe("make test");
    expect(parse((await repo.read(".github/workflows/plain.yml"))!).jobs.t.steps[0].run).toBe("make");
  });
});
