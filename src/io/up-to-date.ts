// The up-to-date record: what a `gen` or `check` that found nothing to do read (each file's size
// and mtime, each listed folder's mtime) and printed. When every one of them is still the same, the
// same command would print the same thing and change nothing, so the process replays it and exits
// without loading the compiler. Only Node's own modules here: this file is bundled on its own and
// read on every `gen` and `check`.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where the records live, one per command; inside the compile cache, which git ignores. */
export const UP_TO_DATE_DIR = ".trunkline/cache/up-to-date";
// Bump when the record's shape or meaning changes: an old record is then never trusted.
const RECORD_FORMAT = 1;

/** The commands whose run can be replayed: those that take no paths and change nothing when in sync. */
export const REPLAYABLE = ["gen", "check"] as const;

// Set by the shell to the last command, the previous folder and the nesting depth: they differ
// between `npm run gen` and `npx trunkline gen` in the same terminal, and no source has a use for them.
const SHELL_BOOKKEEPING = new Set(["_", "OLDPWD", "SHLVL"]);

/** What a run depends on beyond the files it read: how it was called, by which build, where. */
export interface RunContext {
  argv: readonly string[];
  cwd: string;
  /** Identifies the build of trunkline (its bundle's size and mtime); no record without one. */
  build: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout and stderr are terminals: output may differ (colour). */
  terminals: readonly [boolean, boolean];
}

/** A file's size and mtime, or null when it does not exist. */
export type FileStamp = [number, number] | null;

/** One replayable run. */
export interface UpToDateRecord {
  format: number;
  key: string;
  root: string;
  files: Record<string, FileStamp>;
  /** Folder → mtime (null: absent): an entry added, removed or renamed in it changes it. */
  folders: Record<string, number | null>;
  stdout: string;
  stderr: string;
}

/** The command a run of `argv` is, when it is one that can be replayed. */
export function replayableCommand(argv: readonly string[]): (typeof REPLAYABLE)[number] | undefined {
  return argv.length === 1 ? REPLAYABLE.find((command) => command === argv[0]) : undefined;
}

/**
 * Everything about the call that must be the same for a replay: arguments, folder, build, Node,
 * terminals, and the whole environment (a source may read any variable), hashed so no value is
 * written to disk.
 */
export function contextKey(context: RunContext): string {
  const env = keyedEnvironment(context.env);
  const hash = createHash("sha256").update(JSON.stringify([RECORD_FORMAT, context.argv, context.cwd, context.build, process.version, context.terminals, env])).digest("hex");
  return hash;
}

/**
 * The variables a run's key covers, sorted by name: all that are set, but the shell's bookkeeping
 * and the names in `leftOut`.
 */
export function keyedEnvironment(env: Readonly<Record<string, string | undefined>>, leftOut: readonly string[] = []): [string, string][] {
  return (Object.entries(env).filter(([name, value]) => value !== undefined && !SHELL_BOOKKEEPING.has(name) && !leftOut.includes(name)) as [string, string][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The size and mtime of a file now, null when it is absent (or is not a file). */
export function stampOf(file: string): FileStamp {
  const info = statSync(file, { throwIfNoEntry: false });
  return info?.isFile() ? [info.size, info.mtimeMs] : null;
}

/** A folder's mtime now, null when it is absent. */
export function folderStampOf(folder: string): number | null {
  const info = statSync(folder, { throwIfNoEntry: false });
  return info?.isDirectory() ? info.mtimeMs : null;
}

/** The record file of `command` in the project at `root`. */
export function recordFile(root: string, command: string): string {
  return path.join(root, UP_TO_DATE_DIR, `${command}.json`);
}

/**
 * The output to replay when the run `context` describes was recorded and nothing it read has
 * changed since; undefined on any doubt (no record, another call, a changed file or folder).
 * The record is looked for in `context.cwd` and the folders above it, as the project is.
 */
export function findReplay(context: RunContext): { stdout: string; stderr: string } | undefined {
  const command = replayableCommand(context.argv);
  if (!command || context.build === undefined) return undefined;
  let key: string | undefined;
  for (let folder = context.cwd; ; folder = path.dirname(folder)) {
    const record = readRecord(recordFile(folder, command));
    if (record) {
      key ??= contextKey(context);
      return record.key === key && record.root === folder && isUnchanged(record) ? { stdout: record.stdout, stderr: record.stderr } : undefined;
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}

function readRecord(file: string): UpToDateRecord | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const record = JSON.parse(text) as UpToDateRecord;
    return record?.format === RECORD_FORMAT ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every file and folder the record names is exactly as recorded. */
export function isUnchanged(record: Pick<UpToDateRecord, "files" | "folders">): boolean {
  for (const [file, stamp] of Object.entries(record.files)) {
    const now = stampOf(file);
    if (now === null || stamp === null ? now !== stamp : now[0] !== stamp[0] || now[1] !== stamp[1]) return false;
  }
  for (const [folder, stamp] of Object.entries(record.folders)) if (folderStampOf(folder) !== stamp) return false;
  return true;
}

/** Writes the record of `command` (see {@link findReplay}). */
export function writeRecord(root: string, command: string, record: Omit<UpToDateRecord, "format" | "root">): void {
  const file = recordFile(root, command);
  // created here when no source was ever compiled: the cache folder ignores itself in git
  if (mkdirSync(path.dirname(file), { recursive: true }) !== undefined && stampOf(path.join(root, ".trunkline/cache/.gitignore")) === null) {
    writeFileSync(path.join(root, ".trunkline/cache/.gitignore"), "*\n");
  }
  writeFileSync(file, JSON.stringify({ format: RECORD_FORMAT, root, ...record }));
}

/** Drops the record of `command`: the next run does the whole work. */
export function dropRecord(root: string, command: string): void {
  rmSync(recordFile(root, command), { force: true });
}
