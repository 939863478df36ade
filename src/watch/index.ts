// `gen --watch` and `check --watch`: one process that keeps its compiled sources and reruns the
// command on every save. Loaded only when --watch is given: a one-shot gen never reads this.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LOCKFILE } from "../actions/lockfile.js";
import { check } from "../cli/commands/check.js";
import { gen } from "../cli/commands/gen.js";
import { ExitCode } from "../cli/exit-code.js";
import { CONFIG_FILE, SOURCE_DIR } from "../config/resolve-config.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Format } from "../diagnostics/format/index.js";
import type { Io } from "../io/io.js";
import { markStage, startStageMarks, takeStageMarks } from "../io/stage-marks.js";
import { watchFiles } from "./file-watcher.js";
import { type PassRecord, WatchMemory } from "./watch-memory.js";
import { type Pass, passEndLine, passJsonLine, passStartLine } from "./pass-report.js";

/** Options of {@link watch}. */
export interface WatchOptions {
  command: "gen" | "check";
  /** `gen --force`: also replace hand-edited generated files, on every pass. */
  force: boolean;
  /** pretty, github or json (one JSON document per pass, one per line); sarif is refused by the CLI. */
  format: Exclude<Format, "sarif">;
  /** Resolves to end the watch; by default the first SIGINT (Ctrl-C) or SIGTERM. */
  stop?: Promise<void>;
  /** Quiet time after the last file event before a pass starts. */
  debounceMs?: number;
}

// `TRUNKLINE_PROFILE_WATCH=1`: each pass also prints, on stderr, the milliseconds each stage took.
const PROFILE_ENV = "TRUNKLINE_PROFILE_WATCH";
// An editor's save is a burst of events (truncate, write, rename, chmod). Once every changed file
// exists and is not empty, a pass starts as soon as the events delivered with them are seen; while
// one is missing or empty (renamed aside, truncated), after this much quiet.
const DEBOUNCE_MS = 10;
// What a source can import and what the watch reacts to in the source tree; editors' swap and backup files are not.
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|json)$/;

/**
 * Runs the command once over every source, then again on every change to the sources, the config
 * or the lockfile, until stopped; resolves with 0 once the pass under way (if any) has finished,
 * so no write is left half done.
 */
export async function watch(options: WatchOptions, io: Io): Promise<ExitCode> {
  // `files` is the watch below; the memory asks it which folders' events it sees
  const memory = new WatchMemory((folder) => files.sees(folder));
  const stop = options.stop ?? stopOnSignal();
  let queued: Set<string> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  // An abandoned pass (see `superseded`): its changes are carried into the next one.
  let abandoned: { changed: Set<string> | undefined } | undefined;
  const runPasses = async (first: Set<string> | undefined) => {
    for (let changed = first; ; changed = queued, queued = undefined) {
      try {
        const carried = abandoned;
        abandoned = undefined;
        // an abandoned first pass is still the first: it covered every source
        await runPass(carried ? carried.changed && changed && new Set([...carried.changed, ...changed]) : changed, carried !== undefined);
      } catch (error) {
        // a bug in trunkline, not in the sources: said as one-shot runs say it, and the watch goes on
        io.stderr(`trunkline: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
      }
      if (!queued || stopped) return;
    }
  };
  const profiling = io.env[PROFILE_ENV] === "1";
  let firstEventAt: number | undefined;
  // A pass may still have read a file the editor had not finished saving (written in several
  // steps, or slowly): when another change came in meanwhile, it is abandoned before its first
  // write and runs again; once in a row, so a file written without pause still gets passes.
  const superseded = (retried: boolean) => !retried && queued !== undefined && !stopped;
  const runPass = async (changed: Set<string> | undefined, retried: boolean) => {
    const at = new Date();
    const started = performance.now();
    const waited = firstEventAt === undefined ? 0 : started - firstEventAt;
    firstEventAt = undefined;
    if (profiling) startStageMarks();
    if (changed) memory.forgetModules(changed);
    memory.compileMemo.hashes?.nextRound();
    const record: PassRecord = { written: [], removed: [], stdout: "", stderr: "" };
    const passIo = memory.passIo(io, record);
    const machine = options.format === "json";
    if (!machine) io.stderr(passStartLine(at, changed));
    const { compileMemo: memo } = memory;
    let wrote = false;
    const proceedToWrite = () => (wrote = !superseded(retried));
    const code = options.command === "gen" ? await gen({ force: options.force, format: options.format, memo, proceedToWrite }, passIo) : await check({ format: options.format, memo }, passIo);
    if (!wrote && superseded(retried)) {
      abandoned = { changed };
      if (profiling) io.stderr(`profile: pass dropped after ${(performance.now() - started).toFixed(1)} ms, a further change came in\n`);
      return;
    }
    const pass: Pass = { command: options.command, at, changed, code, record, ms: Math.round(performance.now() - started) };
    if (machine) {
      io.stdout(passJsonLine(pass, JSON.parse(record.stdout || "[]") as Diagnostic[]));
      io.stderr(record.stderr);
    } else {
      io.stdout(record.stdout);
      io.stderr(record.stderr);
    }
    io.stderr(passEndLine(pass));
    if (profiling) {
      markStage("print");
      io.stderr(profileLine(waited, takeStageMarks()));
    }
    // a helper imported from outside the source folder is watched from now on, and so are the
    // folders of the files read, so that their remembered texts are forgotten when they change
    files.addFiles(memory.inputFiles());
    files.addFolders(memory.textFolders());
  };

  const files = watchFiles({
    root: io.root,
    trees: [SOURCE_DIR],
    files: [CONFIG_FILE, LOCKFILE],
    accept: (file) => SOURCE_FILE.test(file),
    debounceMs: options.debounceMs ?? DEBOUNCE_MS,
    stateOf: (file) => contentHashOf(path.join(io.root, file)),
    onEvent: (file) => {
      if (profiling && isWatchedInput(file)) firstEventAt ??= performance.now();
      memory.fileChanged(file);
    },
    onChange: (changed) => {
      if (stopped) return;
      if (running) {
        queued = new Set([...(queued ?? []), ...changed]);
        return;
      }
      running = runPasses(changed).finally(() => (running = undefined));
    },
    onProblem: (problem) => io.stderr(`trunkline: ${problem}; changes there are not seen\n`),
  });
  io.stderr(`trunkline ${options.command} --watch: watching ${SOURCE_DIR}/, ${CONFIG_FILE} and ${LOCKFILE}; Ctrl-C stops\n`);
  running = runPasses(undefined).finally(() => (running = undefined));
  await stop;
  stopped = true;
  files.close();
  // the pass under way finishes its writes (and the manifest) before the process ends
  while (running) await running;
  await memory.save();
  io.stderr(`trunkline ${options.command} --watch: stopped\n`);
  return ExitCode.Ok;
}

// The first Ctrl-C (SIGINT) or SIGTERM; the handlers are removed once it came.
function stopOnSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

// What a source holds, as a hash; undefined while it is missing or empty (a save under way). Its
// content, not its mtime: two saves within the clock's resolution can leave the same mtime.
function contentHashOf(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  return bytes.length ? createHash("sha1").update(bytes).digest("base64") : undefined;
}

// `profile: event→pass 10.2, discover 3.1, …, total 24.0 ms`: where a pass's time went.
function profileLine(waited: number, stages: readonly { stage: string; ms: number }[]): string {
  const total = waited + stages.reduce((sum, { ms }) => sum + ms, 0);
  const parts = [`event→pass ${waited.toFixed(1)}`, ...stages.map(({ stage, ms }) => `${stage} ${ms.toFixed(1)}`)];
  return `profile: ${parts.join(", ")}; total ${total.toFixed(1)} ms\n`;
}

// A file whose change starts a pass: a source, the config, the lockfile (not the outputs a pass writes).
function isWatchedInput(file: string): boolean {
  return file === CONFIG_FILE || file === LOCKFILE || (file.startsWith(`${SOURCE_DIR}/`) && SOURCE_FILE.test(file));
}
