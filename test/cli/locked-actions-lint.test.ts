import { existsSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { CACHE_DIR } from "../../src/load/load-modules.js";
import type { LockedActionSpec } from "../../src/actions/locked-catalog.js";
import { type LintJob, lintInParallel } from "../../src/validate/lint-parallel.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

// An action no bundled data set knows, as a metadata folder holds it: its tags and its action.yml.
const SHA = "5c1f0e2d9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
const CACHE = `.trunkline/actions-cache/acme/deploy-preview`;
const REFS = JSON.stringify({ tags: { v1: SHA, "v1.2.0": SHA } });

function metadata(inputs: string): string {
  return `name: Deploy preview
description: Deploys a preview environment
inputs:
  target:
    description: What to deploy
    required: true
${inputs}outputs:
  url:
    description: Where the preview runs
runs:
  using: node20
  main: index.js
`;
}

const ENVIRONMENT = `  environment:
    description: Where it goes
    required: false
    default: preview
`;

function workflow(input: string): string {
  return `on: push
permissions: {}
concurrency:
  group: deploy
jobs:
  deploy:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: acme/deploy-preview@${SHA} # v1.2.0
        with:
          target: web
          ${input}: staging
`;
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  file: string;
  line?: number;
  path?: (string | number)[];
  message: string;
  hint?: string;
}

describe("the lockfile's actions in lint", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  // with the validation cache on, as the installed CLI runs: a file linted clean is remembered
  const lintJson = async (current: TempRepo) => {
    let stdout = "";
    const io = createNodeIo(current.root, { stdout: (text) => void (stdout += text), stderr: () => undefined }, {}, { validatorFingerprint: "locked-actions-test" });
    const code = await main(["lint", ".github/workflows/deploy.yml", "--format", "json"], io);
    return { code, diagnostics: JSON.parse(stdout) as JsonDiagnostic[] };
  };

  it("issue 11.6: a locked action's inputs check hand-written YAML at the locked SHA, and a changed lockfile rechecks a file remembered clean", async () => {
    repo = await createTempRepo({
      "workflows-src/.keep": "",
      [`${CACHE}/refs.json`]: REFS,
      [`${CACHE}/${SHA}/action.yml`]: metadata(ENVIRONMENT),
    });
    const added = await repo.run(["actions", "add", "acme/deploy-preview@v1", "--offline"]);
    expect(added.stderr).not.toContain("hint:");
    expect(added.code).toBe(0);

    await repo.write(".github/workflows/deploy.yml", workflow("enviroment"));
    const misspelt = await lintJson(repo);
    expect(misspelt.diagnostics.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: "action-input-unknown", line: 13 }]);
    expect(misspelt.diagnostics[0]!.hint).toContain('"environment"');
    expect(misspelt.code).toBe(1);

    await repo.write(".github/workflows/deploy.yml", workflow("environment"));
    const fixed = await lintJson(repo);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.code).toBe(0);
    expect(existsSync(path.join(repo.root, CACHE_DIR, "build.json"))).toBe(true);

    // the same commit locked again with metadata that no longer declares the input
    await repo.remove("trunkline.actions.lock.json");
    await repo.write(`${CACHE}/${SHA}/action.yml`, metadata(""));
    expect((await repo.run(["actions", "add", "acme/deploy-preview@v1", "--offline"])).code).toBe(0);
    const relocked = await lintJson(repo);
    expect(relocked.diagnostics.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: "action-input-unknown", line: 13 }]);
    expect(relocked.code).toBe(1);
  }, 60_000);

  it("issue 11.6: gen checks an output's with: against the locked metadata, and rechecks an output remembered clean once the lockfile changes", async () => {
    // added from an exported folder: gen finds the metadata without being told where it came from
    repo = await createTempRepo({
      "metadata/acme/deploy-preview/refs.json": REFS,
      [`metadata/acme/deploy-preview/${SHA}/action.yml`]: metadata(ENVIRONMENT),
    });
    expect((await repo.run(["actions", "add", "acme/deploy-preview@v1", "--metadata", "metadata", "--offline"])).code).toBe(0);
    const source = (input: string) => `import { job, workflow } from "trunkline";
import { acmeDeployPreview } from "./actions/index.js";

const deploy = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [acmeDeployPreview({ with: { target: "web", ${input}: "staging" } as never })],
});

export default workflow("deploy", { on: { push: { branches: ["main"] } }, permissions: {}, concurrency: { group: "deploy" }, jobs: { deploy } });
`;
    const genJson = async (current: TempRepo) => {
      let stdout = "";
      const io = createNodeIo(current.root, { stdout: (text) => void (stdout += text), stderr: () => undefined }, {}, { validatorFingerprint: "locked-actions-test" });
      const code = await main(["gen", "--format", "json"], io);
      return { code, diagnostics: JSON.parse(stdout) as JsonDiagnostic[] };
    };
    await repo.write("workflows-src/deploy.ts", source("enviroment"));
    const misspelt = await genJson(repo);
    expect(misspelt.diagnostics.map(({ rule, path }) => ({ rule, path }))).toEqual([{ rule: "action-input-unknown", path: ["jobs", "deploy", "steps", 0, "with", "enviroment"] }]);
    expect(misspelt.code).toBe(2);

    await repo.write("workflows-src/deploy.ts", source("environment"));
    const clean = await genJson(repo);
    expect(clean.diagnostics).toEqual([]);
    expect(clean.code).toBe(0);

    await repo.remove("trunkline.actions.lock.json");
    await repo.write(`${CACHE}/${SHA}/action.yml`, metadata(""));
    expect((await repo.run(["actions", "add", "acme/deploy-preview@v1", "--offline"])).code).toBe(0);
    const relocked = await genJson(repo);
    expect(relocked.diagnostics.map(({ rule, path }) => ({ rule, path }))).toEqual([{ rule: "action-input-unknown", path: ["jobs", "deploy", "steps", 0, "with", "environment"] }]);
    expect(relocked.code).toBe(2);
  }, 60_000);

  it("issue 11.6: metadata whose sha256 is not the one the lockfile records is not trusted: the step is not checked against it", async () => {
    repo = await createTempRepo({
      "workflows-src/.keep": "",
      [`${CACHE}/refs.json`]: REFS,
      [`${CACHE}/${SHA}/action.yml`]: metadata(ENVIRONMENT),
    });
    expect((await repo.run(["actions", "add", "acme/deploy-preview@v1", "--offline"])).code).toBe(0);
    await repo.write(".github/workflows/deploy.yml", workflow("environment"));
    // the cached file edited after locking: it no longer declares the input, but it is not what was locked
    await repo.write(`${CACHE}/${SHA}/action.yml`, metadata(""));
    const linted = await lintJson(repo);
    expect(linted.diagnostics).toEqual([]);
    expect(linted.code).toBe(0);
  }, 60_000);

  it("issue 11.6: a lint worker thread checks against the locked actions the main thread read", async () => {
    const locked: LockedActionSpec = { key: "acme/deploy-preview", sha: SHA, ref: "v1", tag: "v1.2.0", inputs: [{ name: "target", required: true, deprecated: false }, { name: "environment", required: false, deprecated: false }], outputs: ["url"] };
    const jobs: LintJob[] = Array.from({ length: 48 }, (_, index) => ({ file: `.github/workflows/deploy-${String(index).padStart(2, "0")}.yml`, text: workflow("enviroment"), rulesKey: "k", requiredChecks: [] }));
    let here = 0;
    // the main thread's share answers nothing, slowly, so the worker surely lints some files
    const lintHere = async () => {
      here++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return [];
    };
    const found = await lintInParallel(jobs, { lintHere, lint: undefined, lockedSpecs: [locked], workers: 1, threshold: 0, workerUrl: new URL("dist/lint-worker.js", `file://${REPO_ROOT}/`) });
    const byWorker = found.filter((_, index) => found[index]!.length > 0);
    expect(byWorker.length).toBe(jobs.length - here);
    expect(byWorker.length).toBeGreaterThan(0);
    for (const diagnostics of byWorker) expect(diagnostics.map(({ rule, line }) => ({ rule, line }))).toEqual([{ rule: "action-input-unknown", line: 13 }]);
  }, 60_000);
});
