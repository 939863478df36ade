// What the background server's memory was built from, stamped when it was read, so that before each
// call the server forgets exactly what changed since: no file event has to arrive in time for that.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import type { Io } from "../io/io.js";
import { CACHE_DIR, type LoadOptions, type LoadedModules, compiledInputsOf, compiledPath } from "../load/load-modules.js";
import { listenToSourceReads } from "../load/source-reads.js";
import type { WatchMemory } from "../watch/watch-memory.js";

// A file modified this recently may be modified again within its mtime's resolution without its
// size changing: its content is hashed as well.
const RACY_MS = 2_000;

/** A file's size and mtime (and hash when racy), a folder's names, or absence, as one string. */
type Stamp = string;

/** What a module read while it was imported (data files, folders it listed), besides its own inputs. */
interface ModuleReads {
  stamps: Map<string, Stamp>;
  /** Whether it did something that cannot be checked again (the clock, a program, the network). */
  untrackable: boolean;
  /** How many modules were imported together, so share the blame. */
  modules: number;
  /** Their compile cache, when it is the project's (see {@link compiledPath}). */
  cacheName: string | undefined;
}

/**
 * The stamps of every input of a {@link WatchMemory}: the files it read through the Io (the
 * config, the lockfile, outputs, the manifest), the files each remembered module was compiled from
 * and the folders they sit in (a new file there may change what an import resolves to), and what
 * each module read for itself while it was imported.
 */
export class InputStamps {
  private readonly texts = new Map<string, Stamp>();
  private readonly inputs = new Map<string, Stamp>();
  private readonly folders = new Map<string, Stamp>();
  private readonly reads = new Map<string, ModuleReads>();
  // The files of the packages the sources import: Node keeps an imported package for the life of
  // the process, so a change to one is a reason to end the server, not something to forget.
  private readonly packages = new Map<string, Stamp>();
  // Modules forgotten for what they (or the batch they were imported with) read: imported one by
  // one next time, so that each answers for its own reads and the others stay remembered.
  private readonly suspects = new Set<string>();

  constructor(private readonly root: string) {}

  /**
   * Compares every stamp with the disk and tells `memory` what changed: a changed text is
   * forgotten, and so is every module one of whose inputs, folders or reads changed, and every
   * module whose import did something untrackable (it runs again on every call, as in a new process).
   * Returns the repo-relative files and folders that changed.
   */
  forgetChanged(memory: WatchMemory): string[] {
    const changed = new Set<string>();
    for (const [file, stamp] of this.texts) {
      if (stampOf(this.absolute(file), stamp) === stamp) continue;
      this.texts.delete(file);
      memory.fileChanged(file);
      changed.add(file);
    }
    const inputs = new Set<string>();
    for (const [input, stamp] of this.inputs) {
      if (stampOf(this.absolute(input), stamp) === stamp) continue;
      this.inputs.delete(input);
      inputs.add(input);
    }
    for (const [folder, stamp] of this.folders) {
      if (stampOf(this.absolute(folder), stamp) === stamp) continue;
      this.folders.delete(folder);
      // the modules with an input in it are forgotten (each module's own file is one of its inputs)
      for (const input of this.inputs.keys()) if (path.posix.dirname(input) === folder) inputs.add(input);
      changed.add(folder);
    }
    const unchanged = new Map<ModuleReads, boolean>();
    for (const [module, reads] of this.reads) {
      if (!unchanged.has(reads)) unchanged.set(reads, !reads.untrackable && [...reads.stamps].every(([file, stamp]) => stampOf(file, stamp) === stamp));
      if (unchanged.get(reads)) continue;
      this.reads.delete(module);
      inputs.add(module);
      this.suspects.add(module);
      // Node keeps a module imported under the same URL, and the URL is the build's mtime: a module
      // whose build did not change is evaluated again only once its mtime moves on
      if (reads.cacheName !== undefined) touch(compiledPath(path.join(this.root, CACHE_DIR, reads.cacheName), module));
    }
    for (const input of inputs) changed.add(input);
    if (inputs.size) memory.forgetModules(inputs);
    return [...changed].sort();
  }

  /** A package file the sources import that changed since it was loaded, if any. */
  changedPackage(): string | undefined {
    for (const [file, stamp] of this.packages) if (stampOf(file, stamp) !== stamp) return file;
    return undefined;
  }

  /** `io` with every text it reads and every module it loads stamped (to be wrapped by the memory). */
  track(io: Io): Io {
    return {
      ...io,
      readText: async (file) => {
        // stamped before it is read: an edit while reading shows as a change on the next call
        const before = path.isAbsolute(file) ? undefined : stampOf(this.absolute(file));
        const text = await io.readText(file);
        if (before !== undefined) this.texts.set(file, racy(before) && text !== undefined ? `${before}:${hashOf(text)}` : before);
        return text;
      },
      writeAtomic: async (file, text) => {
        this.texts.delete(file);
        await io.writeAtomic(file, text);
      },
      remove: async (file) => {
        this.texts.delete(file);
        await io.remove(file);
      },
      loadModules: async (files, cacheName, options) => {
        const alone = files.length > 1 ? files.filter((file) => this.suspects.has(file)) : [];
        if (alone.length === 0) return this.loadBatch(io, files, cacheName, options);
        const rest = files.filter((file) => !this.suspects.has(file));
        const parts: LoadedModules[] = [];
        for (const batch of [...alone.map((file) => [file]), ...(rest.length ? [rest] : [])]) parts.push(await this.loadBatch(io, batch, cacheName, options));
        for (const file of alone) this.suspects.delete(file);
        return mergeLoaded(parts);
      },
    };
  }

  // Loads `files` together, stamping their inputs and what they read while imported.
  private async loadBatch(io: Io, files: readonly string[], cacheName: string, options: LoadOptions | undefined): Promise<LoadedModules> {
    const reads: ModuleReads = { stamps: new Map(), untrackable: false, modules: files.length, cacheName: options?.cacheDir === undefined ? cacheName : undefined };
    const note = (entry: string) => {
      if (!reads.stamps.has(entry)) reads.stamps.set(entry, stampOf(entry));
    };
    listenToSourceReads({ file: note, folder: note, entry: note, untrackable: () => (reads.untrackable = true) });
    let loaded;
    try {
      loaded = await io.loadModules(files, cacheName, options);
    } finally {
      listenToSourceReads(undefined);
    }
    const built = [...loaded.modules.keys()].filter((file) => loaded.inputs?.has(file));
    // the stamps the compile saw: an input edited while it compiled shows as a change next time
    const compiled = options?.cacheDir === undefined ? await compiledInputsOf(this.root, built, cacheName) : undefined;
    for (const file of compiled?.packages ?? []) if (!this.packages.has(file)) this.packages.set(file, stampOf(file));
    for (const file of built) {
      // helpers outside the project too: an edit there changes the output as much as one inside
      for (const input of loaded.inputs!.get(file)!) {
        const seen = compiled?.inputs[input];
        this.inputs.set(input, seen ? `f${seen[0]}:${seen[1]}` : stampOf(this.absolute(input)));
        const folder = path.posix.dirname(input);
        if (!this.folders.has(folder)) this.folders.set(folder, stampOf(this.absolute(folder), undefined, true));
      }
      // what the batch read is blamed on each of its modules: a change reloads all of them
      this.reads.set(file, reads);
    }
    return loaded;
  }

  private absolute(file: string): string {
    return path.resolve(this.root, file);
  }
}

// Moves a file's mtime on (by a millisecond at least); a file that went is left to the load to report.
function touch(file: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return;
  const at = new Date(Math.max(Date.now(), Math.floor(info.mtimeMs) + 1));
  utimesSync(file, at, at);
}

// Batches loaded one after the other, as one.
function mergeLoaded(parts: readonly LoadedModules[]): LoadedModules {
  const modules = new Map<string, Record<string, unknown>>();
  const inputs = new Map<string, string[]>();
  const importCycles = new Map<string, string[][]>();
  for (const part of parts) {
    for (const [file, exports] of part.modules) modules.set(file, exports);
    for (const [file, read] of part.inputs ?? []) inputs.set(file, read);
    for (const [file, cycles] of part.importCycles ?? []) importCycles.set(file, cycles);
  }
  return { modules, diagnostics: parts.flatMap((part) => part.diagnostics), inputs, ...(importCycles.size ? { importCycles } : {}) };
}

// What an import can resolve to in a folder: modules, JSON and sub-folders; not an editor's swap
// or backup files, which come and go with every save.
const RESOLVABLE = /\.(?:[cm]?[jt]sx?|json)$/;

// `f<size>:<mtime>` (with `:<hash>` when the last stamp had one), `-` when absent, and for a folder
// `d<hash of its names>`, or with `resolvable` (kept by the stamp: `r…`) of those an import can resolve to.
function stampOf(file: string, previous?: Stamp, resolvable = previous?.startsWith("r") ?? false): Stamp {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return "-";
  if (info.isDirectory()) {
    const entries = readdirSync(file, { withFileTypes: true }).filter((entry) => !resolvable || entry.isDirectory() || RESOLVABLE.test(entry.name));
    return `${resolvable ? "r" : "d"}${hashOf(entries.map((entry) => entry.name).sort().join("/"))}`;
  }
  const stamp = `f${info.size}:${info.mtimeMs}`;
  if (previous?.startsWith(`${stamp}:`)) {
    try {
      return `${stamp}:${hashOf(readFileSync(file, "utf8"))}`;
    } catch {
      return "-";
    }
  }
  return stamp;
}

function racy(stamp: Stamp): boolean {
  const mtime = Number(stamp.slice(stamp.indexOf(":") + 1));
  return stamp.startsWith("f") && Date.now() - mtime < RACY_MS;
}

function hashOf(text: string): string {
  return createHash("sha1").update(text).digest("base64");
}
