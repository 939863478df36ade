import path from "node:path";
import type { CompileMemo } from "../compile.js";
import type { Io } from "../io/io.js";
import { HashMemo } from "../sync/hash-memo.js";
import type { BuildContexts, LoadOptions, LoadedModules } from "../load/load-modules.js";

interface RememberedModule {
  exports: Record<string, unknown>;
  /** Every file its bundle read, itself included (repo-relative). */
  inputs: readonly string[];
  importCycles?: string[][];
}

interface RememberedText {
  text: string | undefined;
  /** Whether its folder was watched when it was read: only then does an event tell that it changed. */
  watched: boolean;
}

type Cache = NonNullable<Awaited<ReturnType<Io["openValidationCache"]>>>;

// esbuild contexts kept for the sources saved most recently: the edit loop saves the same few files
// again and again. A batch of more sources (the first pass) is built once, without a context.
const KEPT_BUILDS = 4;
const MOST_SOURCES_PER_BUILD = 16;

/** What one pass wrote and removed, and what the command printed, kept apart from the terminal. */
export interface PassRecord {
  written: string[];
  removed: string[];
  stdout: string;
  stderr: string;
}

/**
 * The state a watch keeps between passes, so that a save costs only what it affects:
 * - every module that loaded, with the files its bundle read (esbuild's metafile): a module is
 *   compiled and imported again only when one of those files changed;
 * - the text of every file a pass read (outputs, manifest, lockfile) in a watched folder, until an
 *   event in that folder says it changed;
 * - the emit and validation cache, in memory, written back to disk when the watch stops.
 */
export class WatchMemory {
  /** Normalized sources and emitted YAML by the very objects a remembered module exports. */
  readonly compileMemo: CompileMemo = { normalized: new WeakMap(), emitted: new WeakMap(), hashes: new HashMemo() };
  private readonly modules = new Map<string, RememberedModule>();
  private readonly texts = new Map<string, RememberedText>();
  private cache: Promise<Cache | undefined> | undefined;
  private readonly cacheAdded = new Map<string, string>();
  private readonly builds: BuildContexts = new Map();

  /** `sees(folder)`: whether a change in that folder (repo-relative) is reported to {@link fileChanged}. */
  constructor(private readonly sees: (folder: string) => boolean) {}

  /** A file (repo-relative) changed, appeared or went: forget its text. */
  fileChanged(file: string): void {
    this.texts.delete(file);
  }

  /** Forgets every module that read one of `changed` (repo-relative paths), so the next pass loads it again. */
  forgetModules(changed: ReadonlySet<string>): void {
    for (const [key, entry] of this.modules) if (entry.inputs.some((input) => changed.has(input))) this.modules.delete(key);
  }

  /** The project files the remembered modules were built from, outside node_modules: what to watch. */
  inputFiles(): Set<string> {
    const files = new Set<string>();
    for (const entry of this.modules.values()) for (const input of entry.inputs) if (!input.split("/").includes("node_modules") && !input.startsWith("..")) files.add(input);
    return files;
  }

  /** The folders of the files passes read: watched so that their remembered texts stay true. */
  textFolders(): Set<string> {
    return new Set([...this.texts.keys()].map(folderOf));
  }

  /** Writes the emit and validation cache to disk and ends the kept builds (when the watch stops). */
  async save(): Promise<void> {
    await (await this.cache)?.save();
    await Promise.all([...this.builds.keys()].map((key) => this.dropBuild(key)));
  }

  private async dropBuild(key: string): Promise<void> {
    const context = this.builds.get(key);
    this.builds.delete(key);
    await (await context?.catch(() => undefined))?.dispose();
  }

  /** `io` as one pass sees it: remembered modules and texts, writes and printed output recorded in `record`. */
  passIo(io: Io, record: PassRecord): Io {
    return {
      ...io,
      loadModules: (files, cacheName, options) => this.load(io, files, cacheName, options),
      readText: async (file) => {
        const relative = path.isAbsolute(file) ? undefined : file;
        const remembered = relative === undefined ? undefined : this.texts.get(relative);
        if (remembered?.watched) return remembered.text;
        const watched = relative !== undefined && this.sees(folderOf(relative));
        const text = await io.readText(file);
        if (relative !== undefined) this.texts.set(relative, { text, watched });
        return text;
      },
      openValidationCache: () => this.passCache(io),
      writeAtomic: async (file, text) => {
        this.texts.delete(file);
        await io.writeAtomic(file, text);
        record.written.push(file);
      },
      remove: async (file) => {
        this.texts.delete(file);
        await io.remove(file);
        record.removed.push(file);
      },
      stdout: (text) => void (record.stdout += text),
      stderr: (text) => void (record.stderr += text),
    };
  }

  // The disk cache opened once; what passes add is kept in memory, and each pass's save is a no-op.
  private async passCache(io: Io): Promise<Awaited<ReturnType<Io["openValidationCache"]>>> {
    this.cache ??= io.openValidationCache();
    const disk = await this.cache;
    if (!disk) return undefined;
    const added = this.cacheAdded;
    return {
      has: (key) => added.has(key) || disk.has(key),
      get: (key) => added.get(key) ?? disk.get(key),
      add: (key) => {
        added.set(key, "");
        disk.add(key);
      },
      set: (key, text) => {
        added.set(key, text);
        disk.set(key, text);
      },
      save: async () => undefined,
    };
  }

  private async load(io: Io, files: readonly string[], cacheName: string, options?: LoadOptions): Promise<LoadedModules> {
    const keyOf = (file: string) => `${cacheName}\0${file}`;
    const missing = files.filter((file) => !this.modules.has(keyOf(file)));
    const builds = missing.length <= MOST_SOURCES_PER_BUILD ? this.builds : undefined;
    const loaded = missing.length ? await io.loadModules(missing, cacheName, { ...options, ...(builds ? { builds } : {}) }) : { modules: new Map<string, Record<string, unknown>>(), diagnostics: [] };
    while (this.builds.size > KEPT_BUILDS) await this.dropBuild(this.builds.keys().next().value!);
    // A module is remembered only when it loaded without a word against it: a failed one is tried again next pass.
    const blamed = new Set(loaded.diagnostics.map((diagnostic) => diagnostic.file));
    for (const [file, exports] of loaded.modules) {
      const inputs = loaded.inputs?.get(file);
      if (inputs && !blamed.has(file)) this.modules.set(keyOf(file), { exports, inputs, importCycles: loaded.importCycles?.get(file) });
    }
    const modules = new Map<string, Record<string, unknown>>();
    const importCycles = new Map<string, string[][]>();
    for (const file of files) {
      const remembered = this.modules.get(keyOf(file));
      const exports = loaded.modules.get(file) ?? remembered?.exports;
      if (exports) modules.set(file, exports);
      const cycles = loaded.importCycles?.get(file) ?? remembered?.importCycles;
      if (cycles?.length) importCycles.set(file, cycles);
    }
    return { modules, diagnostics: loaded.diagnostics, ...(importCycles.size ? { importCycles } : {}) };
  }
}

function folderOf(file: string): string {
  return file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "";
}
