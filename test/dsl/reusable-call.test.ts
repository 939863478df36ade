import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { diagnosticsOf } from "../support/json-output.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

// A reusable workflow in TypeScript and two callers: one in the same target, one calling a
// published workflow of another repository.
const CALLEE = `import { job, step, workflow } from "trunkline";
const build = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 15,
  outputs: { digest: "\${{ steps.push.outputs.digest }}" },
  steps: [step({ id: "push", run: 'echo "digest=sha256:00" >> "$GITHUB_OUTPUT"' })],
});
export const buildImage = workflow("build-image", {
  name: "Build image",
  on: {
    workflow_call: {
      inputs: { context: { type: "string", required: true }, push: { type: "boolean", default: false } },
      secrets: { registry_token: { required: true } },
      outputs: { digest: { value: "\${{ jobs.build.outputs.digest }}" } },
    },
  },
  permissions: { contents: "read" },
  jobs: { build },
});
`;

const CALLER = `import { expr, job, remoteWorkflow, step, workflow } from "trunkline";
import { buildImage } from "./build-image.js";
const image = job.call(buildImage, { with: { context: "services/api", push: true }, secrets: { registry_token: "\${{ secrets.REGISTRY_TOKEN }}" } });
const deploy = remoteWorkflow({
  repo: "acme/platform", file: "deploy.yml", sha: "0123456789abcdef0123456789abcdef01234567", tag: "v3.2.0",
  workflow_call: { inputs: { digest: { type: "string", required: true } }, outputs: { url: { value: "\${{ jobs.deploy.outputs.url }}" } } },
});
const ship = job.call(deploy, { needs: [image], with: { digest: "\${{ needs.image.outputs.digest }}" }, secrets: "inherit" });
const report = job.using({ needs: { image, ship } }, ({ needs }) => ({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [step({ run: expr\`echo \${needs.image.outputs.digest} \${needs.ship.outputs.url}\` })],
}));
export default workflow("images", { name: "Images", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { image, ship, report } });
`;

describe("reusable workflows called by value", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 10.4: job.call writes ./.github/workflows/<file> for a callee of the same target, owner/repo/…@sha # tag for a remote one", async () => {
    repo = await createTempRepo({ "workflows-src/build-image.ts": CALLEE, "workflows-src/images.ts": CALLER });
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(ExitCode.Ok);
    const text = (await repo.read(".github/workflows/images.yml"))!;
    const caller = parse(text) as { jobs: Record<string, Record<string, unknown>> };
    expect(caller.jobs["image"]).toEqual({ uses: "./.github/workflows/build-image.yml", with: { context: "services/api", push: true }, secrets: { registry_token: "${{ secrets.REGISTRY_TOKEN }}" } });
    expect(caller.jobs["ship"]).toEqual({ needs: ["image"], uses: "acme/platform/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567", with: { digest: "${{ needs.image.outputs.digest }}" }, secrets: "inherit" });
    // what a careful person writes: the pin with its tag beside it
    expect(text).toContain("uses: acme/platform/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567 # v3.2.0\n");
    expect(caller.jobs["report"]!["steps"]).toEqual([{ run: "echo ${{ needs.image.outputs.digest }} ${{ needs.ship.outputs.url }}" }]);
    expect(await validateWithParser(text, ".github/workflows/images.yml")).toEqual([]);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 10.4: a callee generated into another target is a gen error naming both files, nothing written", async () => {
    repo = await createTempRepo({
      "workflows-src/targets/shared/build-image.ts": CALLEE,
      "workflows-src/images.ts": CALLER.replace("./build-image.js", "./targets/shared/build-image.js"),
    });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const diagnostics = diagnosticsOf(result);
    expect(diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.line])).toEqual([["normalize", "workflows-src/images.ts", 3]]);
    const [diagnostic] = diagnostics;
    expect(diagnostic!.message).toContain("generated/shared/.github/workflows/build-image.yml");
    expect(diagnostic!.message).toContain("workflows-src/targets/shared/build-image.ts");
    expect(diagnostic!.hint).toContain('target "default"');
    expect(await repo.read(".github/workflows/images.yml")).toBeUndefined();
  });

  it("issue 10.4: a callee no source exports is a gen error naming where it is defined", async () => {
    repo = await createTempRepo({
      "workflows-src/images.ts": CALLER.replace('import { buildImage } from "./build-image.js";', 'import { buildImage } from "../lib/build-image.js";'),
      "lib/build-image.ts": CALLEE,
    });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const diagnostics = diagnosticsOf(result);
    expect(diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.line])).toEqual([["normalize", "workflows-src/images.ts", 3]]);
    expect(diagnostics[0]!.message).toContain("lib/build-image.ts:8");
    expect(diagnostics[0]!.message).toContain("no source exports");
  });
});

describe("README", () => {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Reusable workflows, called by value"));
  const blockOf = (language: string) => new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section)![1]!;

  it("issue 10.4: the reusable-workflow example generates the YAML shown, which GitHub's parser accepts", async () => {
    const repo = await createTempRepo({ "workflows-src/images.ts": blockOf("ts") });
    try {
      const result = await repo.run(["gen"]);
      expect(result.code, result.stderr).toBe(ExitCode.Ok);
      const text = (await repo.read(".github/workflows/images.yml"))!;
      expect(text).toBe(blockOf("yaml"));
      expect(await validateWithParser(text, ".github/workflows/images.yml")).toEqual([]);
    } finally {
      await repo.dispose();
    }
  });
});
