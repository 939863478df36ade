// Times the CLI as users run it (`npm run bench`, `npm run bench -- --json`). Each case is a whole
// process, so start-up, module loading and the compile cache all count, as they do for a user.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type SyntheticRepo, createSyntheticRepo } from "./bench/synthetic-sources.js";
import { type Timing, expectSuccess, timeCommand } from "./bench/time-command.js";
import { benchImport } from "./bench/import-bench.js";
import { benchCost } from "./bench/cost-bench.js";
import { benchWatch } from "./bench/watch-bench.js";
import { benchBindings } from "./bench/bindings-bench.js";
import { benchTypecheck } from "./bench/typecheck-bench.js";
import { createLintCorpus } from "./bench/lint-corpus.js";

const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
// The compile and validation caches of load-modules.ts and validation-cache.ts.
const CACHE_DIR = ".trunkline/cache";

/** One row of the results table. */
interface Row {
  case: string;
  n: number;
  mode: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median over the median of `node -e 0`: how many bare Node start-ups the command costs. */
  ratioToNode: number;
  /** Median divided by N: the cost per file or source, start-up included (amortized). */
  perItemMs: number;
}

/** A benchmark: its name, the input sizes it runs at by default, and how to time one size. */
interface BenchCase {
  name: string;
  sizes: readonly number[];
  run(size: number): Row[] | Promise<Row[]>;
}

const CASES: readonly BenchCase[] = [
  { name: "gen", sizes: [1, 50, 200], run: benchGen },
  // the issue's bar: save → regenerated file, one source of 200 changed, in at most 50 ms
  { name: "watch", sizes: [200], run: async (size) => [row("gen --watch", size, "save", await benchWatch(size, { trunklineRoot: REPO_ROOT, bin: BIN, runs, progress }))] },
  { name: "bindings", sizes: [50], run: async (size) => bindingsRows(size, await benchBindings(size, { trunklineRoot: REPO_ROOT, bin: BIN, runs, progress })) },
  { name: "typecheck", sizes: [50], run: (size) => [row("tsc --noEmit, targets +", size, "-", benchTypecheck(size, { trunklineRoot: REPO_ROOT, runs, progress }))] },
  { name: "lint", sizes: [1000], run: benchLint },
  // the issue's bar: 1,500 hand-written, real-world-like workflows, cold, in at most 2.5 s on 2 cores
  { name: "lint-corpus", sizes: [1500], run: benchLintCorpus },
  { name: "import", sizes: [1000], run: (size) => [row("import", size, "cold", benchImport(size, { trunklineRoot: REPO_ROOT, bin: BIN, runs, progress }))] },
  // the issue's bar: 10,000 jobs from --from in at most a second
  { name: "cost", sizes: [10000], run: (size) => [row("cost --from", size, "-", benchCost(size, { bin: BIN, runs, progress }))] },
];

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    runs: { type: "string", default: "7" },
    /** Overrides every case's sizes, e.g. `--sizes 10` for a quick look. */
    sizes: { type: "string" },
    /** Runs only the named cases, e.g. `--case gen`. */
    case: { type: "string", multiple: true },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      "usage: npm run bench -- [--case NAME]... [--sizes N,N] [--runs N] [--json]",
      "",
      "Times whole trunkline processes (medians, beside `node -e 0` in the same run).",
      `cases: ${CASES.map((entry) => `${entry.name} (sizes ${entry.sizes.join(",")})`).join(", ")}`,
      "",
    ].join("\n"),
  );
  process.exit(0);
}
const runs = Number(values.runs);
const sizesOverride = values.sizes?.split(",").map(Number);
if (!Number.isInteger(runs) || runs < 1 || sizesOverride?.some((size) => !Number.isInteger(size) || size < 1)) {
  throw new Error("--runs and --sizes take positive whole numbers, e.g. --runs 7 --sizes 1,50,200");
}
const unknown = values.case?.filter((name) => !CASES.some((entry) => entry.name === name)) ?? [];
if (unknown.length) throw new Error(`unknown --case ${unknown.join(", ")}; cases: ${CASES.map((entry) => entry.name).join(", ")}`);
const selected = CASES.filter((entry) => !values.case || values.case.includes(entry.name));
// With --json, stdout carries only the JSON; progress and the table go to stderr.
const log = (text: string) => (values.json ? process.stderr : process.stdout).write(text);
const progress = (text: string) => process.stderr.write(text);

buildDist();
const node = timeCommand(process.execPath, ["-e", "0"], { cwd: REPO_ROOT, runs });
const rows: Row[] = [row("node -e 0", 0, "-", node)];
for (const entry of selected) for (const size of sizesOverride ?? entry.sizes) rows.push(...(await entry.run(size)));
log(formatTable(rows));
if (rows.some((entry) => entry.case === "gen" && entry.mode === "edit")) log('gen "edit" runs with TRUNKLINE_DAEMON=1, as at a terminal: a background server serves it; every other gen case runs with TRUNKLINE_DAEMON=0.\n');
if (values.json) process.stdout.write(`${JSON.stringify({ runs, nodeVersion: process.version, platform: `${process.platform}-${process.arch}`, rows }, null, 2)}\n`);

// Sources import "trunkline", which resolves to dist/index.js through the linked package.
function buildDist(): void {
  progress("building dist/ …\n");
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build.mjs")], { cwd: REPO_ROOT, encoding: "utf8" });
  expectSuccess("node", ["scripts/build.mjs"])(result);
}

/**
 * `trunkline gen` over `size` synthetic sources: nothing changed (warm), one source edited (edit,
 * served by the background server a user at a terminal gets; "edit, no server" without it), caches
 * dropped (cold). Every case but "edit" runs with TRUNKLINE_DAEMON=0.
 */
function benchGen(size: number): Row[] {
  const repo = createSyntheticRepo(REPO_ROOT, size);
  try {
    const gen = (mode: string, before?: () => void, daemon = "0"): Row => {
      progress(`gen, ${size} source${size === 1 ? "" : "s"}, ${mode} …\n`);
      const timing = timeCommand(process.execPath, [BIN, "gen"], { cwd: repo.root, runs, before, check: checkGen(repo, size), env: { ...process.env, GITHUB_ACTIONS: "", TRUNKLINE_DAEMON: daemon } });
      return row("gen", size, mode, timing);
    };
    // The warm-up writes every output; after that nothing changes between runs: the common case.
    const warm = gen("warm");
    // The everyday edit: one source changes what it generates; the caches of the last run are kept.
    let edits = 0;
    const editOne = () => {
      const file = path.join(repo.root, repo.sourceFile(0));
      writeFileSync(file, `${readFileSync(file, "utf8").replace(/npm ci( # edit \d+)?/, `npm ci # edit ${++edits}`)}`);
    };
    const alone = gen("edit, no server", editOne);
    // At a terminal, a gen leaves a background server behind (TRUNKLINE_DAEMON=1 stands in for the
    // terminal here): timed once it is ready, as the edit loop meets it.
    const server = startServer(repo.root);
    const edit = gen("edit", editOne, "1");
    stopServer(server);
    // An edit after a fresh clone: no compiled sources, nothing known to be valid.
    const cold = gen("cold", () => {
      rmSync(path.join(repo.root, CACHE_DIR), { recursive: true, force: true });
      const now = new Date();
      utimesSync(path.join(repo.root, repo.sourceFile(0)), now, now);
    });
    return [warm, alone, edit, cold];
  } finally {
    repo.dispose();
  }
}

/**
 * `trunkline lint` over the `size` workflows `gen` wrote for synthetic sources (written once, not
 * timed): cold re-runs GitHub's parser and the rules on every file; warm finds every
 * file unchanged since the previous lint and skips it.
 */
function benchLint(size: number): Row[] {
  const repo = createSyntheticRepo(REPO_ROOT, size);
  try {
    progress(`lint: generating ${size} workflows to lint …\n`);
    expectSuccess("trunkline", ["gen"])(spawnSync(process.execPath, [BIN, "gen"], { cwd: repo.root, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } }));
    const lint = (mode: string, before?: () => void): Row => {
      progress(`lint, ${size} file${size === 1 ? "" : "s"}, ${mode} …\n`);
      const timing = timeCommand(process.execPath, [BIN, "lint"], { cwd: repo.root, runs, before, check: checkLint(size), env: { ...process.env, GITHUB_ACTIONS: "" } });
      return row("lint", size, mode, timing);
    };
    const cold = lint("cold", () => rmSync(path.join(repo.root, CACHE_DIR), { recursive: true, force: true }));
    const warm = lint("warm");
    return [cold, warm];
  } finally {
    repo.dispose();
  }
}

// Cold gen with and without action bindings; the second row's ratio to the first is what bindings cost.
function bindingsRows(size: number, timing: Awaited<ReturnType<typeof benchBindings>>): Row[] {
  if ("skipped" in timing) {
    progress(`bindings: skipped, ${timing.skipped}\n`);
    return [];
  }
  progress(`bindings: cold gen with bindings / with uses: strings = ${(timing.bindings.median / timing.strings.median).toFixed(3)}\n`);
  return [row("gen, uses: strings", size, "cold", timing.strings), row("gen, action bindings", size, "cold", timing.bindings)];
}

/**
 * `trunkline lint .github/workflows` over `size` hand-written workflows shaped like real ones
 * (scripts/bench/lint-corpus.ts), cold: no cache, so every file goes through YAML, GitHub's parser
 * (and the schema where the parser finds fault) and every rule. They have findings, as real
 * workflows do: exit 1 is expected.
 */
function benchLintCorpus(size: number): Row[] {
  const corpus = createLintCorpus(size);
  try {
    progress(`lint, ${size} real-world-like workflows (${corpus.lines} lines), cold …\n`);
    const checked = (result: { status: number | null; stderr: string; stdout: string }) => {
      if ((result.status !== 0 && result.status !== 1) || !result.stderr.includes(`${size} files checked`)) {
        throw new Error(`trunkline lint did not check ${size} files (exit ${String(result.status)})\n--- stderr\n${result.stderr}`);
      }
    };
    const timing = timeCommand(process.execPath, [BIN, "lint", ".github/workflows"], { cwd: corpus.root, runs, before: () => rmSync(path.join(corpus.root, CACHE_DIR), { recursive: true, force: true }), check: checked, env: { ...process.env, GITHUB_ACTIONS: "" } });
    return [row("lint corpus", size, "cold", timing)];
  } finally {
    corpus.dispose();
  }
}

function checkLint(size: number) {
  const succeeded = expectSuccess("trunkline", ["lint"]);
  return (result: Parameters<typeof succeeded>[0]) => {
    succeeded(result);
    if (!result.stderr.includes(`${size} files checked, 0 error(s)`)) throw new Error(`trunkline lint did not check ${size} clean files\n--- stderr\n${result.stderr}`);
  };
}

// Runs one gen that leaves a background server for `root`, and waits (20 s at most) until it is ready; its pid.
function startServer(root: string): number {
  expectSuccess("trunkline", ["gen"])(spawnSync(process.execPath, [BIN, "gen"], { cwd: root, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "", TRUNKLINE_DAEMON: "1" } }));
  const log = path.join(root, CACHE_DIR, "daemon.log");
  for (const end = Date.now() + 20_000; Date.now() < end; ) {
    const ready = /pid (\d+): ready/.exec(existsSync(log) ? readFileSync(log, "utf8") : "");
    if (ready) return Number(ready[1]);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  throw new Error(`no background server was ready within 20 s (see ${log})`);
}

// Stops the server and waits (10 s at most) until it has ended: it writes its cache as it ends.
function stopServer(pid: number): void {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(pid, "SIGTERM");
  for (const end = Date.now() + 10_000; alive() && Date.now() < end; ) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
}

function checkGen(repo: SyntheticRepo, size: number) {
  const succeeded = expectSuccess("trunkline", ["gen"]);
  return (result: Parameters<typeof succeeded>[0]) => {
    succeeded(result);
    const count = repo.outputs().length;
    if (count !== size) throw new Error(`trunkline gen exited 0 but wrote ${count} workflow files for ${size} sources\n--- stderr\n${result.stderr}`);
  };
}

function row(name: string, n: number, mode: string, timing: Timing): Row {
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { case: name, n, mode, medianMs: round(timing.median), minMs: round(timing.min), maxMs: round(timing.max), ratioToNode: Math.round((timing.median / node.median) * 100) / 100, perItemMs: n ? Math.round((timing.median / n) * 1000) / 1000 : 0 };
}

function formatTable(table: readonly Row[]): string {
  const header = ["case", "N", "mode", "median ms", "min", "max", "× node -e 0", "ms / N"];
  const lines = table.map((r) => [r.case, r.n ? String(r.n) : "-", r.mode, r.medianMs.toFixed(1), r.minMs.toFixed(1), r.maxMs.toFixed(1), r.ratioToNode.toFixed(2), r.n ? r.perItemMs.toFixed(3) : "-"]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return `${[format(header), ...lines.map(format)].join("\n")}\n`;
}
