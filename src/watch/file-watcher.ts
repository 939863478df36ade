import { type FSWatcher, readdirSync, watch } from "node:fs";
import path from "node:path";

/** Options of {@link watchFiles}. */
export interface WatchFilesOptions {
  /** Project root: the paths reported are relative to it, "/" separated. */
  root: string;
  /** Folders watched with every folder below them (repo-relative). */
  trees: readonly string[];
  /** Single files watched by name (repo-relative): their folder is watched, not below it. */
  files: readonly string[];
  /** Whether a changed path below a tree is of interest (sources, not editors' swap files). */
  accept: (file: string) => boolean;
  /** false: folder by folder, as where the platform cannot watch a tree (what tests of that path use). @default true */
  recursive?: boolean;
  /** Quiet time after the last event before the changes are handed over: an editor's save is several events. */
  debounceMs: number;
  /**
   * What a changed file is on disk now (its size and mtime, say), or undefined while it looks half
   * saved (missing, empty). When given, changes whose files all have a state are handed over once
   * the events delivered together have been seen, with no quiet time (the others still wait for
   * `debounceMs` of quiet), and an event that leaves a file in the state last handed over (the
   * late event of a write already seen) is dropped.
   */
  stateOf?: (file: string) => string | undefined;
  onChange: (changed: Set<string>) => void;
  /** Every event in a watched folder, accepted or not, as it comes (before the debounce). */
  onEvent?: (file: string) => void;
  /** A folder that cannot be watched (the system's limit of watches reached, say): said once, the rest still works. */
  onProblem: (problem: string) => void;
}

/** A running watch; `close` stops every watcher and drops pending changes. */
export interface FileWatch {
  /** Adds single files to watch (a helper imported from outside the trees). */
  addFiles(files: Iterable<string>): void;
  /** Watches folders (repo-relative) for {@link WatchFilesOptions.onEvent} only: a change there starts no pass. */
  addFolders(folders: Iterable<string>): void;
  /** Whether events in `folder` are seen: it is watched itself, or lies in a tree. */
  sees(folder: string): boolean;
  close(): void;
}

/**
 * Watches source trees and single files with `fs.watch`, recursively where the platform supports
 * it (Node 20 on Linux, macOS, Windows) and else folder by folder, picking up new folders as they
 * appear. Changes are collected until `debounceMs` pass without an event, or, when every changed
 * file has a `stateOf`, until the events delivered with them have been seen.
 */
export function watchFiles(options: WatchFilesOptions): FileWatch {
  const watchers = new Map<string, FSWatcher>();
  const singleFiles = new Set(options.files);
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  let closed = false;

  const { stateOf } = options;
  // the state of each file when it was last handed over
  const handedOver = new Map<string, string | undefined>();
  const handOver = () => {
    clearTimeout(timer);
    const changed = pending;
    pending = new Set();
    if (stateOf) for (const file of changed) handedOver.set(file, stateOf(file));
    options.onChange(changed);
  };
  const report = (file: string) => {
    if (closed) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(handOver, options.debounceMs);
    // the events read in this turn of the event loop all come before an immediate
    if (stateOf) {
      immediate ??= setImmediate(() => {
        immediate = undefined;
        const states = new Map([...pending].map((changed) => [changed, stateOf(changed)]));
        for (const [changed, state] of states) if (state !== undefined && handedOver.get(changed) === state) pending.delete(changed);
        if (pending.size === 0) clearTimeout(timer);
        else if ([...pending].every((changed) => states.get(changed) !== undefined)) handOver();
      });
    }
  };
  const toProject = (folder: string, name: string | null) => (name === null ? undefined : path.posix.join(folder, name.split(path.sep).join("/")));
  const inTree = (file: string) => options.trees.some((tree) => file === tree || file.startsWith(`${tree}/`));

  const watchFolder = (folder: string, recursive: boolean): boolean => {
    const key = `${recursive ? "tree" : "folder"}:${folder}`;
    if (watchers.has(key)) return true;
    try {
      const watcher = watch(path.join(options.root, folder), { recursive }, (_event, name) => {
        const file = toProject(folder, typeof name === "string" ? name : null);
        if (file === undefined) return;
        options.onEvent?.(file);
        if (singleFiles.has(file) || (inTree(file) && options.accept(file))) report(file);
        // folder by folder: a new folder in a tree is watched too, and its files count as changed
        if (!recursive && inTree(file)) for (const added of watchTreeByFolders(file)) report(added);
      });
      // a folder removed while watched ends its watcher; the tree's parent still reports the removal
      watcher.on("error", () => {
        watcher.close();
        watchers.delete(key);
      });
      watchers.set(key, watcher);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // nothing there yet: nothing to watch
      if (code === "ENOENT" || code === "ENOTDIR") return true;
      if (recursive && code === "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM") return false;
      options.onProblem(`cannot watch ${folder || "."}: ${(error as Error).message}`);
      return true;
    }
  };

  // Watches `folder` and every folder below it one by one; returns the files found in folders not watched before.
  const watchTreeByFolders = (folder: string): string[] => {
    const key = `folder:${folder}`;
    const isNew = !watchers.has(key);
    let entries;
    try {
      entries = readdirSync(path.join(options.root, folder), { withFileTypes: true });
    } catch {
      return [];
    }
    watchFolder(folder, false);
    const found: string[] = [];
    for (const entry of entries) {
      const child = path.posix.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) found.push(...watchTreeByFolders(child));
      else if (isNew && entry.isFile() && options.accept(child)) found.push(child);
    }
    return found;
  };

  for (const tree of options.trees) if (options.recursive === false || !watchFolder(tree, true)) watchTreeByFolders(tree);
  const watchSingle = (file: string) => {
    if (inTree(file)) return;
    singleFiles.add(file);
    watchFolder(path.posix.dirname(file) === "." ? "" : path.posix.dirname(file), false);
  };
  for (const file of options.files) watchSingle(file);

  return {
    addFolders(folders) {
      for (const folder of folders) if (!inTree(folder)) watchFolder(folder, false);
    },
    sees: (folder) => watchers.has(`folder:${folder}`) || options.trees.some((tree) => (folder === tree || folder.startsWith(`${tree}/`)) && watchers.has(`tree:${tree}`)),
    addFiles(files) {
      for (const file of files) if (!singleFiles.has(file)) watchSingle(file);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
