import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lint } from "../../src/cli/commands/lint.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { CACHE_DIR } from "../../src/load/load-modules.js";
import { resolveLintSettings } from "../../src/rules/_settings.js";
import { allRules } from "../../src/rules/index.js";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { type LintJob, defaultLintWorkers, lintInParallel } from "../../src/validate/lint-parallel.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const CORPUS = fileURLToPath(new URL("../../../shared/corpora/actionlint-ok", import.meta.url));
const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const LINT_CONFIG = { rules: { "timeout-missing": "error" }, ignores: [{ files: ["legacy/**"] }, { files: ["vendor/*.yml"], rules: ["script-injection"] }], requiredChecks: ["all-green"] };

// A workflow with the knobs turned by `variant`: clean, rule findings, ignore comments, schema and parser errors.
function synthetic(variant: number): string {
  const title = variant % 2 ? "${{ github.event.pull_request.title }}" : "hello";
  const pin = variant % 3 ? `actions/checkout@${SHA}` : "actions/checkout@v4";
  const timeout = variant % 5 ? "    timeout-minutes: 10\n" : "";
  const ignore = variant % 7 === 0 ? "  # trunkline-ignore: script-injection -- a test\n" : "";
  const unknown = variant % 11 === 0 ? "    bogus-key: 1\n" : "";
  return `on: ${variant % 4 ? "pull_request" : "push"}
permissions:
  contents: read
jobs:
${ignore}  job${variant}:
    name: all-green
    runs-on: ubuntu-latest
${timeout}${unknown}    steps:
      - uses: ${pin}
        with:
          persist-credentials: false
      - run: echo "${title}"
`;
}

function workflowFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((name) => name.endsWith(".yaml")) : [];
  for (const [index, name] of corpus.entries()) {
    const text = readFileSync(path.join(CORPUS, name), "utf8");
    const folder = index % 10 === 0 ? "legacy" : index % 10 === 1 ? "vendor" : ".github/workflows";
    files[`${folder}/${name.replace(/\.yaml$/, ".yml")}`] = text;
  }
  for (let variant = 0; Object.keys(files).length < 110; variant++) {
    const folder = variant % 9 === 0 ? "vendor" : ".github/workflows";
    files[`${folder}/synthetic-${variant}.yml`] = synthetic(variant);
  }
  files[".github/workflows/broken.yml"] = "on: push\njobs:\n  a: [\n";
  files[".github/workflows/tabs.yml"] = "on: push\njobs:\n\tb: 1\n";
  return files;
}

describe("parallel lint", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": `import { defineConfig } from "trunkline";\nexport default defineConfig({ targets: [{ name: "default", sources: ["ci/*.ts"], outDir: ".github/workflows" }], lint: ${JSON.stringify(LINT_CONFIG)} as never });\n`,
      ...workflowFiles(),
    });
  });
  afterAll(async () => {
    await repo.dispose();
  });

  // Lints the repository cold (no validation cache), then warm; returns the output and the cache written.
  async function run(options: { workers: number; parallelThreshold?: number }) {
    await rm(path.join(repo.root, CACHE_DIR), { recursive: true, force: true });
    const runOnce = async () => {
      let stdout = "";
      let stderr = "";
      const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, {}, { validatorFingerprint: "parallel-test" });
      const code = await lint({ paths: [".github/workflows", "legacy", "vendor"], format: "json", ...options }, io);
      return { code, stdout, stderr };
    };
    const cold = await runOnce();
    const cache = JSON.parse(await readFile(path.join(repo.root, CACHE_DIR, "build.json"), "utf8")) as { entries: Record<string, string> };
    const warm = await runOnce();
    return { cold, warm, cacheKeys: Object.keys(cache.entries).sort() };
  }

  it("gives the same findings and cache entries with and without a worker", async () => {
    const sequential = await run({ workers: 0 });
    const findings = JSON.parse(sequential.cold.stdout) as { rule: string }[];
    // the folder is varied enough to mean something: several kinds of finding, and clean files cached
    expect(new Set(findings.map((finding) => finding.rule)).size).toBeGreaterThanOrEqual(4);
    expect(sequential.cacheKeys.length).toBeGreaterThan(20);
    expect(sequential.warm).toEqual(sequential.cold);
    expect(await run({ workers: 1, parallelThreshold: 0 })).toEqual(sequential);
    expect(await run({ workers: 2, parallelThreshold: 0 })).toEqual(sequential);
    // a threshold above the file count keeps to the main thread
    expect(await run({ workers: 1, parallelThreshold: 10_000 })).toEqual(sequential);
  });

  it("issue 12.4: starts no worker on two cores or fewer, one per spare core (at most 3) beyond", () => {
    expect([1, 2, 3, 4, 8].map((cores) => defaultLintWorkers(cores))).toEqual([0, 0, 2, 3, 3]);
  });

  describe("lintInParallel", () => {
    const settings = resolveLintSettings(LINT_CONFIG, allRules, "trunkline.config.ts").settings;
    const runRules = createRuleRunner({ settings });
    const jobs: LintJob[] = Object.entries(workflowFiles())
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, text]) => ({ file, text, rulesKey: "k", requiredChecks: [] }));
    let hereCount = 0;
    // slowed, so that the worker surely takes a share however fast this thread is
    const lintHere = async (job: LintJob) => {
      hereCount++;
      await new Promise((resolve) => setTimeout(resolve, 3));
      return lintYaml(job.file, job.text, { validators: defaultValidators, runRules, rulesKey: job.rulesKey, requiredChecks: job.requiredChecks });
    };
    const expected = Promise.all(jobs.map((job) => lintYaml(job.file, job.text, { validators: defaultValidators, runRules, rulesKey: job.rulesKey, requiredChecks: job.requiredChecks })));

    it("shares the files with the built worker", async () => {
      hereCount = 0;
      const added: string[] = [];
      const found = await lintInParallel(jobs, { lintHere, lint: LINT_CONFIG, workers: 1, threshold: 0, workerUrl: new URL("dist/lint-worker.js", `file://${REPO_ROOT}/`), validationCache: { has: () => false, add: (key) => void added.push(key) } });
      expect(found).toEqual(await expected);
      expect(hereCount).toBeGreaterThan(0);
      expect(hereCount).toBeLessThan(jobs.length);
      expect(added.length).toBeGreaterThan(0);
    });

    it.each([
      ["fails to load", "data:text/javascript,throw new Error('broken worker')"],
      ["exits", "data:text/javascript,process.exit(3)"],
      ["answers nothing useful", "data:text/javascript,import { parentPort } from 'node:worker_threads'; parentPort.on('message', (batch) => parentPort.postMessage({ id: batch.id, error: 'no' }))"],
      ["does not exist", "file:///nonexistent/lint-worker.js"],
    ])("lints every file on the main thread when the worker %s", async (_, url) => {
      hereCount = 0;
      const found = await lintInParallel(jobs, { lintHere, lint: LINT_CONFIG, workers: 1, threshold: 0, workerUrl: new URL(url) });
      expect(found).toEqual(await expected);
      expect(hereCount).toBe(jobs.length);
    });
  });
});
