// The project's list of its background servers: one small file per server in the cache, written
// when it is ready and removed when it ends, so that `trunkline server` can find every server of
// the project (each folder and environment has its own) without scanning the user's sockets.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CACHE_DIR } from "../load/load-modules.js";

/** Where the servers of a project note themselves, relative to its root. */
export const SERVERS_DIR = `${CACHE_DIR}/servers`;

/** What a server notes of itself. */
export interface ServerRecord {
  pid: number;
  /** The folder it serves (where its calls run), absolute. */
  cwd: string;
  /** Its socket (a named pipe on Windows). */
  address: string;
  /** When it started, as an ISO date. */
  started: string;
}

/** Notes the server of `key` in the project at `root`. */
export function registerServer(root: string, key: string, record: ServerRecord): void {
  const folder = path.join(root, SERVERS_DIR);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, `${key}.json`), `${JSON.stringify(record)}\n`);
}

/** Removes the note of the server of `key`, when it is still that server's (`pid`). */
export function unregisterServer(root: string, key: string, pid: number): void {
  const file = path.join(root, SERVERS_DIR, `${key}.json`);
  if (readRecord(file)?.pid === pid) rmSync(file, { force: true });
}

/** Every server the project at `root` has noted, with the file of each note. */
export function registeredServers(root: string): { file: string; record: ServerRecord }[] {
  const folder = path.join(root, SERVERS_DIR);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(folder, name);
    const record = readRecord(file);
    return record ? [{ file, record }] : [];
  });
}

function readRecord(file: string): ServerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as Partial<ServerRecord>;
    const valid = typeof record.pid === "number" && typeof record.cwd === "string" && typeof record.address === "string" && typeof record.started === "string";
    return valid ? (record as ServerRecord) : undefined;
  } catch {
    return undefined;
  }
}
