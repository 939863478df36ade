import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateWithParser } from "../../src/validate/parser.js";
import { hasActionsCorpus, writeCorpusMetadataFolder } from "../support/actions-corpus.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// A hand-written action of the repository, as GitHub documents composite actions.
const ACTION_YML = `name: Setup
description: Installs the toolchain
inputs:
  node-version:
    description: Node.js version
    required: true
  cache:
    description: Cache the store
    default: "true"
  legacy:
    description: Old switch
    deprecationMessage: Use cache instead
outputs:
  store:
    description: The store path
    value: \${{ steps.s.outputs.path }}
runs:
  using: composite
  steps:
    - id: s
      run: echo "path=/tmp" >> "$GITHUB_OUTPUT"
      shell: bash
`;

const WORKFLOW = `import { expr, job, jobSteps, step, workflow } from "trunkline";
import { localSetup } from "./actions/local-setup.js";

const built = jobSteps()
  .add(localSetup({ id: "setup", with: { "node-version": 22, legacy: true } }))
  .add(({ steps }) => step({ env: { STORE: steps.setup.outputs.store }, run: expr\`ls "$STORE"\` }));

export default workflow("ci", {
  on: { push: { branches: ["main"] } },
  permissions: { contents: "read" },
  concurrency: { group: "ci-\${{ github.ref }}", "cancel-in-progress": true },
  jobs: { test: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: built }) },
});
`;

describe("local actions", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.4: actions add ./.github/actions/<name> binds a hand-written action.yml with no lock entry; uses: is emitted as ./.github/actions/<name>", async () => {
    repo = await createTempRepo({ ".github/actions/setup/action.yml": ACTION_YML });
    const add = await repo.run(["actions", "add", "./.github/actions/setup"]);
    expect(add.stderr).toContain("workflows-src/actions/local-setup.ts");
    expect(add.code).toBe(0);
    expect(await repo.read("trunkline.actions.lock.json")).toBeUndefined();
    const binding = (await repo.read("workflows-src/actions/local-setup.ts"))!;
    expect(binding).toMatch(/^\/\/ metadata sha256 [0-9a-f]{64} at \.github\/actions\/setup\/action\.yml$/m);
    expect(binding).toContain('"node-version": string | number | boolean;');
    expect(binding).toContain("cache?: string | number | boolean;");
    expect(binding).toContain("@deprecated Use cache instead");
    await repo.write("workflows-src/ci.ts", WORKFLOW);
    const gen = await repo.run(["gen", "--format", "json"]);
    expect(gen.code).toBe(0);
    // the deprecated input is a warning at gen, as for a locked action
    expect((JSON.parse(gen.stdout) as { rule: string; message: string }[]).filter((diagnostic) => diagnostic.rule === "actions").map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining('input "legacy" of ./.github/actions/setup is deprecated')]);
    const ciText = (await repo.read(".github/workflows/ci.yml"))!;
    expect(parse(ciText).jobs.test.steps[0]).toEqual({ id: "setup", uses: "./.github/actions/setup", with: { "node-version": 22, legacy: true } });
    expect(await validateWithParser(ciText, ".github/workflows/ci.yml")).toEqual([]);
    expect((await repo.run(["check"])).code).toBe(0);
    // a second add changes nothing
    expect((await repo.run(["actions", "add", "./.github/actions/setup"])).stderr).toContain("nothing changed");
  }, 60_000);

  it("issue 11.4: check flags a local binding whose action.yml changed, or is gone, and names the command that rewrites it", async () => {
    repo = await createTempRepo({ ".github/actions/setup/action.yml": ACTION_YML });
    expect((await repo.run(["actions", "add", "./.github/actions/setup"])).code).toBe(0);
    await repo.write("workflows-src/ci.ts", WORKFLOW.replace("legacy: true", "cache: false"));
    expect((await repo.run(["gen"])).code).toBe(0);
    expect((await repo.run(["check"])).code).toBe(0);
    await repo.write(".github/actions/setup/action.yml", ACTION_YML.replace("Cache the store", "Cache the pnpm store"));
    const stale = await repo.run(["check", "--format", "json"]);
    expect(stale.code).toBe(1);
    const found = JSON.parse(stale.stdout) as { file: string; message: string; hint: string }[];
    expect(found.map((diagnostic) => [diagnostic.file, diagnostic.hint])).toEqual([["workflows-src/actions/local-setup.ts", 'run "npx trunkline actions add ./.github/actions/setup", which rewrites it']]);
    expect((await repo.run(["actions", "add", "./.github/actions/setup"])).code).toBe(0);
    expect((await repo.run(["check"])).code).toBe(0);
    await repo.remove(".github/actions/setup/action.yml");
    const gone = await repo.run(["check", "--format", "json"]);
    expect(gone.code).toBe(1);
    expect((JSON.parse(gone.stdout) as { message: string }[]).map((diagnostic) => diagnostic.message)).toEqual([expect.stringContaining("is gone")]);
  }, 60_000);

  it("issue 11.3: the bindings index lists local actions beside the locked ones, so a source imports both from ./actions/index.js; check flags an index that leaves one out", async () => {
    repo = await createTempRepo({ ".github/actions/setup/action.yml": ACTION_YML });
    const add = await repo.run(["actions", "add", "./.github/actions/setup"]);
    expect(add.code).toBe(0);
    expect(add.stderr).toContain("workflows-src/actions/index.ts");
    const exported = async () => ((await repo!.read("workflows-src/actions/index.ts")) ?? "").split("\n").filter((line) => line.startsWith("export "));
    expect(await exported()).toEqual(['export * from "./local-setup.js";']);
    await repo.write("workflows-src/ci.ts", WORKFLOW.replace("legacy: true", "cache: false").replace("./actions/local-setup.js", "./actions/index.js"));
    expect((await repo.run(["gen"])).code).toBe(0);
    expect(parse((await repo.read(".github/workflows/ci.yml"))!).jobs.test.steps[0].uses).toBe("./.github/actions/setup");
    expect((await repo.run(["check"])).code).toBe(0);

    if (hasActionsCorpus) {
      // a locked action added afterwards keeps the local one in the index
      await writeCorpusMetadataFolder(path.join(repo.root, "metadata"));
      expect((await repo.run(["actions", "add", "actions/checkout@v7", "--metadata", "metadata", "--offline"])).code).toBe(0);
      expect(await exported()).toEqual(['export * from "./actions-checkout.js";', 'export * from "./local-setup.js";']);
      expect((await repo.run(["check"])).code).toBe(0);
    }

    // the source imports the binding's own module here, so only the index is wrong
    await repo.write("workflows-src/ci.ts", WORKFLOW.replace("legacy: true", "cache: false"));
    const full = (await repo.read("workflows-src/actions/index.ts"))!;
    await repo.write("workflows-src/actions/index.ts", full.replace('export * from "./local-setup.js";\n', ""));
    const check = await repo.run(["check", "--format", "json"]);
    expect(check.code).toBe(1);
    const found = JSON.parse(check.stdout) as { file: string; message: string; hint: string }[];
    expect(found.map((diagnostic) => diagnostic.file)).toEqual(["workflows-src/actions/index.ts"]);
    expect(found[0]!.message).toContain("local actions bound");
    const command = /run "npx trunkline (.+?)"/.exec(found[0]!.hint)![1]!.split(" ");
    expect((await repo.run(command)).code).toBe(0);
    expect(await repo.read("workflows-src/actions/index.ts")).toBe(full);
    expect((await repo.run(["check"])).code).toBe(0);
  }, 120_000);

  it("issue 11.4: a folder without an action.yml is an error naming it, and nothing is written", async () => {
    repo = await createTempRepo({ ".github/actions/setup/README.md": "# no metadata\n" });
    const add = await repo.run(["actions", "add", "./.github/actions/setup"]);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain(".github/actions/setup/ holds no action.yml or action.yaml");
    expect(await repo.read("workflows-src/actions/local-setup.ts")).toBeUndefined();
  }, 60_000);
});

describe("same-repository references", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.4: actions add $/.github/actions/<name> binds it as well, and uses: is written $/…, which GitHub's parser accepts", async () => {
    repo = await createTempRepo({ ".github/actions/setup/action.yml": ACTION_YML });
    expect((await repo.run(["actions", "add", "$/.github/actions/setup"])).code).toBe(0);
    await repo.write("workflows-src/ci.ts", WORKFLOW.replace("legacy: true", "cache: false"));
    const gen = await repo.run(["gen"]);
    expect(gen.code).toBe(0);
    const ciText = (await repo.read(".github/workflows/ci.yml"))!;
    expect(parse(ciText).jobs.test.steps[0].uses).toBe("$/.github/actions/setup");
    expect(await validateWithParser(ciText, ".github/workflows/ci.yml")).toEqual([]);
  }, 60_000);
});
