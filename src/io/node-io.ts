import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadModules } from "../load/load-modules.js";
import { loadTimeoutOf } from "../load/load-timeout.js";
import { takeSourceFaultDiagnostics } from "../load/source-faults.js";
import { glob } from "./glob.js";
import { openValidationCache } from "./validation-cache.js";
import type { Io } from "./io.js";

/** The real {@link Io}: the file system under `root`, and the process's streams. */
export function createNodeIo(root: string, streams: { stdout: (text: string) => void; stderr: (text: string) => void }, env: Record<string, string | undefined>, options: { validatorFingerprint?: string } = {}): Io {
  const absolute = (file: string) => path.join(root, file);
  return {
    root,
    env,
    async readText(file) {
      try {
        return await readFile(absolute(file), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async listFiles(folder, extensions) {
      const entries = await readdir(absolute(folder), { withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
        .map((entry) => `${folder}/${entry.name}`)
        .sort();
    },
    async listFolders(folder) {
      const entries = await readdir(absolute(folder), { withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    },
    glob: (patterns) => glob(root, patterns),
    async writeAtomic(file, text) {
      const target = absolute(file);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
      await writeFile(temporary, text);
      try {
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async remove(file) {
      await rm(absolute(file), { force: true });
    },
    loadModules: (files, cacheName, loadOptions = {}) => loadModules(root, files, cacheName, { ...loadOptions, timeoutSeconds: loadOptions.timeoutSeconds ?? loadTimeoutOf(env) }),
    takeSourceFaults: takeSourceFaultDiagnostics,
    openValidationCache: async () => (options.validatorFingerprint ? openValidationCache(root, options.validatorFingerprint) : undefined),
    stdout: streams.stdout,
    stderr: streams.stderr,
  };
}
