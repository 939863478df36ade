// What the sources read at run time beside their own files: a source may read a data file, list a
// folder, spawn a program or ask the network, and its output then depends on that too. While
// sources are evaluated, `node:fs` (sync, callback and promise forms), `child_process`, `net`,
// `http(s)`, `fetch`, workers and the clock are wrapped, so that a run can be replayed only when all it
// depended on can be checked again. Installed only when someone listens (the CLI's own process).
import fs from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Who is told what the sources read while they are evaluated. */
export interface SourceReadListener {
  /** A file was read or opened for reading (absolute). */
  file(file: string): void;
  /** A folder was listed or opened (absolute). */
  folder(folder: string): void;
  /** A path was stat'ed or tested for existence: a file, a folder, or nothing (absolute). */
  entry(entry: string): void;
  /** Something whose result cannot be checked again, e.g. `child_process.spawn` or `Date.now()`. */
  untrackable(what: string): void;
}

let listener: SourceReadListener | undefined;
let evaluating = 0;
// set while a listener runs: its own stats are not the sources'
let inside = false;
let restore: (() => void) | undefined;

/** Sets (or with undefined, removes) the one listener; none by default, and nothing is wrapped then. */
export function listenToSourceReads(next: SourceReadListener | undefined): void {
  listener = next;
}

/**
 * Marks the start of the sources' evaluation (their imports and top-level awaits); returns the
 * end. Nested calls share one set of wrappers, removed when the last ends.
 */
export function evaluatingSources(): () => void {
  if (!listener) return () => undefined;
  if (evaluating++ === 0) restore = install();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    if (--evaluating === 0) {
      restore?.();
      restore = undefined;
    }
  };
}

// Trunkline's own working files (compiled sources, temporary files) are not what a source depends on.
const OWN_FILES = /[\\/]\.trunkline[\\/](cache|tmp)([\\/]|$)/;

function tell(kind: "file" | "folder" | "entry", target: unknown): void {
  if (inside || !listener) return;
  const file = pathOf(target);
  // a descriptor or handle: the open that made it was told
  if (file === undefined || OWN_FILES.test(file)) return;
  inside = true;
  try {
    listener[kind](file);
  } finally {
    inside = false;
  }
}

function untrackable(what: string): void {
  if (!inside) listener?.untrackable(what);
}

// A path as fs takes it (string, Buffer, file URL), absolute; undefined for a file descriptor.
function pathOf(target: unknown): string | undefined {
  if (typeof target === "string") return path.resolve(target);
  if (Buffer.isBuffer(target)) return path.resolve(target.toString());
  if (target instanceof URL) return target.protocol === "file:" ? fileURLToPath(target) : undefined;
  return undefined;
}

// Opening for reading only: a source that appends to a log is not reading it.
function isReadOnly(flags: unknown): boolean {
  if (flags === undefined || flags === null) return true;
  if (typeof flags === "number") return (flags & (fs.constants.O_WRONLY | fs.constants.O_RDWR)) === 0;
  return typeof flags === "string" && /^r(s)?$/.test(flags);
}

type AnyFunction = (...args: never[]) => unknown;

function install(): () => void {
  const undo: (() => void)[] = [];
  const wrap = <T extends object>(owner: T, name: string, before: (args: unknown[]) => void) => {
    const original = (owner as Record<string, unknown>)[name] as AnyFunction | undefined;
    if (typeof original !== "function") return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      before(args);
      return new.target ? Reflect.construct(original, args, new.target) : Reflect.apply(original, this, args);
    };
    Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
    (owner as Record<string, unknown>)[name] = wrapped;
    undo.push(() => ((owner as Record<string, unknown>)[name] = original));
  };
  const folder = (args: unknown[]) => tell("folder", args[0]);
  const entry = (args: unknown[]) => tell("entry", args[0]);
  const open = (args: unknown[]) => {
    if (isReadOnly(args[1])) tell("entry", args[0]);
  };
  const readFile = (args: unknown[]) => {
    const options = args[1];
    const flag = typeof options === "object" && options !== null ? (options as { flag?: unknown }).flag : undefined;
    if (isReadOnly(flag)) tell("file", args[0]);
  };
  const stream = (args: unknown[]) => {
    const options = args[1];
    if (typeof options === "object" && options !== null && (options as { fd?: unknown }).fd !== undefined) return;
    tell("file", args[0]);
  };
  for (const [owner, suffix] of [[fs, "Sync"], [fs, ""], [fs.promises, ""]] as const) {
    wrap(owner, `readFile${suffix}`, readFile);
    for (const name of ["readdir", "opendir"]) wrap(owner, `${name}${suffix}`, folder);
    for (const name of ["stat", "lstat", "access", "exists", "realpath", "readlink", "statfs"]) wrap(owner, `${name}${suffix}`, entry);
    wrap(owner, `open${suffix}`, open);
  }
  wrap(fs, "createReadStream", stream);
  wrap(fs.realpathSync, "native", entry);
  wrap(fs.realpath, "native", entry);

  const not = (what: string) => () => untrackable(what);
  // Loading these costs a run tens of milliseconds: only those already loaded are wrapped, and a
  // source that loads another while it is evaluated is not replayed (see the end below).
  const loadedBefore = loadedBuiltins();
  const unwrapped: string[] = [];
  for (const [name, calls] of Object.entries(UNTRACKABLE_CALLS)) {
    if (loadedBefore && !loadedBefore.has(name)) {
      unwrapped.push(name);
      continue;
    }
    const owner = require(`node:${name}`) as object;
    for (const call of calls) wrap(owner, call, not(`${name}.${call}()`));
  }
  wrap(globalThis, "fetch", not("fetch()"));
  wrap(Math, "random", not("Math.random()"));
  wrap(Date, "now", not("Date.now()"));
  // `new Date()` and `Date()` read the clock; `new Date(value)` does not
  const RealDate = globalThis.Date;
  const ClockDate = function (this: unknown, ...args: unknown[]) {
    if (!new.target || args.length === 0) untrackable("new Date()");
    return new.target ? Reflect.construct(RealDate, args, new.target === ClockDate ? RealDate : new.target) : RealDate();
  } as unknown as DateConstructor;
  Object.defineProperties(ClockDate, Object.getOwnPropertyDescriptors(RealDate));
  globalThis.Date = ClockDate;
  undo.push(() => (globalThis.Date = RealDate));

  // named imports (`import { readFileSync } from "node:fs"`) see the wrappers too
  syncBuiltinESMExports();
  return () => {
    for (const step of undo.reverse()) step();
    syncBuiltinESMExports();
    const loadedAfter = loadedBuiltins();
    for (const name of unwrapped) if (loadedAfter?.has(name)) untrackable(`import of node:${name}`);
  };
}

const require = createRequire(import.meta.url);

// The calls whose result cannot be checked again, per module: a program started, the network
// reached, or a worker (its reads happen in another thread, where nothing is wrapped).
const UNTRACKABLE_CALLS: Record<string, string[]> = {
  child_process: ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"],
  net: ["connect", "createConnection"],
  tls: ["connect"],
  http: ["request", "get"],
  https: ["request", "get"],
  http2: ["connect"],
  dgram: ["createSocket"],
  worker_threads: ["Worker"],
};

// Node's own modules loaded so far (by anyone); undefined when Node does not say.
function loadedBuiltins(): Set<string> | undefined {
  const list = (process as { moduleLoadList?: unknown }).moduleLoadList;
  if (!Array.isArray(list)) return undefined;
  return new Set(list.flatMap((entry) => (typeof entry === "string" && entry.startsWith("NativeModule ") ? [entry.slice("NativeModule ".length)] : [])));
}
