import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Node, type Pair, type Scalar, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { actionsAdd } from "../../src/cli/commands/actions.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { hasActionsCorpus, writeCorpusMetadataFolder } from "../support/actions-corpus.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// Ten actions of the corpus, asked for by moving major tag, exact tag and path inside a repository.
const SPECS = [
  "actions/checkout@v7",
  "actions/cache@v5",
  "actions/setup-node@v7.0.0",
  "actions/upload-artifact@v7",
  "actions/github-script@v8",
  "docker/login-action@v4",
  "docker/build-push-action@v7.3.0",
  "dorny/paths-filter@v4",
  "aws-actions/configure-aws-credentials@v6",
  "github/codeql-action/init@v4",
];

const SOURCE = `import { job, step, workflow } from "trunkline";
import { actionsCache, actionsCheckout, actionsGithubScript, actionsSetupNode, actionsUploadArtifact, awsActionsConfigureAwsCredentials, dockerBuildPushAction, dockerLoginAction, dornyPathsFilter, githubCodeqlActionInit } from "./actions/index.js";

const build = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  steps: [
    actionsCheckout({ with: { "fetch-depth": 0, "persist-credentials": false } }),
    actionsSetupNode({ with: { "node-version": 20 } }),
    actionsCache({ with: { path: "node_modules", key: "deps", "save-always": true } }),
    step({ run: "npm test" }),
    actionsUploadArtifact({ with: { path: "dist/" } }),
    actionsGithubScript({ with: { script: "console.log(1)" } }),
    dockerLoginAction({ with: { registry: "ghcr.io" } }),
    dockerBuildPushAction(),
    dornyPathsFilter({ id: "changes", with: { filters: "web: web/**" } }),
    awsActionsConfigureAwsCredentials({ with: { "aws-region": "eu-west-1" } }),
    githubCodeqlActionInit(),
  ],
});

export default workflow("ci", { name: "CI", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;

// Every step's `uses` with the comment the emitter wrote beside it, read from the parsed YAML.
function pinsOf(yaml: string): { uses: string; comment: string | undefined }[] {
  const document = parseDocument(yaml);
  const steps = document.getIn(["jobs", "build", "steps"], true) as Node;
  if (!isSeq(steps)) throw new Error("no steps");
  return steps.items.flatMap((item) => {
    if (!isMap(item)) return [];
    const pair = item.items.find((entry: Pair) => isScalar(entry.key) && entry.key.value === "uses");
    const value = pair?.value as Scalar | undefined;
    return value ? [{ uses: String(value.value), comment: value.comment?.trim() }] : [];
  });
}

describe.skipIf(!hasActionsCorpus)("trunkline actions add (skipped without ../shared/corpora/actions)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  const setUp = async () => {
    repo = await createTempRepo({ "workflows-src/.keep": "" });
    await writeCorpusMetadataFolder(path.join(repo.root, "metadata"));
    return repo;
  };

  it("issue 11.1: with no network, ten actions are added from a metadata folder, generated as owner/repo@<sha> # <tag>, and a second add changes nothing", async () => {
    const repo = await setUp();
    const added = await repo.run(["actions", "add", ...SPECS, "--metadata", "metadata", "--offline"]);
    expect(added.stderr).not.toContain("hint:");
    expect(added.code).toBe(0);
    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    const lock = JSON.parse(lockText) as { lockfileVersion: number; actions: Record<string, { ref: string; tag: string; sha: string; metadataSha256: string }> };
    expect(Object.keys(lock.actions).sort()).toEqual(SPECS.map((spec) => spec.slice(0, spec.lastIndexOf("@"))).sort());
    expect(lock.actions["actions/cache"]).toMatchObject({ ref: "v5", tag: "v5.0.5", sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae" });
    expect(lock.actions["github/codeql-action/init"]).toMatchObject({ ref: "v4", tag: "v4.36.2", sha: "8aad20d150bbac5944a9f9d289da16a4b0d87c1e" });
    for (const entry of Object.values(lock.actions)) expect(entry.metadataSha256).toMatch(/^[0-9a-f]{64}$/);

    await repo.write("workflows-src/ci.ts", SOURCE);
    const generated = await repo.run(["gen"]);
    expect(generated.stderr).not.toMatch(/error/i);
    expect(generated.code).toBe(0);
    const pins = pinsOf((await repo.read(".github/workflows/ci.yml"))!);
    expect(pins).toHaveLength(10);
    expect(pins).toEqual(
      Object.entries(lock.actions)
        .map(([key, entry]) => ({ uses: `${key}@${entry.sha}`, comment: entry.tag }))
        .sort((a, b) => pins.findIndex((pin) => pin.uses === a.uses) - pins.findIndex((pin) => pin.uses === b.uses)),
    );

    const before = await repo.snapshot();
    const again = await repo.run(["actions", "add", ...SPECS, "--metadata", "metadata", "--offline"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing changed");
    expect(await repo.snapshot()).toEqual(before);
  }, 60_000);

  it("issue 11.2: a deprecated input set through a binding is a warning at gen, on the step's line", async () => {
    const repo = await setUp();
    expect((await repo.run(["actions", "add", ...SPECS, "--metadata", "metadata", "--offline"])).code).toBe(0);
    await repo.write("workflows-src/ci.ts", SOURCE);
    const generated = await repo.run(["gen", "--format", "json"]);
    expect(generated.code).toBe(0);
    const diagnostics = JSON.parse(generated.stdout) as { rule: string; severity: string; message: string; path?: (string | number)[]; file: string; line?: number }[];
    const deprecated = diagnostics.filter((diagnostic) => diagnostic.message.includes("deprecated"));
    expect(deprecated).toHaveLength(1);
    expect(deprecated[0]).toMatchObject({ rule: "actions", severity: "warning", path: ["jobs", "build", "steps", 2, "with", "save-always"], file: "workflows-src/ci.ts", line: SOURCE.split("\n").findIndex((line) => line.includes('"save-always"')) + 1 });
    expect(deprecated[0]!.message).toContain("save-always");
  }, 60_000);

  it("issue 11.1: an action no source has is an error naming it (exit 2), and nothing is written", async () => {
    const repo = await setUp();
    const before = await repo.snapshot();
    const result = await repo.run(["actions", "add", "actions/checkout@v7", "octo-org/no-such-action@v1", "--metadata", "metadata", "--offline"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("octo-org/no-such-action@v1");
    expect(result.stderr).toContain("hint:");
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 11.1: the offline sources are asked first: GitHub is never called for an action they hold", async () => {
    const repo = await setUp();
    let calls = 0;
    const io = createNodeIo(repo.root, { stdout: () => {}, stderr: () => {} }, {}, { cwd: repo.root });
    const code = await actionsAdd({ specs: ["actions/checkout@v7"], metadata: "metadata", offline: false, fetch: async () => (calls++, new Response("{}", { status: 500 })) }, io);
    expect(code).toBe(0);
    expect(calls).toBe(0);
  });
});
