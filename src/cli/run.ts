import { isatty } from "node:tty";
import { formatDiagnostics } from "../diagnostics/format/index.js";
import { createNodeIo } from "../io/node-io.js";
import { exitProcess, guardProcess } from "../load/process-guard.js";
import { ExitCode } from "./exit-code.js";
import { main } from "./main.js";
import { recordRun } from "../io/recording-io.js";
import { buildOf } from "./replay.js";
import { DAEMON_ENV, SERVE, isServedCall, mayStartServer } from "../daemon/address.js";
import { holdOptimizingCompiler } from "../io/optimizing-compiler.js";

/**
 * The process entry point: the only place that reads process.argv or ends the process. It ends
 * it as soon as the command is done, whatever timers or handles a source left open.
 */
export async function run(): Promise<void> {
  // started by a one-shot gen or check (startServer below) to serve the next ones
  if (process.env[DAEMON_ENV] === SERVE) return (await import("../daemon/server.js")).serveProject({ bundle: new URL(import.meta.url), build: buildOf(new URL(import.meta.url)), main });
  // Sources are imported into this process: from here on, only exitProcess ends it.
  guardProcess({ catchUncaught: true });
  const argv = process.argv.slice(2);
  // a gen or check that ends when done: its pipeline sizes V8's work (optimizing-compiler.ts)
  if (isServedCall(argv)) holdOptimizingCompiler();
  // as the process started: a source may set variables while it runs
  const env = { ...process.env };
  const build = buildOf(new URL(import.meta.url));
  const io = createNodeIo(process.cwd(), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, process.env, {
    validatorFingerprint: build,
    cwd: process.cwd(),
    // isatty, not process.stdin.isTTY: reading that opens stdin, which every gen would pay for
    terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true, stdin: isatty(0) },
    openStdin: () => process.stdin,
  });
  // what this run reads and prints, so that the next identical call can be replayed (up-to-date.ts)
  const recording = recordRun(io, { argv, cwd: process.cwd(), build, env: process.env, terminals: [process.stdout.isTTY === true, process.stderr.isTTY === true] });
  let code: number;
  try {
    code = await main(argv, recording.io);
  } catch (error) {
    // A throw here is a bug in trunkline, not in the user's sources.
    process.stderr.write(`trunkline: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
    code = 70;
  }
  // What a source's timer did after its command had taken stock: the result cannot be trusted.
  const late = io.takeSourceFaults();
  if (late.length) {
    process.stderr.write(formatDiagnostics(late, "pretty"));
    if (code !== 70) code = ExitCode.SourceErrors;
  }
  await recording.finish(code).catch(() => undefined);
  // the next gen or check at this terminal is served by a process that kept all this (src/daemon/)
  if (code !== ExitCode.Usage && code !== 70 && isServedCall(argv) && mayStartServer(env, [process.stdout.isTTY === true, process.stderr.isTTY === true])) await startServer(env);
  // stdout and stderr are asynchronous when they are pipes: exiting before they drain loses output
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  exitProcess(code);
}

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // an empty write completes after every write queued before it; an error (a closed pipe) ends the wait too
    stream.write("", () => resolve());
  });
}

// Starts the background server (the CLI, with TRUNKLINE_DAEMON=serve) detached, with this
// process's folder and environment, which its sources will see; it outlives this process.
async function startServer(env: Record<string, string | undefined>): Promise<void> {
  const { spawn } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  try {
    // bin/trunkline.js without arguments: it runs this bundle's run(), which then serves
    spawn(process.execPath, [fileURLToPath(new URL("../bin/trunkline.js", import.meta.url))], { cwd: process.cwd(), env: { ...env, [DAEMON_ENV]: SERVE }, detached: true, stdio: "ignore", windowsHide: true }).unref();
  } catch {
    // no server: the next call runs in its own process, as this one did
  }
}
