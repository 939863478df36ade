// `trunkline server [status|stop]`: the project's background servers (src/daemon/), listed from the
// notes they leave in the cache, each asked over its own socket. A note whose server no longer
// answers is stale and is removed.
import { rmSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import type { Io } from "../../io/io.js";
import { type ControlRequest, type ServeReply, type ServerStatus, lineReader } from "../../daemon/protocol.js";
import { type ServerRecord, registeredServers } from "../../daemon/registry.js";
import { ExitCode } from "../exit-code.js";

// A server answers a control request at once, even mid-call; one that does not within this is stuck or gone.
const ANSWER_MS = 3_000;
// A stopped server ends once its call under way has written its files.
const STOP_MS = 10_000;

/** What `server` is asked. */
export interface ServerCommandOptions {
  action: "status" | "stop";
  format: "pretty" | "json";
}

/** One server of the project as `server --format json` lists it. */
export interface ServerEntry extends Omit<ServerStatus, "cwd"> {
  /** The folder it serves, relative to the project's root (`.` for the root). */
  folder: string;
  /** With `stop`: whether it has ended. */
  stopped?: boolean;
}

/** Lists the project's background servers, or stops them. */
export async function server(options: ServerCommandOptions, io: Io): Promise<ExitCode> {
  const entries: ServerEntry[] = [];
  const addresses: string[] = [];
  const stale: { file: string; record: ServerRecord }[] = [];
  const silent: ServerRecord[] = [];
  for (const { file, record } of registeredServers(io.root)) {
    const status = await ask(record.address, "status");
    // connected, and nothing came back in time: a server stuck in a source's code, kept in the list
    if (status === SILENT) {
      silent.push(record);
      continue;
    }
    // nobody listens there any more (a killed server), or another server does: the note is stale
    if (status === GONE || status.pid !== record.pid) {
      rmSync(file, { force: true });
      stale.push({ file, record });
      continue;
    }
    const { cwd, ...rest } = status;
    entries.push({ ...rest, folder: path.relative(io.root, cwd).split(path.sep).join("/") || "." });
    addresses.push(record.address);
  }
  if (options.action === "stop") {
    // all at once: each saves its memory as it ends
    await Promise.all(entries.map(async (entry, index) => (entry.stopped = (await ask(addresses[index]!, "stop")) === true && (await ended(entry.pid, STOP_MS)))));
  }
  const unstopped = entries.filter((entry) => entry.stopped === false);
  if (options.format === "json") io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
  // a server that does not answer is named on stderr, not called "none" here
  else if (entries.length || !silent.length) io.stdout(options.action === "stop" ? stopText(entries) : statusText(entries, Date.now()));
  for (const { file, record } of stale) io.stderr(`trunkline server: removed ${path.relative(io.root, file).split(path.sep).join("/")}, the note of a server that no longer answers (pid ${record.pid})\n`);
  for (const record of silent) io.stderr(`trunkline server: the server with pid ${record.pid} (${record.address}) does not answer within ${ANSWER_MS / 1000} s: a source it imported may be stuck; end it with kill ${record.pid}\n`);
  if (unstopped.length) io.stderr(`trunkline server: ${unstopped.map((entry) => `pid ${entry.pid}`).join(", ")} did not end within ${STOP_MS / 1000} s: it ends when the call it is running has written its files; to end it now, kill that process\n`);
  if (silent.length || unstopped.length) return ExitCode.SourceErrors;
  return ExitCode.Ok;
}

// What asking a server can end in besides its answer: nothing listens there, or it said nothing in time.
const GONE = Symbol("gone");
const SILENT = Symbol("silent");

// Sends one control request: the server's status (for "status"), or true once a stop is taken.
function ask(address: string, control: "status"): Promise<ServerStatus | typeof GONE | typeof SILENT>;
function ask(address: string, control: "stop"): Promise<true | typeof GONE | typeof SILENT>;
function ask(address: string, control: ControlRequest["control"]): Promise<ServerStatus | true | typeof GONE | typeof SILENT> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let connected = false;
    let status: ServerStatus | undefined;
    const done = (answer: ServerStatus | true | typeof GONE | typeof SILENT) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(SILENT), ANSWER_MS);
    const onReply = lineReader<ServeReply>((reply) => {
      if ("out" in reply) status = JSON.parse(reply.out) as ServerStatus;
      else if ("exit" in reply) done(control === "stop" ? true : (status ?? SILENT));
    });
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connected = true;
      socket.write(`${JSON.stringify({ control } satisfies ControlRequest)}\n`);
    });
    socket.on("data", (chunk: string) => {
      try {
        onReply(chunk);
      } catch {
        done(SILENT);
      }
    });
    // refused or missing: nobody listens; a connection dropped without an answer is a server ending
    socket.on("error", () => done(connected ? SILENT : GONE));
    socket.on("close", () => done(connected ? SILENT : GONE));
  });
}

async function ended(pid: number, withinMs: number): Promise<boolean> {
  const end = Date.now() + withinMs;
  while (Date.now() < end) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that pid now
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function statusText(entries: readonly ServerEntry[], now: number): string {
  if (entries.length === 0) return "No background server for this project. A gen or check run at a terminal leaves one behind.\n";
  const folderWidth = Math.max(...entries.map((entry) => entry.folder.length));
  const pidWidth = Math.max(...entries.map((entry) => String(entry.pid).length));
  const lines = entries.map((entry) => {
    const calls = entry.calls === 0 ? "no call yet" : `${entry.calls} call${entry.calls === 1 ? "" : "s"}, the last ${ago(now - Date.parse(entry.lastCall))} ago`;
    return `  ${entry.folder.padEnd(folderWidth)}  pid ${String(entry.pid).padEnd(pidWidth)}  up ${ago(now - Date.parse(entry.started))}, ${calls}, ${entry.memoryMb} MB${entry.busy ? ", running a call" : ""}`;
  });
  return `${entries.length} background server${entries.length === 1 ? "" : "s"} for this project, by the folder each serves:\n${lines.join("\n")}\n`;
}

function stopText(entries: readonly ServerEntry[]): string {
  if (entries.length === 0) return "No background server for this project: nothing to stop.\n";
  const stopped = entries.filter((entry) => entry.stopped);
  return stopped.length ? `Stopped ${stopped.map((entry) => `pid ${entry.pid} (${entry.folder})`).join(", ")}.\n` : "";
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
