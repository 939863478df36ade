import type { Io } from "../io/io.js";
import type { LoadOptions, LoadedModules } from "../load/load-modules.js";

interface Remembered {
  exports: Record<string, unknown>;
  /** Every file its bundle read, itself included (repo-relative). */
  inputs: readonly string[];
  importCycles?: string[][];
}

/** What one pass wrote and removed, and what the command printed, kept apart from the terminal. */
export interface PassRecord {
  written: string[];
  removed: string[];
  stdout: string;
  stderr: string;
}

/**
 * The compiled state a watch keeps between passes: every module that loaded, with the files its
 * bundle read. A pass sees an {@link Io} that hands back a remembered module unless one of those
 * files changed since, so a save compiles and imports only the sources it affects.
 */
export class ModuleMemory {
  private readonly remembered = new Map<string, Remembered>();

  /** Forgets every module that read one of `changed` (repo-relative paths), so the next pass loads it again. */
  forget(changed: ReadonlySet<string>): void {
    for (const [key, entry] of this.remembered) if (entry.inputs.some((input) => changed.has(input))) this.remembered.delete(key);
  }

  /** The project files the remembered modules were built from, outside node_modules: what to watch. */
  inputFiles(): Set<string> {
    const files = new Set<string>();
    for (const entry of this.remembered.values()) for (const input of entry.inputs) if (!input.split("/").includes("node_modules") && !input.startsWith("..")) files.add(input);
    return files;
  }

  /** `io` as one pass sees it: modules from memory where nothing they read changed; writes and output recorded in `record`. */
  passIo(io: Io, record: PassRecord): Io {
    return {
      ...io,
      loadModules: (files, cacheName, options) => this.load(io, files, cacheName, options),
      async writeAtomic(file, text) {
        await io.writeAtomic(file, text);
        record.written.push(file);
      },
      async remove(file) {
        await io.remove(file);
        record.removed.push(file);
      },
      stdout: (text) => void (record.stdout += text),
      stderr: (text) => void (record.stderr += text),
    };
  }

  private async load(io: Io, files: readonly string[], cacheName: string, options?: LoadOptions): Promise<LoadedModules> {
    const keyOf = (file: string) => `${cacheName}\0${file}`;
    const missing = files.filter((file) => !this.remembered.has(keyOf(file)));
    const loaded = missing.length ? await io.loadModules(missing, cacheName, options) : { modules: new Map<string, Record<string, unknown>>(), diagnostics: [] };
    // A module is remembered only when it loaded without a word against it: a failed one is tried again next pass.
    const blamed = new Set(loaded.diagnostics.map((diagnostic) => diagnostic.file));
    for (const [file, exports] of loaded.modules) {
      const inputs = loaded.inputs?.get(file);
      if (inputs && !blamed.has(file)) this.remembered.set(keyOf(file), { exports, inputs, importCycles: loaded.importCycles?.get(file) });
    }
    const modules = new Map<string, Record<string, unknown>>();
    const importCycles = new Map<string, string[][]>();
    for (const file of files) {
      const remembered = this.remembered.get(keyOf(file));
      const exports = loaded.modules.get(file) ?? remembered?.exports;
      if (exports) modules.set(file, exports);
      const cycles = loaded.importCycles?.get(file) ?? remembered?.importCycles;
      if (cycles?.length) importCycles.set(file, cycles);
    }
    return { modules, diagnostics: loaded.diagnostics, ...(importCycles.size ? { importCycles } : {}) };
  }
}
