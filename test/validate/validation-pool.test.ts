import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/model/json.js";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { createValidationPool } from "../../src/validate/validation-pool.js";
import { WARM_UP_WORKFLOW } from "../../src/validate/warm-up.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const WORKER = pathToFileURL(path.join(REPO_ROOT, "dist", "validate-worker.js"));
const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");

// Clean, a schema error (a key GitHub does not know) and a parser error (an unknown context).
const WORKFLOWS: Record<string, string> = {
  ".github/workflows/clean.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n",
  ".github/workflows/schema.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    bogus-key: 1\n    steps:\n      - run: echo hi\n",
  ".github/workflows/parser.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.thing }}\n",
};

const jobOf = (file: string) => ({ file, text: WORKFLOWS[file]!, model: parse(WORKFLOWS[file]!) as JsonObject });

// Every fixture through a pool whose worker is the module `script`: the findings, and how many
// outputs the pool checked on this thread.
async function throughWorker(script: string, options: { silenceMs?: number } = {}): Promise<{ found: Awaited<ReturnType<typeof validateHere>>[]; calledHere: number }> {
  const folder = await mkdtemp(path.join(tmpdir(), "trunkline-pool-"));
  try {
    const worker = path.join(folder, "worker.mjs");
    await writeFile(worker, script);
    let calledHere = 0;
    const pool = createValidationPool(async () => {
      calledHere++;
      return defaultValidators();
    }, { workerUrl: pathToFileURL(worker), ...options });
    pool.start();
    const found = await Promise.all(Object.keys(WORKFLOWS).map((file) => pool.validate(jobOf(file))));
    await pool.close();
    return { found, calledHere };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function validateHere(file: string) {
  const job = jobOf(file);
  return (await Promise.all((await defaultValidators()).map((validate) => validate(job)))).flat();
}

describe("issue 13.3: a gen checks its outputs on a worker thread", () => {
  it("issue 13.3: the worker finds exactly what the validators find on the main thread, which it never calls", async () => {
    let calledHere = 0;
    const pool = createValidationPool(async () => {
      calledHere++;
      return defaultValidators();
    }, { workerUrl: WORKER });
    pool.start();
    try {
      for (const file of Object.keys(WORKFLOWS)) {
        const found = await pool.validate(jobOf(file));
        expect(found).toEqual(await validateHere(file));
      }
      // the fixtures do have findings: the comparison above is not between two empty lists
      expect((await validateHere(".github/workflows/schema.yml")).length).toBeGreaterThan(0);
      expect((await validateHere(".github/workflows/parser.yml")).map((diagnostic) => diagnostic.rule)).toContain("parser");
      expect(calledHere).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it("issue 13.3: the worker runs GitHub's parser, this thread adds the schema's findings to an output it found fault with: every output gets the findings of both, in order", async () => {
    let calledHere = 0;
    const pool = createValidationPool(async () => {
      calledHere++;
      return defaultValidators();
    }, { workerUrl: WORKER });
    pool.start();
    try {
      const files = Object.keys(WORKFLOWS);
      const found = await Promise.all(files.map((file) => pool.validate(jobOf(file))));
      for (const [index, file] of files.entries()) expect(found[index]).toEqual(await validateHere(file));
      // the schema's finding came from this thread, the parser's from the worker: the fallback never ran
      expect(found[files.indexOf(".github/workflows/schema.yml")]!.map((diagnostic) => diagnostic.rule)).toEqual(expect.arrayContaining(["schema", "parser"]));
      expect(found[files.indexOf(".github/workflows/parser.yml")]!.map((diagnostic) => diagnostic.rule)).toContain("parser");
      expect(calledHere).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it("issue 13.3: the model stays on this thread: the worker is posted the text alone", async () => {
    // a worker that reports, for each job, whether the model came with it, as a parser finding
    const { found } = await throughWorker(`import { parentPort } from "node:worker_threads";
parentPort.on("message", (job) => parentPort.postMessage({ id: job.id, diagnostics: [{ rule: "parser", severity: "error", file: job.file, message: "model keys: " + Object.keys(job.model).length + ", text: " + job.text.length }] }));
`);
    for (const [index, file] of Object.keys(WORKFLOWS).entries()) {
      const messages = found[index]!.filter((diagnostic) => diagnostic.rule === "parser").map((diagnostic) => diagnostic.message);
      expect(messages).toEqual([`model keys: 0, text: ${WORKFLOWS[file]!.length}`]);
    }
    // the model was here, for the schema: the output with a bad key got its schema finding
    expect(found[Object.keys(WORKFLOWS).indexOf(".github/workflows/schema.yml")]!.map((diagnostic) => diagnostic.rule)).toContain("schema");
  });

  it("issue 13.3: the warm-up workflow a waiting thread checks first is clean, so it runs the path every output runs", async () => {
    const found = (await Promise.all((await defaultValidators()).map((validate) => validate({ model: parse(WARM_UP_WORKFLOW) as JsonObject, text: WARM_UP_WORKFLOW, file: ".github/workflows/warm-up.yml" })))).flat();
    expect(found).toEqual([]);
  });

  it("issue 13.3: a worker that dies leaves its outputs to the main thread, with the same findings", async () => {
    // a worker that takes the job and ends without an answer
    const { found, calledHere } = await throughWorker('import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => process.exit(1));\n');
    for (const [index, file] of Object.keys(WORKFLOWS).entries()) expect(found[index]).toEqual(await validateHere(file));
    expect(calledHere).toBeGreaterThan(0);
  });

  it("issue 13.3: a worker that stays silent while it owes answers is given up after a bound, and its outputs are checked here", async () => {
    // a worker that takes every job and never answers, nor ends
    const { found, calledHere } = await throughWorker('import { parentPort } from "node:worker_threads";\nparentPort.on("message", () => {});\n', { silenceMs: 300 });
    for (const [index, file] of Object.keys(WORKFLOWS).entries()) expect(found[index]).toEqual(await validateHere(file));
    expect(calledHere).toBe(Object.keys(WORKFLOWS).length);
  }, 20_000);

  it("issue 13.3: run from the sources, no worker is started: every output is checked on the calling thread", async () => {
    let calledHere = 0;
    const pool = createValidationPool(async () => {
      calledHere++;
      return defaultValidators();
    });
    pool.start();
    const files = Object.keys(WORKFLOWS);
    // past the threshold that starts a worker even without a compile
    for (let round = 0; round < 7; round++) for (const file of files) expect(await pool.validate(jobOf(file))).toEqual(await validateHere(file));
    await pool.close();
    expect(calledHere).toBe(7 * files.length);
  });
});

describe("issue 13.3: gen in a real process, outputs checked on the worker", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo();
  });
  afterAll(async () => {
    await repo.dispose();
  });

  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: repo.root, encoding: "utf8", timeout: 60_000, env: { ...process.env, GITHUB_ACTIONS: "", NO_COLOR: "1" } });
  const source = (index: number, run: string) => `import { job, step, workflow } from "trunkline";

export default workflow("wf-${index}", {
  on: { push: { branches: ["main"] } },
  permissions: { contents: "read" },
  jobs: {
    build: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [step({ name: "Run", run: ${JSON.stringify(run)} })] }),
  },
});
`;

  it("issue 13.3: a parser error in one of many edited sources is reported at its TypeScript line, nothing written; fixed, all are written", async () => {
    // enough outputs that the pool checks them in a worker whatever the order of events
    for (let index = 0; index < 24; index++) await repo.write(`workflows-src/wf-${index}.ts`, source(index, `echo ${index}`));
    await repo.write("workflows-src/wf-7.ts", source(7, "echo ${{ nope.thing }}"));
    const broken = run(["gen", "--format", "json"]);
    expect(broken.status).toBe(2);
    const found = JSON.parse(broken.stdout) as { rule: string; file: string; severity: string }[];
    expect(found.filter((diagnostic) => diagnostic.severity === "error")).toEqual([
      expect.objectContaining({ rule: "parser", file: ".github/workflows/wf-7.yml", source: expect.objectContaining({ file: "workflows-src/wf-7.ts", line: 7 }) }),
    ]);
    expect(await repo.read(".github/workflows/wf-0.yml")).toBeUndefined();

    await repo.write("workflows-src/wf-7.ts", source(7, "echo ${{ github.sha }}"));
    const fixed = run(["gen", "--format", "json"]);
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toEqual([]);
    for (let index = 0; index < 24; index++) expect(parse((await repo.read(`.github/workflows/wf-${index}.yml`))!)).toMatchObject({ jobs: { build: { "runs-on": "ubuntu-latest" } } });
  }, 120_000);
});
