import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Io } from "./io.js";

/**
 * The same world, but nothing in the project is written: sources compile into a temporary folder
 * outside it, the validation cache is read and never saved, and a write or a removal is a bug.
 * `gen --dry-run` runs on one; `dispose` removes the temporary folder.
 */
export async function createReadOnlyIo(io: Io): Promise<{ io: Io; dispose(): Promise<void> }> {
  let scratch: string | undefined;
  // the folder is named like the project's cache, so a compiled source's stack frames are recognised as a source's
  const cacheDirOf = async (name: string) => path.join((scratch ??= await mkdtemp(path.join(tmpdir(), "trunkline-dry-run-"))), ".trunkline", "cache", name);
  const refuse = (what: string) => async (file: string) => {
    throw new Error(`a dry run tried to ${what} ${file}`);
  };
  const readOnly: Io = {
    ...io,
    withRoot: (root) => ({ ...io.withRoot(root), writeAtomic: refuse("write"), remove: refuse("remove") }),
    writeAtomic: refuse("write"),
    remove: refuse("remove"),
    loadModules: async (files, cacheName, options = {}) => io.loadModules(files, cacheName, { ...options, cacheDir: options.cacheDir ?? (await cacheDirOf(cacheName)) }),
    async openValidationCache() {
      const cache = await io.openValidationCache();
      return cache && Object.assign(Object.create(cache) as typeof cache, { save: async () => {} });
    },
  };
  return {
    io: readOnly,
    async dispose() {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    },
  };
}
