import { readFileSync } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { PLAIN_COPIES_ENV, loadModules } from "../load/load-modules.js";
import { loadTimeoutOf } from "../load/load-timeout.js";
import { takeSourceFaultDiagnostics } from "../load/source-faults.js";
import { glob } from "./glob.js";
import { TEMPORARY_DIR, besideTargetName, isLeftoverOf, isProcessRunning, temporaryName, writerOf } from "./temporary-files.js";
import { openValidationCache } from "./validation-cache.js";
import type { Io } from "./io.js";
import { isInsideProject } from "./project-path.js";

/** Options of {@link createNodeIo}. */
export interface NodeIoOptions {
  /** Identifies the build of the validators, for the validation cache; no cache without it. */
  validatorFingerprint?: string;
  /** The folder user-given paths are relative to; the root by default. */
  cwd?: string;
  /** Which of the streams is a terminal; none by default. */
  terminal?: { stdout: boolean; stderr: boolean; stdin?: boolean };
  /** The input questions are answered on; none by default. */
  openStdin?: () => NodeJS.ReadableStream;
}

// Numbers this process's temporary files, so concurrent writes never share one.
let writes = 0;

/** The real {@link Io}: the file system under `root`, and the process's streams. */
export function createNodeIo(root: string, streams: { stdout: (text: string) => void; stderr: (text: string) => void }, env: Record<string, string | undefined>, options: NodeIoOptions = {}): Io {
  const absolute = (file: string) => (path.isAbsolute(file) ? file : path.join(root, file));
  // NOTE: commands refuse outside paths with a message first; this only stops a bug from writing there.
  const writable = (file: string) => {
    if (!isInsideProject(file)) throw new Error(`refusing to write ${file}: it is outside the project ${root}`);
    return absolute(file);
  };
  return {
    root,
    cwd: options.cwd ?? root,
    env,
    ...(options.terminal ? { terminal: options.terminal } : {}),
    ...(options.openStdin ? { openStdin: options.openStdin } : {}),
    withRoot: (newRoot) => createNodeIo(newRoot, streams, env, { ...options, cwd: options.cwd ?? root }),
    async readText(file) {
      try {
        // read synchronously: the promise API takes an open, a stat, a read and a close each
        // through the thread pool, about eight times the CPU for a workflow-sized file, and a
        // command (lint's 1,500 files) reads its files before it can do anything with them
        return readFileSync(absolute(file), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    async kindOf(file) {
      const info = await stat(absolute(file)).catch(() => undefined);
      return info?.isFile() ? "file" : info?.isDirectory() ? "folder" : undefined;
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
      const target = writable(file);
      const folder = absolute(TEMPORARY_DIR);
      const temporary = path.join(folder, temporaryName(file, process.pid, ++writes));
      try {
        // the folders are there but for the first write: they are made only when missing
        await writeThrough(temporary, target, text).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== "ENOENT") throw error;
          await mkdir(path.dirname(target), { recursive: true });
          // Created by this write: it ignores itself, so a leftover is never committed.
          if ((await mkdir(folder, { recursive: true })) !== undefined) await writeFile(path.join(folder, ".gitignore"), "*\n");
          await writeThrough(temporary, target, text);
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        // .trunkline/ is on another file system than this output (a mount, a symbolic link), where
        // a rename cannot land: the temporary file goes beside the target, under a name the next
        // gen recognizes if this one is interrupted.
        await writeThrough(path.join(path.dirname(target), besideTargetName(file, process.pid)), target, text);
      }
    },
    async listLeftovers(folders) {
      const found: string[] = [];
      const scan = async (folder: string, inTemporaryDir: boolean) => {
        const entries = await readdir(absolute(folder), { withFileTypes: true }).catch(() => []);
        for (const entry of entries) {
          const writer = entry.isFile() ? writerOf(entry.name, inTemporaryDir) : undefined;
          if (writer !== undefined && isLeftoverOf(writer, isProcessRunning)) found.push(folder ? `${folder}/${entry.name}` : entry.name);
        }
      };
      await Promise.all([scan(TEMPORARY_DIR, true), ...[...new Set(folders)].map((folder) => scan(folder, false))]);
      return found.sort();
    },
    async remove(file) {
      await rm(writable(file), { force: true });
    },
    loadModules: (files, cacheName, loadOptions = {}) =>
      loadModules(root, files, cacheName, { ...loadOptions, timeoutSeconds: loadOptions.timeoutSeconds ?? loadTimeoutOf(env), plainCopies: loadOptions.plainCopies ?? env[PLAIN_COPIES_ENV] !== "0" }),
    takeSourceFaults: takeSourceFaultDiagnostics,
    openValidationCache: async () => (options.validatorFingerprint ? openValidationCache(root, options.validatorFingerprint) : undefined),
    stdout: streams.stdout,
    stderr: streams.stderr,
  };
}

// Writes `text` to `temporary`, then renames it over `target`: a reader sees the old file or the
// new one, never half of one. The temporary file does not outlive a failed rename.
async function writeThrough(temporary: string, target: string, text: string): Promise<void> {
  await writeFile(temporary, text);
  try {
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
