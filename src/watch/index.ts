// `gen --watch` and `check --watch`: one process that keeps its compiled sources and reruns the
// command on every save. Loaded only when --watch is given: a one-shot gen never reads this.
import { performance } from "node:perf_hooks";
import { LOCKFILE } from "../actions/lockfile.js";
import { check } from "../cli/commands/check.js";
import { gen } from "../cli/commands/gen.js";
import { ExitCode } from "../cli/exit-code.js";
import { CONFIG_FILE, SOURCE_DIR } from "../config/resolve-config.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Format } from "../diagnostics/format/index.js";
import type { Io } from "../io/io.js";
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

// An editor's save is a burst of events (write, rename, chmod) within a few milliseconds.
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

  const runPasses = async (first: Set<string> | undefined) => {
    for (let changed = first; ; changed = queued, queued = undefined) {
      try {
        await runPass(changed);
      } catch (error) {
        // a bug in trunkline, not in the sources: said as one-shot runs say it, and the watch goes on
        io.stderr(`trunkline: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
      }
      if (!queued || stopped) return;
    }
  };
  const runPass = async (changed: Set<string> | undefined) => {
    const at = new Date();
    const started = performance.now();
    if (changed) memory.forgetModules(changed);
    const record: PassRecord = { written: [], removed: [], stdout: "", stderr: "" };
    const passIo = memory.passIo(io, record);
    const machine = options.format === "json";
    if (!machine) io.stderr(passStartLine(at, changed));
    const { compileMemo: memo } = memory;
    const code = options.command === "gen" ? await gen({ force: options.force, format: options.format, memo }, passIo) : await check({ format: options.format, memo }, passIo);
    const pass: Pass = { command: options.command, at, changed, code, record, ms: Math.round(performance.now() - started) };
    if (machine) {
      io.stdout(passJsonLine(pass, JSON.parse(record.stdout || "[]") as Diagnostic[]));
      io.stderr(record.stderr);
    } else {
      io.stdout(record.stdout);
      io.stderr(record.stderr);
    }
    io.stderr(passEndLine(pass));
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
    onEvent: (file) => memory.fileChanged(file),
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
