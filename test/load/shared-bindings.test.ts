// The action bindings (workflows-src/actions/) are built once and loaded once for all the sources
// that import them; an edit to one still regenerates every output that uses it: in one process run
// twice, through the up-to-date fast path of a real process, and after an error in a binding.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const NEWER = "de0fac2e4500dabe0009e67214ff5f5447ce83dd";

// A binding as `trunkline actions add` writes one (its facts only); it counts how often it is evaluated.
const binding = (sha: string, tag: string) => `import { defineAction } from "trunkline";
const seen = globalThis as { bindingEvaluations?: number };
seen.bindingEvaluations = (seen.bindingEvaluations ?? 0) + 1;
export const evaluations = () => seen.bindingEvaluations;
export const actionsCheckout = defineAction<{ "persist-credentials"?: boolean }, "commit">({ action: "actions/checkout", sha: "${sha}", tag: "${tag}", outputs: ["commit"] });
`;
const INDEX = `export * from "./actions-checkout.js";\n`;
const source = (name: string) => `import { job, step, workflow } from "trunkline";
import { actionsCheckout, evaluations } from "./actions/index.js";
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [actionsCheckout({ with: { "persist-credentials": false } }), step({ run: "echo ${name}" })] });
export default workflow("${name}", { name: \`${name} \${evaluations()}\`, on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;
const other = `import { job, step, workflow } from "trunkline";
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "echo c" })] });
export default workflow("c", { name: "c", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;
const FILES = {
  "workflows-src/actions/index.ts": INDEX,
  "workflows-src/actions/actions-checkout.ts": binding(SHA, "v7.0.1"),
  "workflows-src/a.ts": source("a"),
  "workflows-src/b.ts": source("b"),
  "workflows-src/c.ts": other,
};

/** The generated workflow's name and the `uses` of its first step, read from the YAML. */
async function generated(repo: TempRepo, name: string): Promise<{ name: string; uses: string }> {
  const yaml = parse((await repo.read(`.github/workflows/${name}.yml`)) ?? "") as { name: string; jobs: { build: { steps: { uses?: string }[] } } };
  return { name: yaml.name, uses: yaml.jobs.build.steps[0]!.uses! };
}

describe("action bindings shared by the sources", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.1: a binding module is evaluated once for all the sources importing it, not once per source", async () => {
    repo = await createTempRepo(FILES);
    const gen = await repo.run(["gen"]);
    expect(gen.code, gen.stderr).toBe(0);
    const a = await generated(repo, "a");
    const b = await generated(repo, "b");
    expect(a.uses).toBe(`actions/checkout@${SHA}`);
    // one evaluation seen by both sources (a copy in each bundle would count 1, then 2)
    expect(a.name.split(" ")[1]).toBe(b.name.split(" ")[1]);
    expect(await repo.read(".github/workflows/a.yml")).toContain(`@${SHA} # v7.0.1`);
  });

  it("issue 11.1: an edit to a binding regenerates every output using it, in the same process too; a binding that does not compile is an error in each source importing it", async () => {
    repo = await createTempRepo(FILES);
    expect((await repo.run(["gen"])).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await repo.write("workflows-src/actions/actions-checkout.ts", binding(NEWER, "v7.1.0"));
    const second = await repo.run(["gen"]);
    expect(second.code, second.stderr).toBe(0);
    expect((await generated(repo, "a")).uses).toBe(`actions/checkout@${NEWER}`);
    expect((await generated(repo, "b")).uses).toBe(`actions/checkout@${NEWER}`);

    await repo.write("workflows-src/actions/actions-checkout.ts", `${binding(SHA, "v7.0.1")}export const broken = ;\n`);
    const broken = await repo.run(["gen", "--format", "json"]);
    expect(broken.code).toBe(2);
    const diagnostics = JSON.parse(broken.stdout) as { file: string; line?: number; rule: string; message: string }[];
    const errors = diagnostics.filter((diagnostic) => diagnostic.rule === "load");
    expect(errors.map((diagnostic) => diagnostic.message.split(" ")[0]).sort()).toEqual(["workflows-src/a.ts", "workflows-src/b.ts"]);
    expect(errors.every((diagnostic) => diagnostic.file === "workflows-src/actions/actions-checkout.ts" && diagnostic.line === 6)).toBe(true);
    expect((await generated(repo, "a")).uses).toBe(`actions/checkout@${NEWER}`);

    await repo.write("workflows-src/actions/actions-checkout.ts", binding(SHA, "v7.0.1"));
    const fixed = await repo.run(["gen"]);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect((await generated(repo, "a")).uses).toBe(`actions/checkout@${SHA}`);
    expect((await generated(repo, "b")).uses).toBe(`actions/checkout@${SHA}`);
  });

  it("issue 11.1: the up-to-date fast path of a real gen is not taken after an edit to a binding", async () => {
    repo = await createTempRepo(FILES);
    const run = () => spawnSync(process.execPath, [BIN, "gen"], { cwd: repo!.root, encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", env: { ...process.env, GITHUB_ACTIONS: "" } });
    expect(run().status).toBe(0);
    expect(run().status).toBe(0); // replayed: nothing changed
    await new Promise((resolve) => setTimeout(resolve, 20));
    await repo.write("workflows-src/actions/actions-checkout.ts", binding(NEWER, "v7.1.0"));
    const after = run();
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/2 written/);
    expect((await generated(repo, "a")).uses).toBe(`actions/checkout@${NEWER}`);
    expect((await generated(repo, "b")).uses).toBe(`actions/checkout@${NEWER}`);
  });
});
