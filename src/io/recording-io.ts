import path from "node:path";
import { compiledInputsOf } from "../load/load-modules.js";
import { listenToSourceReads } from "../load/source-reads.js";
import { globFolders } from "./glob.js";
import type { Io } from "./io.js";
import { type FileStamp, type RunContext, contextKey, dropRecord, folderStampOf, isUnchanged, replayableCommand, stampOf, writeRecord } from "./up-to-date.js";

/**
 * Files every compile depends on beside the sources (how esbuild resolves imports, which packages
 * are installed), relative to the project root.
 */
export const PROJECT_FILES = ["package.json", "tsconfig.json", "package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lockb", "node_modules/.package-lock.json"];

/** A run being recorded: the {@link Io} to run it with, and what to do once its exit code is known. */
export interface RecordingRun {
  io: Io;
  /** Writes the up-to-date record when the run can be replayed; otherwise drops any older one. */
  finish(code: number): Promise<void>;
}

/**
 * Wraps `io` to note every file the run reads (size and mtime), every folder it lists (mtime),
 * every source it compiles (their inputs and the packages they import) and all it prints. A run
 * that exits 0 having written and removed nothing is recorded, so that the next identical call
 * can replay it (see up-to-date.ts) while nothing it read has changed.
 */
export function recordRun(io: Io, context: RunContext): RecordingRun {
  const command = replayableCommand(context.argv);
  // a command never replayed (lint, import…) has nothing to record: no stat of each file it reads
  if (!command) return { io, finish: async () => undefined };
  // taken now: a source may set variables while it runs
  const key = command ? contextKey(context) : "";
  const files = new Map<string, FileStamp>();
  const folders = new Map<string, number | null>();
  const loads: Promise<void>[] = [];
  let stdout = "";
  let stderr = "";
  let roots = new Set<string>();
  // doubt of any kind (a write, a source without a compile record): never replayed
  let replayable = command !== undefined && context.build !== undefined;

  const noteFile = (file: string) => {
    if (!files.has(file)) files.set(file, stampOf(file));
  };
  const noteFolder = (folder: string) => {
    if (!folders.has(folder)) folders.set(folder, folderStampOf(folder));
  };
  // what the sources read for themselves while they run (a data file, a folder listing), and
  // what cannot be checked again (a program they spawn, the network, the clock)
  if (replayable) {
    listenToSourceReads({
      file: noteFile,
      folder: noteFolder,
      entry(entry) {
        noteFile(entry);
        noteFolder(entry);
      },
      untrackable() {
        replayable = false;
      },
    });
  }
  const wrap = (inner: Io): Io => {
    roots.add(inner.root);
    const absolute = (file: string) => path.resolve(inner.root, file);
    return {
      ...inner,
      withRoot: (root) => wrap(inner.withRoot(root)),
      async readText(file) {
        // stamped before the read: a change while reading shows as a changed stamp at the end
        noteFile(absolute(file));
        return inner.readText(file);
      },
      async kindOf(file) {
        noteFile(absolute(file));
        noteFolder(absolute(file));
        return inner.kindOf(file);
      },
      async listFiles(folder, extensions) {
        noteFolder(absolute(folder));
        return inner.listFiles(folder, extensions);
      },
      async listFolders(folder) {
        noteFolder(absolute(folder));
        return inner.listFolders(folder);
      },
      async glob(patterns) {
        // a file added under any folder the glob reads changes that folder's mtime
        const [found, walked] = await Promise.all([inner.glob(patterns), globFolders(inner.root, patterns)]);
        for (const folder of walked) noteFolder(absolute(folder));
        return found;
      },
      async listLeftovers(scanned) {
        for (const folder of [".trunkline/tmp", ...scanned]) noteFolder(absolute(folder));
        return inner.listLeftovers(scanned);
      },
      async writeAtomic(file, text) {
        replayable = false;
        return inner.writeAtomic(file, text);
      },
      async remove(file) {
        replayable = false;
        return inner.remove(file);
      },
      async loadModules(modules, cacheName, options) {
        const loaded = await inner.loadModules(modules, cacheName, options);
        loads.push(noteCompiled(inner.root, modules.filter((file) => loaded.modules.has(file)), cacheName, modules.length));
        return loaded;
      },
      stdout(text) {
        stdout += text;
        inner.stdout(text);
      },
      stderr(text) {
        stderr += text;
        inner.stderr(text);
      },
    };
  };
  const noteCompiled = async (root: string, loaded: string[], cacheName: string, asked: number) => {
    const compiled = loaded.length === asked ? await compiledInputsOf(root, loaded, cacheName) : undefined;
    if (!compiled) {
      replayable = false;
      return;
    }
    for (const [input, stamp] of Object.entries(compiled.inputs)) {
      const file = path.resolve(root, input);
      // the stamp the compile saw: an input edited since then (while loading) is a change
      if (!files.has(file)) files.set(file, stamp);
      // every folder between a source's input and the root: an import may now resolve elsewhere
      for (let folder = path.dirname(file); folder.startsWith(root) && folder !== root; folder = path.dirname(folder)) noteFolder(folder);
    }
    for (const file of compiled.packages) {
      noteFile(file);
      // a package's own manifest: its version changes on an upgrade even where this file did not
      const manifest = packageManifestOf(file);
      if (manifest) noteFile(manifest);
    }
    for (const file of PROJECT_FILES) noteFile(path.join(root, file));
  };

  const run = wrap(io);
  return {
    io: run,
    async finish(code) {
      listenToSourceReads(undefined);
      if (!command) return;
      await Promise.all(loads);
      const [root] = roots.size === 2 ? [...roots].filter((root) => root !== io.root) : [...roots];
      if (roots.size > 2 || root === undefined) replayable = false;
      const record = { files: Object.fromEntries(files), folders: Object.fromEntries(folders) };
      // anything that changed while the run read it is a run of a state that no longer exists
      if (replayable && code === 0 && isUnchanged(record)) writeRecord(root!, command, { key, ...record, stdout, stderr });
      else for (const folder of roots) dropRecord(folder, command);
    },
  };
}

// The package.json of the package that holds `file`: the nearest one above it inside node_modules.
function packageManifestOf(file: string): string | undefined {
  for (let folder = path.dirname(file); path.dirname(folder) !== folder && path.basename(folder) !== "node_modules"; folder = path.dirname(folder)) {
    const manifest = path.join(folder, "package.json");
    if (stampOf(manifest) !== null) return manifest;
  }
  return undefined;
}
