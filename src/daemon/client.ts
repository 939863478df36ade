// The client of the background server (bundled on its own as dist/daemon-client.js, read by
// bin/trunkline.js before the CLI when a gen or check was not replayed). Node's own modules only.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { buildOf } from "../cli/replay.js";
import { isPrivateFolder, isServedCall, mayUseServer, serverKey, socketPath } from "./address.js";
import { type ServeReply, type ServeRequest, lineReader } from "./protocol.js";

// A server that sends nothing (no output, no sign of life) for this long is given up.
const SILENCE_MS = 60_000;
/** Overrides {@link SILENCE_MS} (milliseconds), for tests. */
export const SILENCE_ENV = "TRUNKLINE_DAEMON_SILENCE_MS";

/**
 * Runs `argv` on the project's background server when one answers: its stderr is shown as it
 * comes, its stdout once it has finished (a reply cut short must not leave half a JSON document),
 * and the process's exit code is set to its. Resolves false when there is none, or it declines,
 * drops the call or falls silent: the caller then runs the command itself (gen's writes are
 * idempotent, so a call cut short is safe to run again).
 */
export async function serve(argv: readonly string[]): Promise<boolean> {
  const env = process.env;
  const build = buildOf(new URL("./cli.js", import.meta.url));
  if (!isServedCall(argv) || !mayUseServer(env) || build === undefined) return false;
  const address = socketPath(serverKey(process.cwd(), env, build));
  if (process.platform !== "win32" && (!existsSync(address) || !isPrivateFolder(path.dirname(address)))) return false;
  // loaded only when a server may answer: a call without one pays for none of it
  const [{ connect }, { isatty }] = await Promise.all([import("node:net"), import("node:tty")]);
  const request: ServeRequest = { build, argv: [...argv], cwd: process.cwd(), terminal: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true, stdin: isatty(0) } };
  const silenceMs = Number(env[SILENCE_ENV]) > 0 ? Number(env[SILENCE_ENV]) : SILENCE_MS;
  return new Promise((resolve) => {
    const socket = connect(address);
    const stdout: string[] = [];
    let connected = false;
    let settled = false;
    let silence: NodeJS.Timeout | undefined;
    const settle = (served: boolean) => {
      settled = true;
      clearTimeout(silence);
      socket.destroy();
      resolve(served);
    };
    // The server is gone or stuck mid-call: said once, and the socket is removed so that it ends
    // (it watches its socket file) and the next run can start a fresh one.
    const giveUp = (why: string) => {
      if (settled) return;
      process.stderr.write(`trunkline: the background server ${why}; running ${argv[0]} in this process\n`);
      if (process.platform !== "win32") rmSync(address, { force: true });
      settle(false);
    };
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(() => giveUp(`sent nothing for ${Math.round(silenceMs / 1000)} s`), silenceMs);
    };
    const onReply = lineReader<ServeReply>((reply) => {
      if (settled) return;
      if ("err" in reply) process.stderr.write(reply.err);
      else if ("out" in reply) stdout.push(reply.out);
      else if ("decline" in reply) settle(false);
      else if ("exit" in reply) {
        if (stdout.length) process.stdout.write(stdout.join(""));
        process.exitCode = reply.exit;
        settle(true);
      }
    });
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connected = true;
      listen();
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.on("data", (chunk: string) => {
      listen();
      try {
        onReply(chunk);
      } catch {
        giveUp("sent a reply that is not one");
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      // nobody listens: a server that ended without removing its socket (killed); nothing to say
      if (!connected) {
        if (error.code === "ECONNREFUSED" && process.platform !== "win32") rmSync(address, { force: true });
        settle(false);
      } else giveUp(`dropped the connection (${error.code ?? error.message})`);
    });
    socket.on("close", () => {
      if (!settled) giveUp(connected ? "ended the connection before its result" : "could not be reached");
    });
  });
}
