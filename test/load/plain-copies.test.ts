// Sources written in plain JavaScript whose only imports are packages are imported as they are,
// without esbuild: same outputs, same records, same error places, and never evaluated twice.
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ciSource } from "../../src/init/ci-source.js";
import { compiledInputsOf, loadModules } from "../../src/load/load-modules.js";
import { plainImportsOf } from "../../src/load/plain-source.js";
import { syntheticWorkflowSource } from "../../scripts/bench/synthetic-sources.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const COMPILE_ALL = { TRUNKLINE_PLAIN_COPIES: "0" };

const WORKFLOW = `import { job, step, workflow } from "trunkline";
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "echo hi" })] });
export default workflow("plain", { on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;

// Three warnings, each naming a place in the source.
const WARNED = `import { job, step, workflow } from "trunkline";

const build = job({
  "runs-on": "ubuntu-latest",
  steps: [
    step({ name: "Check out", uses: "actions/checkout@v4" }),
  ],
});
export default workflow("warned", { on: { pull_request: {} }, jobs: { build } });
`;

// Code on the first line, with findings there: its copy is marked after the last line instead of
// before the first, so the columns of the findings stay the source's.
const WARNED_ON_FIRST_LINE = `const build = job({ "runs-on": "ubuntu-latest", steps: [step({ name: "Check out", uses: "actions/checkout@v4" })] }); export default workflow("first", { on: { pull_request: {} }, jobs: { build } });
import { job, step, workflow } from "trunkline";
`;

// Notes each evaluation in the file EVALUATIONS names, outside the project (a second process sees it too).
const counting = (name: string, rest: string) => `import { appendFileSync } from "node:fs";
import { job, step, workflow } from "trunkline";
appendFileSync(process.env.EVALUATIONS, "${name}\\n");
${rest}
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "echo hi" })] });
export default workflow("${name}", { on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;

// The evaluation log of each repository, outside it: the same one for every gen (it is part of the environment).
const logs = new Map<string, string>();

/** `gen` in a process of its own (Node's own loader), and what the sources evaluated in it. */
async function genProcess(repo: TempRepo): Promise<{ status: number | null; stderr: string; evaluated: string[] }> {
  let log = logs.get(repo.root);
  if (!log) {
    log = path.join(await mkdtemp(path.join(tmpdir(), "trunkline-evaluations-")), "log");
    logs.set(repo.root, log);
  }
  await writeFile(log, "");
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "trunkline.js"), "gen"], { cwd: repo.root, encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", env: { ...process.env, GITHUB_ACTIONS: "", TRUNKLINE_DAEMON: "0", EVALUATIONS: log } });
  const evaluated = (await readFile(log, "utf8")).split("\n").filter(Boolean).sort();
  return { status: run.status, stderr: run.stderr, evaluated };
}

async function cacheIndex(repo: TempRepo): Promise<{ copies: Record<string, string>; entries: Record<string, Record<string, unknown>>; packages: Record<string, string[]>; cycles: Record<string, unknown> }> {
  return JSON.parse(await readFile(path.join(repo.root, ".trunkline/cache/sources/index.json"), "utf8"));
}

/** Every generated file of `files` and the findings, generated once with copies and once with every source compiled. */
async function bothWays(files: Record<string, string>, extra?: (repo: TempRepo) => Promise<void>): Promise<{ copied: Record<string, string>; compiled: Record<string, string>; copies: string[] }> {
  const results: Record<string, string>[] = [];
  let copies: string[] = [];
  for (const env of [{}, COMPILE_ALL]) {
    const repo = await createTempRepo(files);
    try {
      await extra?.(repo);
      const gen = await repo.run(["gen", "--format", "json"], env);
      expect(gen.code, gen.stderr).toBe(0);
      // the findings too, with the TypeScript places they name
      results.push({ ...(await repo.snapshot()), "(findings)": JSON.stringify(JSON.parse(gen.stdout)) });
      if (env === COMPILE_ALL) expect(Object.keys((await cacheIndex(repo)).copies)).toEqual([]);
      else copies = Object.keys((await cacheIndex(repo)).copies);
    } finally {
      await repo.dispose();
    }
  }
  return { copied: results[0]!, compiled: results[1]!, copies };
}

describe("sources imported as they are", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    for (const log of logs.values()) await rm(path.dirname(log), { recursive: true, force: true });
    logs.clear();
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 13.plain-scan: only plain JavaScript importing packages is copied; anything the scan cannot account for is compiled", () => {
    expect(plainImportsOf(WORKFLOW)).toEqual(["trunkline"]);
    expect(plainImportsOf(syntheticWorkflowSource(3))).toEqual(["trunkline"]);
    expect(plainImportsOf(`import a, * as b from "pkg";\nexport { x } from "@scope/other/sub";\nexport * from "node:path";\nconsole.log(a, b, \`\${a}\`);`)).toEqual(["pkg", "@scope/other/sub", "node:path"]);
    // an own-package import none of whose names is used: TypeScript drops it, loading it changes nothing
    expect(plainImportsOf(`import { pinnedAction } from "trunkline";\nexport const x = 1;`)).toEqual(["trunkline"]);
    expect(plainImportsOf(`import { workflow } from "trunkline";\nexport default workflow("w", {});\nexport function named() {}`)).toEqual(["trunkline"]);
    // declared before it is read, or read only by a function called after: the same either way
    expect(plainImportsOf(`import { job, workflow } from "trunkline";\nconst test = job({ test: 1 });\nfunction later() { return test; }\nexport default workflow("w", { jobs: { test }, x: later() });`)).toEqual(["trunkline"]);
    const compiled = [
      `import { helper } from "./helper.js";\nhelper();`, // relative
      `import { a } from "/abs/path.js";\na();`,
      `import { a } from "#internal";\na();`,
      `import { a } from "file:///x.js";\na();`,
      `const m = await import("pkg");`, // dynamic
      `import data from "pkg/data.json" with { type: "json" };\ndata;`,
      `import type { W } from "trunkline";`,
      `import { type W, job } from "trunkline";\njob();`,
      `export type { W } from "trunkline";`,
      `import { unused } from "side-effects";\nexport const x = 1;`, // TypeScript would not load it
      `import { job } from "trunkline";\njob<Foo>({});`, // a comparison in JavaScript
      `const x = a / b;`, // a division, or a regular expression: not read
      `const r = /x/g;`,
      `class A { x = 1 }`,
      `const fs = require("node:fs");`,
      `export const dir = __dirname;`,
      `@decorated const x = 1;`,
      `const t = \`\${"unterminated"`,
      `enum E { A }`,
      `const x = { a: 1 } satisfies object;`,
      // an anonymous default function: a bundle names it after the file
      `export default function () { return 1; }`,
      `export default () => 1;`,
      `export default x => x;`,
      `export default async () => 1;`,
      // read before initialized: a bundle's \`var\` gives undefined, Node throws
      `import { job, workflow } from "trunkline";\nexport default workflow("w", { jobs: { test } });\nconst test = job({});`,
      `const a = { n: 1 }, b = a.n + c;\nconst c = 2;`,
      `const self = [self];`,
      `run();\nconst later = 1;\nfunction run() { return helper(); }\nfunction helper() { return later; }`,
      `const { a, b } = { a: 1, b: 2 };`,
    ];
    for (const text of compiled) expect(plainImportsOf(text), text).toBeUndefined();
    // strings and comments are not code: their slashes, "<" and words do not count
    expect(plainImportsOf(`// a / comment < with require\n/* import("x") */\nimport { step } from "trunkline";\nstep({ run: "a < b && c / d", if: \`\${"x"} < y\` });`)).toEqual(["trunkline"]);
  });

  it("issue 13.plain-identical: every generated file is byte-identical copied or compiled (this repository's sources, the consumer fixture, init's source, synthetic sources)", async () => {
    const ownSources: Record<string, string> = {};
    const walk = async (folder: string): Promise<void> => {
      for (const entry of await readdir(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
        const relative = `${folder}/${entry.name}`;
        if (entry.isDirectory()) await walk(relative);
        else ownSources[relative] = await readFile(path.join(REPO_ROOT, relative), "utf8");
      }
    };
    await walk("workflows-src");
    const facts = { packageManager: "npm" as const, yarnBerry: false, packageManagerField: false, node: { test: true }, python: { requirements: true, pyproject: false }, go: true, rust: true, trunk: "main", checkCommand: "npm run check" };
    const synthetic = Object.fromEntries([0, 1, 2, 3, 4, 5].map((index) => [`workflows-src/wf-${index}.ts`, syntheticWorkflowSource(index)]));
    const sets: { files: Record<string, string>; extra?: (repo: TempRepo) => Promise<void>; copied: number; findings?: boolean }[] = [
      { files: ownSources, copied: 3 },
      { files: {}, extra: (target) => cp(path.join(REPO_ROOT, "test/fixtures/consumer-repo/workflows-src"), path.join(target.root, "workflows-src"), { recursive: true }), copied: 1 },
      { files: { "workflows-src/ci.ts": ciSource(facts) }, copied: 1 },
      { files: synthetic, copied: 6 },
      // warnings that name their TypeScript call sites
      { files: { "workflows-src/warned.ts": WARNED }, copied: 1, findings: true },
      { files: { "workflows-src/first.ts": WARNED_ON_FIRST_LINE }, copied: 1, findings: true },
    ];
    for (const set of sets) {
      const { copied, compiled, copies } = await bothWays(set.files, set.extra);
      expect(Object.keys(copied).filter((file) => file.endsWith(".yml")).length).toBeGreaterThan(0);
      expect(copied).toEqual(compiled);
      if (set.findings) expect(JSON.parse(copied["(findings)"]!).filter((finding: { source?: unknown }) => finding.source).length).toBeGreaterThan(2);
      expect(copies.length, copies.join()).toBeGreaterThanOrEqual(set.copied);
    }
  }, 120_000);

  it("issue 13.plain-once: a copy that fails to parse or link is compiled and imported once; a throw while evaluating is the source's, reported as before", async () => {
    repo = await createTempRepo({
      // a TypeScript annotation: a parse error before anything ran
      "workflows-src/typed.ts": counting("typed", `const kind: string = "typed";\nconsole.assert(kind === "typed");`),
      // a type-only name imported as a value: a link error before anything ran
      "workflows-src/linked.ts": counting("linked", `import { Workflow } from "trunkline";`),
      // a SyntaxError thrown while evaluating is not a parse error
      "workflows-src/thrown.ts": counting("thrown", `JSON.parse("{");`),
      // code on the first line (marked after the last line), then a throw: it ran, it stays a copy
      "workflows-src/first-thrown.ts": `appendFileSync(process.env.EVALUATIONS, "first-thrown\\n");\n${counting("unused", `JSON.parse("{");`).replace(/appendFileSync\(process.env.EVALUATIONS, "unused\\n"\);\n/, "")}`,
      // code on the first line, then a parse error further down
      "workflows-src/first.ts": `appendFileSync(process.env.EVALUATIONS, "first\\n");\n${counting("first-again", "const late: number = 1;").replace(/appendFileSync\(process.env.EVALUATIONS, "first-again\\n"\);\n/, "")}`,
    });
    // a real process: Node's own loader, whose parse and link errors come before any evaluation
    const gen = await genProcess(repo);
    expect(gen.status, gen.stderr).toBe(2);
    // each source's top level ran exactly once
    expect(gen.evaluated).toEqual(["first", "first-thrown", "linked", "thrown", "typed"]);
    expect(await repo.read(".github/workflows/typed.yml")).toBeUndefined();
    expect(gen.stderr).toMatch(/importing workflows-src\/thrown\.ts threw "[^"]*JSON[^"]*"/);
    expect(gen.stderr).toMatch(/importing workflows-src\/first-thrown\.ts threw "[^"]*JSON[^"]*"/);
    expect(gen.stderr).not.toMatch(/typed\.ts|linked\.ts|first\.ts/);
    const index = await cacheIndex(repo);
    // the two that failed before running are compiled now; the one that threw stays a copy
    expect(Object.keys(index.copies).sort()).toEqual(["workflows-src/first-thrown.ts", "workflows-src/thrown.ts"]);
    expect(Object.keys(index.entries).sort()).toEqual(["workflows-src/first-thrown.ts", "workflows-src/first.ts", "workflows-src/linked.ts", "workflows-src/thrown.ts", "workflows-src/typed.ts"]);
  });

  it("issue 13.plain-replay: a gen that copied a source, or compiled one whose copy failed to parse, is replayed by the next like any other", async () => {
    repo = await createTempRepo({
      "workflows-src/typed.ts": counting("typed", `const kind: string = "typed";\nconsole.assert(kind === "typed");`),
      "workflows-src/plain.ts": counting("plain", ""),
    });
    const first = await genProcess(repo);
    expect(first.status, first.stderr).toBe(0);
    expect(first.evaluated).toEqual(["plain", "typed"]);
    expect(Object.keys((await cacheIndex(repo)).copies)).toEqual(["workflows-src/plain.ts"]);
    // saved again unchanged: copied again (one compiled again), nothing written, and recorded
    const later = new Date(Date.now() + 5_000);
    for (const file of ["workflows-src/typed.ts", "workflows-src/plain.ts"]) await utimes(path.join(repo.root, file), later, later);
    const second = await genProcess(repo);
    expect(second.status, second.stderr).toBe(0);
    expect(second.evaluated).toEqual(["plain", "typed"]);
    expect(second.stderr).toContain("0 written");
    // nothing the loader did counts as a source reading the clock or spawning: replayed
    const third = await genProcess(repo);
    expect(third.status, third.stderr).toBe(0);
    expect(third.evaluated).toEqual([]);
  });

  it("issue 13.plain-resolve: a source whose folder holds a package.json or node_modules is compiled, resolving its packages as esbuild does from there", async () => {
    repo = await createTempRepo({
      "workflows-src/top.ts": WORKFLOW.replace('"plain"', '"top"'),
      "workflows-src/nested/package.json": "{}\n",
      "workflows-src/nested/inner.ts": WORKFLOW.replace('"plain"', '"inner"'),
      "workflows-src/local/node_modules/.keep": "",
      "workflows-src/local/lib.ts": WORKFLOW.replace('"plain"', '"local"'),
    });
    // nested folders are sources too in this layout only when globbed: load them directly
    const files = ["workflows-src/top.ts", "workflows-src/nested/inner.ts", "workflows-src/local/lib.ts"];
    const loaded = await loadModules(repo.root, files);
    expect(loaded.diagnostics).toEqual([]);
    expect([...loaded.modules.keys()].sort()).toEqual([...files].sort());
    expect(Object.keys((await cacheIndex(repo)).copies)).toEqual(["workflows-src/top.ts"]);
  });

  it("issue 13.plain-resolve: a package with an export condition only Node matches (its own, or given with --conditions) keeps a source compiled", async () => {
    repo = await createTempRepo({
      "workflows-src/plain.ts": `${WORKFLOW}export { flavour } from "dual";\n`,
      "workflows-src/other.ts": `${WORKFLOW.replace('"plain"', '"other"')}export { flavour } from "flavoured";\n`,
      // Node 20.19+ matches "module-sync"; esbuild, called as trunkline calls it, takes "default"
      "node_modules/dual/package.json": JSON.stringify({ name: "dual", exports: { "module-sync": "./sync.mjs", default: "./default.mjs" } }),
      "node_modules/dual/sync.mjs": 'export const flavour = "sync";\n',
      "node_modules/dual/default.mjs": 'export const flavour = "default";\n',
      "node_modules/flavoured/package.json": JSON.stringify({ name: "flavoured", exports: { custom: "./custom.mjs", default: "./default.mjs" } }),
      "node_modules/flavoured/custom.mjs": 'export const flavour = "custom";\n',
      "node_modules/flavoured/default.mjs": 'export const flavour = "default";\n',
    });
    const loaded = await loadModules(repo.root, ["workflows-src/plain.ts", "workflows-src/other.ts"]);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.modules.get("workflows-src/plain.ts")?.flavour).toBe("default");
    expect(Object.keys((await cacheIndex(repo)).copies)).toEqual(["workflows-src/other.ts"]);
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = "--conditions=custom";
    try {
      await repo.write("workflows-src/other.ts", `${WORKFLOW.replace('"plain"', '"again"')}export { flavour } from "flavoured";\n`);
      expect((await loadModules(repo.root, ["workflows-src/other.ts"])).diagnostics).toEqual([]);
      expect(Object.keys((await cacheIndex(repo)).copies)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
  });

  it("issue 13.plain-records: a copy records the same inputs, packages and cycles as its build (read by the server and the replay record)", async () => {
    const recorded = [];
    for (const plainCopies of [true, false]) {
      repo = await createTempRepo({ "workflows-src/a.ts": `${WORKFLOW}export { stringify } from "yaml";\n` });
      const yamlPackage = path.join(repo.root, "node_modules", "yaml");
      await cp(path.join(REPO_ROOT, "node_modules", "yaml"), yamlPackage, { recursive: true, dereference: true });
      const loaded = await loadModules(repo.root, ["workflows-src/a.ts"], "sources", { plainCopies });
      expect(loaded.diagnostics).toEqual([]);
      expect(typeof loaded.modules.get("workflows-src/a.ts")?.stringify).toBe("function");
      const index = await cacheIndex(repo);
      expect(Object.keys(index.copies)).toEqual(plainCopies ? ["workflows-src/a.ts"] : []);
      const inputs = await compiledInputsOf(repo.root, ["workflows-src/a.ts"], "sources");
      recorded.push({ inputs, inputsOf: loaded.inputs, cycles: index.cycles, packages: inputs!.packages.map((file) => path.relative(repo!.root, file)) });
      await repo.dispose();
      repo = undefined;
    }
    const [copied, compiled] = recorded;
    expect(copied!.packages.length).toBe(2);
    expect(copied!.packages.some((file) => file.startsWith("node_modules/yaml/"))).toBe(true);
    expect(copied!.packages).toEqual(compiled!.packages);
    expect(Object.keys(copied!.inputs!.inputs)).toEqual(Object.keys(compiled!.inputs!.inputs));
    expect(copied!.inputsOf).toEqual(compiled!.inputsOf);
    expect(copied!.cycles).toEqual(compiled!.cycles);
  });

  it("issue 13.plain-place: an error thrown by a copy names the same line and column as the compiled source's", async () => {
    const source = `import { job } from "trunkline";\n\nconst x = 1;\n    const build = job(undefined.steps);\nexport default build;\n`;
    const places = [];
    for (const env of [{}, COMPILE_ALL]) {
      repo = await createTempRepo({ "workflows-src/bad.ts": source });
      const gen = await repo.run(["gen", "--format", "json"], env);
      expect(gen.code).toBe(2);
      const diagnostics = JSON.parse(gen.stdout) as { file: string; line?: number; column?: number; rule: string }[];
      places.push(diagnostics.filter((diagnostic) => diagnostic.rule === "load").map(({ file, line, column }) => ({ file, line, column })));
      expect(Object.keys((await cacheIndex(repo)).copies)).toEqual(env === COMPILE_ALL ? [] : ["workflows-src/bad.ts"]);
      await repo.dispose();
      repo = undefined;
    }
    expect(places[0]).toEqual([{ file: "workflows-src/bad.ts", line: 4, column: expect.any(Number) }]);
    expect(places[0]).toEqual(places[1]);
  });
});
