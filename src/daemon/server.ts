// The background server of one project (dist/cli.js run with TRUNKLINE_DAEMON=serve): started by a one-shot gen or check at a
// terminal, it keeps what the watch keeps (compiled and imported sources, texts, esbuild contexts,
// the emit and validation cache) and runs the next gen and check calls for the client in
// bin/trunkline.js, so that an edit then `npm run gen` costs Node's start and a watch pass.
import { appendFileSync, rmSync, statSync } from "node:fs";
import { type Server, type Socket, connect, createServer } from "node:net";
import path from "node:path";
import type { main as cliMain } from "../cli/main.js";
import { findProject } from "../cli/find-project.js";
import { buildOf } from "../cli/replay.js";
import { ExitCode } from "../cli/exit-code.js";
import { formatDiagnostics } from "../diagnostics/format/index.js";
import type { Io } from "../io/io.js";
import { createNodeIo } from "../io/node-io.js";
import { PROJECT_FILES } from "../io/recording-io.js";
import { stampOf } from "../io/up-to-date.js";
import { CACHE_DIR } from "../load/load-modules.js";
import { exitProcess, guardProcess } from "../load/process-guard.js";
import { takeSourceFaultDiagnostics } from "../load/source-faults.js";
import { WatchMemory } from "../watch/watch-memory.js";
import { isPrivateFolder, serverKey, socketFolder, socketPath } from "./address.js";
import { InputStamps } from "./input-stamps.js";
import { warmUp } from "./warm-up.js";
import { type ControlRequest, HEARTBEAT_MS, type ServeReply, type ServeRequest, type ServerStatus, lineReader } from "./protocol.js";
import { registerServer, unregisterServer } from "./registry.js";

/** Milliseconds without a call after which the server ends (10 minutes by default). */
export const IDLE_ENV = "TRUNKLINE_DAEMON_IDLE_MS";
const IDLE_MS = 10 * 60_000;
/** Megabytes of memory past which the server ends after the call it served (1024 by default). */
export const MEMORY_ENV = "TRUNKLINE_DAEMON_MAX_MB";
const MEMORY_MB = 1024;
/** Where the server notes when it started and why it ended, in the project. */
export const DAEMON_LOG = `${CACHE_DIR}/daemon.log`;
// How often it looks whether it is still wanted (its socket, the cache folder, the build).
const LOOK_MS = 1_000;

/** What {@link serveProject} is given by the CLI's entry point. */
export interface ServerOptions {
  /** The CLI's bundle, and its stamp when the process started: a rebuild ends the server. */
  bundle: URL;
  build: string | undefined;
  /** The CLI itself: handed over, not imported, so that it stays in the bundle that starts every call. */
  main: typeof cliMain;
}

/** Serves the project of the current folder until it is no longer wanted, then ends the process. */
export async function serveProject({ bundle, build, main }: ServerOptions): Promise<void> {
  // Sources are imported into this process: from here on, only exitProcess ends it.
  guardProcess({ catchUncaught: true });
  const cwd = process.cwd();
  // as the client's process starts: restored before each call, whatever a source set
  const env = { ...process.env };
  const silent = { stdout: () => undefined, stderr: () => undefined };
  const project = build === undefined ? undefined : await findProject(createNodeIo(cwd, silent, env), cwd);
  if (build === undefined || !project) return exitProcess(0);
  const { root } = project;
  const log = (line: string) => {
    try {
      appendFileSync(path.join(root, DAEMON_LOG), `${new Date().toISOString()} pid ${process.pid}: ${line}\n`);
    } catch {
      // no cache folder: nothing to note it in
    }
  };
  const key = serverKey(cwd, env, build);
  const address = socketPath(key);
  if (process.platform !== "win32" && !isPrivateFolder(socketFolder(), true)) {
    log(`not started: ${socketFolder()} is not a folder only this user can enter`);
    return exitProcess(0);
  }
  const server = await listen(address);
  // another server answers there already
  if (!server) return exitProcess(0);
  const socketId = identityOf(address);
  // the cache folder as it is now: one removed and made again (by this server's own compile) is another
  const cacheDir = path.join(root, CACHE_DIR);
  let cacheId = identityOf(cacheDir);
  const projectFiles = stampsOf(root, PROJECT_FILES);
  const idleMs = Number(env[IDLE_ENV]) > 0 ? Number(env[IDLE_ENV]) : IDLE_MS;
  const memoryMb = Number(env[MEMORY_ENV]) > 0 ? Number(env[MEMORY_ENV]) : MEMORY_MB;
  log(`serving gen and check in ${cwd} on ${address}`);

  const memory = new WatchMemory(() => true);
  const stamps = new InputStamps(root);
  let busy = 0;
  const started = new Date();
  let lastCall = Date.now();
  let calls = 0;
  let ending = false;

  const end = async (reason: string, save = true) => {
    if (ending) return;
    ending = true;
    server.close();
    if (process.platform !== "win32" && identityOf(address) === socketId) rmSync(address, { force: true });
    unregisterServer(root, key, process.pid);
    if (save) await memory.save().catch(() => undefined);
    log(`ended: ${reason}`);
    exitProcess(0);
  };
  // Why this server can no longer answer as a new process would; undefined while it can.
  const outdated = (): string | undefined => {
    if (buildOf(bundle) !== build) return "trunkline was rebuilt or upgraded";
    if (identityOf(cacheDir) !== cacheId) return `${CACHE_DIR} was removed`;
    if (process.platform !== "win32" && identityOf(address) !== socketId) return "its socket was removed";
    if (stampsOf(root, PROJECT_FILES) !== projectFiles) return "the packages or the project's settings changed";
    const changedPackage = stamps.changedPackage();
    if (changedPackage) return `${path.relative(root, changedPackage)}, which a source imports, changed`;
    return undefined;
  };

  // One call, as the client's process would run it: its env and folder, its terminals.
  const runCall = async (request: Pick<ServeRequest, "argv" | "terminal">, send: (reply: ServeReply) => void): Promise<number> => {
    for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
    if (process.cwd() !== cwd) process.chdir(cwd);
    // what a source's leftover timer did between calls belongs to no call
    takeSourceFaultDiagnostics();
    stamps.forgetChanged(memory);
    memory.compileMemo.hashes?.nextRound();
    const stdout = (text: string) => send({ out: text });
    const stderr = (text: string) => send({ err: text });
    const outside = createNodeIo(cwd, { stdout, stderr }, process.env, { validatorFingerprint: build, cwd, terminal: request.terminal });
    const remembering = memory.passIo(stamps.track(outside.withRoot(root)), { written: [], removed: [], stdout: "", stderr: "" });
    const inProject: Io = { ...remembering, stdout, stderr, withRoot: (other) => (other === root ? inProject : outside.withRoot(other)) };
    let code: number;
    try {
      code = await main(request.argv, { ...outside, withRoot: inProject.withRoot }, memory.compileMemo);
    } catch (error) {
      stderr(`trunkline: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
      code = 70;
    }
    const late = takeSourceFaultDiagnostics();
    if (late.length) {
      stderr(formatDiagnostics(late, "pretty"));
      if (code !== 70) code = ExitCode.SourceErrors;
    }
    return code;
  };

  // Calls are run one at a time, in the order they came.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>) => {
    busy++;
    // a failure of its own leaves the call without an exit message (its client runs it) and ends the server
    queue = queue.then(work).catch((error: unknown) => end(`an internal error: ${(error as Error).stack ?? String(error)}`)).finally(() => {
      busy--;
      lastCall = Date.now();
    });
  };
  server.on("connection", (socket: Socket) => {
    socket.setEncoding("utf8");
    const send = (reply: ServeReply) => {
      if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
    };
    // a call waiting behind another, or running long, still shows signs of life
    const beat = setInterval(() => send({ beat: true }), HEARTBEAT_MS);
    socket.on("close", () => clearInterval(beat));
    socket.on("error", () => undefined);
    let taken = false;
    socket.on(
      "data",
      lineReader<ServeRequest | ControlRequest>((request) => {
        if (taken) return;
        taken = true;
        if ("control" in request) {
          // answered at once, even while a call runs; a stop lets that call finish its writes first
          if (request.control === "status") send({ out: `${JSON.stringify(statusOf())}\n` });
          send({ exit: 0 });
          clearInterval(beat);
          socket.end();
          if (request.control === "stop") void queue.then(() => end("stopped by trunkline server stop"));
          return;
        }
        enqueue(async () => {
          try {
            const stale = request.build !== build ? "another build" : outdated();
            if (stale || ending) {
              send({ decline: stale ?? "ending" });
              if (stale && request.build === build) await end(stale, !stale.startsWith(CACHE_DIR));
              return;
            }
            calls++;
            const code = await runCall(request, send);
            send({ exit: code });
            const usedMb = process.memoryUsage().rss / 2 ** 20;
            if (code === 70) await end("an internal error");
            else if (usedMb > memoryMb) await end(`it used ${Math.round(usedMb)} MB, more than ${memoryMb} MB`);
          } finally {
            clearInterval(beat);
            socket.end();
          }
        });
      }),
    );
  });

  // stopped by a signal: the call under way (if any) finishes its writes first
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => void queue.then(() => end(`stopped by ${signal}`)));
  // Warmed with a check, which writes nothing: the first call served is already a small one.
  enqueue(async () => {
    const warming = Date.now();
    await runCall({ argv: ["check", "--format", "json"], terminal: { stdout: false, stderr: false, stdin: false } }, () => undefined);
    await warmUp().catch(() => undefined);
    // a gen --dry-run leaves no cache folder behind: the warm-up made it
    registerServer(root, key, { pid: process.pid, cwd, address, started: started.toISOString() });
    if (cacheId === undefined) cacheId = identityOf(cacheDir);
    log(`ready: warmed up in ${Date.now() - warming} ms`);
  });
  const statusOf = (): ServerStatus => ({
    pid: process.pid,
    cwd,
    started: started.toISOString(),
    lastCall: new Date(lastCall).toISOString(),
    calls,
    busy: busy > 0,
    memoryMb: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
  setInterval(() => {
    if (busy || ending) return;
    const reason = outdated();
    if (reason) void end(reason, !reason.startsWith(CACHE_DIR));
    else if (Date.now() - lastCall > idleMs) void end(`idle for ${Math.round(idleMs / 1000)} s`);
  }, Math.min(LOOK_MS, idleMs));
}

// Listens at `address`; undefined when another server answers there. A socket file nobody answers
// at (a server that was killed) is removed first.
async function listen(address: string): Promise<Server | undefined> {
  for (let attempt = 0; ; attempt++) {
    const server = createServer();
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      server.once("error", resolve);
      server.listen(address, () => resolve(undefined));
    });
    if (!error) return server;
    if (error.code !== "EADDRINUSE" || attempt > 0 || (await answers(address))) return undefined;
    rmSync(address, { force: true });
  }
}

function answers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(address);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

// A file's or folder's inode: another server's socket, or a cache folder made again, at the same path is another.
function identityOf(file: string): string | undefined {
  const info = statSync(file, { throwIfNoEntry: false });
  // with the birth time: a file system may give a new file the inode of one just removed
  return info && `${info.ino}:${info.birthtimeMs}`;
}

function stampsOf(root: string, files: readonly string[]): string {
  return JSON.stringify(files.map((file) => stampOf(path.join(root, file))));
}
