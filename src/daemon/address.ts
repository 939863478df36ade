// Where the background server of a project listens, and when one may be used or started. Node's own
// modules only: the client (bin/trunkline.js, before the CLI loads) reads this on every gen and check
// that was not replayed.
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { keyedEnvironment } from "../io/up-to-date.js";

/** `TRUNKLINE_DAEMON=0` never uses nor starts a server; `=1` starts one even without a terminal. */
export const DAEMON_ENV = "TRUNKLINE_DAEMON";
/** The value of {@link DAEMON_ENV} that makes the CLI's process the server itself. */
export const SERVE = "serve";
// Bump when the request or reply changes: a server of the old shape is then never found.
const PROTOCOL = 1;

/** The commands a server runs: gen and check with any of their flags, but never a watch. */
export function isServedCall(argv: readonly string[]): boolean {
  return (argv[0] === "gen" || argv[0] === "check") && !argv.includes("--watch");
}

/** Whether an existing server may be asked (anything but `TRUNKLINE_DAEMON=0`). */
export function mayUseServer(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[DAEMON_ENV] !== "0";
}

/**
 * Whether a run may leave a server behind for the next one: a person at a terminal, or whoever asks
 * with `TRUNKLINE_DAEMON=1`; never on CI, never with `TRUNKLINE_DAEMON=0`. Scripts and pipes start none.
 */
export function mayStartServer(env: Readonly<Record<string, string | undefined>>, terminals: readonly [boolean, boolean]): boolean {
  const ci = env.CI;
  if ((ci !== undefined && ci !== "" && ci !== "false" && ci !== "0") || env[DAEMON_ENV] === "0") return false;
  return env[DAEMON_ENV] === "1" || terminals[0] || terminals[1];
}

/**
 * What one server serves: the folder, trunkline's build, Node, and the whole environment as the
 * up-to-date record keys it (sources read variables), but `TRUNKLINE_DAEMON` itself. Anything else
 * is another server.
 */
export function serverKey(cwd: string, env: Readonly<Record<string, string | undefined>>, build: string): string {
  const hash = createHash("sha256").update(JSON.stringify([PROTOCOL, cwd, build, process.version, keyedEnvironment(env, [DAEMON_ENV])]));
  // short: a Unix socket's whole path must fit in 104 bytes (macOS), 108 (Linux)
  return hash.digest("hex").slice(0, 20);
}

/** The folder of this user's sockets: private to them (mode 0700). */
export function socketFolder(): string {
  return path.join(tmpdir(), `trunkline-${userId()}`);
}

/** The address of the server of `key`: a socket in {@link socketFolder}, a named pipe on Windows. */
export function socketPath(key: string): string {
  return process.platform === "win32" ? `\\\\.\\pipe\\trunkline-${userId()}-${key}` : path.join(socketFolder(), `${key}.sock`);
}

/**
 * Whether `folder` is a folder that only this user can enter, so that whatever listens in it is
 * theirs. Creates it when `create` and it is missing. Always true on Windows, where a named pipe has no folder to check.
 */
export function isPrivateFolder(folder: string, create = false): boolean {
  if (process.platform === "win32") return true;
  if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
  const info = lstatSync(folder, { throwIfNoEntry: false });
  return info !== undefined && info.isDirectory() && info.uid === process.getuid?.() && (info.mode & 0o077) === 0;
}

function userId(): string {
  return String(process.getuid?.() ?? userInfo().username.replace(/[^A-Za-z0-9_-]/g, "_"));
}
