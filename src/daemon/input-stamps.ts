// What the background server's memory was built from, stamped when it was read, so that before each
// call the server forgets exactly what changed since: no file event has to arrive in time for that.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { Io } from "../io/io.js";
import { compiledInputsOf } from "../load/load-modules.js";
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
    for (const [module, reads] of this.reads) {
      if (!reads.untrackable && [...reads.stamps].every(([file, stamp]) => stampOf(file, stamp) === stamp)) continue;
      this.reads.delete(module);
      inputs.add(module);
    }
    for (const input of inputs) changed.add(input);
    if (inputs.size) memory.forgetModules(inputs);
    return [...changed].sort();
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
        const reads: ModuleReads = { stamps: new Map(), untrackable: false };
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
        for (const file of built) {
          for (const input of loaded.inputs!.get(file)!) {
            if (input.startsWith("..") || path.isAbsolute(input)) continue;
            const seen = compiled?.inputs[input];
            this.inputs.set(input, seen ? `f${seen[0]}:${seen[1]}` : stampOf(this.absolute(input)));
            const folder = path.posix.dirname(input);
            if (!this.folders.has(folder)) this.folders.set(folder, stampOf(this.absolute(folder), undefined, true));
          }
          // what the batch read is blamed on each of its modules: a change reloads all of them
          this.reads.set(file, reads);
        }
        return loaded;
      },
    };
  }

  private absolute(file: string): string {
    return path.resolve(this.root, file);
  }
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
