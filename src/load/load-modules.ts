import { statSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BINDINGS_FOLDER } from "../actions/bindings.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CYCLE_HINT, describeCycles, findImportCycles } from "./import-cycles.js";
import { DEFAULT_LOAD_TIMEOUT, LOAD_TIMEOUT_ENV } from "./load-timeout.js";
import { ProcessEndAttempt, forgetEndAttempt, guardProcess } from "./process-guard.js";
import { evaluatingSources } from "./source-reads.js";
import { endAttemptDiagnostic, takeSourceFaultDiagnostics } from "./source-faults.js";
import { markStage } from "../io/stage-marks.js";
import { placeInSource, rememberCompiled } from "./source-frames.js";
import { rememberCopy } from "./source-map.js";
import { evaluationStarted, writePlainCopies } from "./plain-copies.js";

/** Where compiled sources are kept between runs; its own `.gitignore` keeps it out of commits. */
export const CACHE_DIR = ".trunkline/cache";
// Bump when the way sources are compiled changes, so old caches are not reused.
const CACHE_FORMAT = 7;

/** The modules that loaded, keyed by repo-relative source path, and what failed to. */
export interface LoadedModules {
  modules: Map<string, Record<string, unknown>>;
  diagnostics: Diagnostic[];
  /** Per source whose modules import each other in a circle: the modules of each circle (repo-relative). */
  importCycles?: Map<string, string[][]>;
  /** Per source that compiled: every file its bundle read (repo-relative, itself included), from esbuild's metafile. */
  inputs?: Map<string, string[]>;
}

/** Set to 0, every source is compiled with esbuild, none imported as it is: to compare the two. */
export const PLAIN_COPIES_ENV = "TRUNKLINE_PLAIN_COPIES";

/** Options of {@link loadModules}. */
export interface LoadOptions {
  /** Seconds the imports of the batch may take (top-level awaits included); {@link DEFAULT_LOAD_TIMEOUT} by default. */
  timeoutSeconds?: number;
  /** How to raise the timeout, for the hint of a source that did not finish in time. */
  raiseTimeoutHint?: string;
  /** An absolute folder for the compiled sources instead of `.trunkline/cache/<name>` (a dry run writes nothing in the project). */
  cacheDir?: string;
  /** Called with how many files have to be compiled (none too), before esbuild starts: work to begin alongside it. */
  onCompile?: (count: number) => void;
  /**
   * esbuild contexts kept by a long-running caller (the watch), by the sources they build: a
   * source built again rebuilds its context, which keeps the package paths its imports resolved to.
   */
  builds?: BuildContexts;
  /** False: compile every source with esbuild, even one Node can import as it is (see {@link writePlainCopies}). */
  plainCopies?: boolean;
}

/** esbuild's incremental builds, by their output folder and entry points joined with "\0"; the owner disposes them. */
export type BuildContexts = Map<string, Promise<import("esbuild").BuildContext>>;

interface CacheIndex {
  format: number;
  /** Per source: every file its bundle read, with the size and mtime seen when it was built. */
  entries: Record<string, Record<string, [number, number]>>;
  /** Per source whose bundle has circular imports: the modules of each circle. */
  cycles: Record<string, string[][]>;
  /** Per source: the files of the packages its bundle imports (left out of it), absolute. */
  packages: Record<string, string[]>;
  /** The modules the sources share, each built once (see {@link sharedModulesPlugin}), and the version their importers ask for. */
  shared?: { files: string[]; version: string };
  /** The sources copied as they are rather than compiled (see {@link writePlainCopies}), each with the nonce its copy marks its evaluation with. */
  copies: Record<string, string>;
}

/**
 * Compiles TypeScript sources with esbuild and imports the results in this process. Only sources
 * whose files changed since the last run are compiled again (one esbuild call for all of them, none
 * at all when nothing changed). A source that fails to compile, throws while importing, does not
 * finish importing in time, or tries to end the process becomes a diagnostic with its file and
 * line; the others still load, so every error shows in one run.
 */
export async function loadModules(root: string, files: readonly string[], cacheName = "sources", options: LoadOptions = {}): Promise<LoadedModules> {
  // Sources run in this process: none may end it while it loads (nor, under the CLI, after).
  const release = guardProcess();
  let evaluated = (): void => undefined;
  try {
    const cacheDir = options.cacheDir ?? path.join(root, CACHE_DIR, cacheName);
    const diagnostics: Diagnostic[] = [];
    const index = await readIndex(cacheDir);
    const stale = await staleEntries(root, index, files);
    markStage("load: index, stat");
    options.onCompile?.(stale.length);
    // Sources that need no compiling are copied as they are: no esbuild at all when all are.
    const copied = stale.length && options.plainCopies !== false && options.cacheDir === undefined ? await copyPlainSources(root, cacheDir, stale, index) : new Set<string>();
    markStage("load: plain copies");
    const compiling = stale.filter((file) => !copied.has(file));
    const failed = compiling.length ? await compile(root, cacheDir, compiling, index, diagnostics, options.builds) : new Set<string>();
    if (copied.size && !compiling.length) await writeFile(path.join(cacheDir, "index.json"), JSON.stringify(index));
    for (const file of index.shared?.files ?? []) rememberCompiled(compiledPath(cacheDir, file), root, file);
    markStage("load: record inputs");
    const modules = new Map<string, Record<string, unknown>>();
    const importing = new Set(files.filter((file) => !failed.has(file)));
    // Copies that failed before their first line ran (TypeScript syntax, a type-only import): compiled, then imported again.
    const recompile = new Set<string>();
    let settled = false;
    const importAll = (batch: readonly string[]) =>
      Promise.all(
        batch.map(async (file) => {
          const output = compiledPath(cacheDir, file);
          const nonce = index.copies[file];
          let url: string | undefined;
          try {
            const { mtimeMs } = statSync(output);
            rememberCompiled(output, root, file);
            rememberCopy(output, nonce === undefined ? undefined : path.join(root, file));
            // The query makes a re-run in the same process (tests, watch) see a rebuilt file.
            url = importUrl(output, mtimeMs);
            const loaded = (await import(url)) as Record<string, unknown>;
            if (!settled) modules.set(file, { ...loaded });
          } catch (error) {
            if (nonce !== undefined && url !== undefined && !evaluationStarted(nonce)) {
              failedUrls.add(url);
              recompile.add(file);
            } else if (!settled) diagnostics.push(importFailure(file, error, index.cycles[file]));
          } finally {
            importing.delete(file);
          }
        }),
      );
    const seconds = options.timeoutSeconds ?? DEFAULT_LOAD_TIMEOUT;
    const deadline = Date.now() + seconds * 1000;
    // what the sources read from here on decides whether this run can be replayed (source-reads.ts)
    evaluated = evaluatingSources();
    let outcome = await settleWithin(importAll([...importing]), seconds);
    if (recompile.size) {
      // esbuild's own reads are not the sources'
      evaluated();
      const again = [...recompile].sort();
      for (const file of again) delete index.copies[file];
      const failedAgain = await compile(root, cacheDir, again, index, diagnostics, options.builds);
      for (const file of again) if (!failedAgain.has(file)) importing.add(file);
      // read before the clock is watched: reading it is the sources' only while they run
      const remaining = Math.max(1, (deadline - Date.now()) / 1000);
      evaluated = evaluatingSources();
      const second = await settleWithin(importAll(again.filter((file) => !failedAgain.has(file))), remaining);
      if (outcome === "done") outcome = second;
    }
    markStage("load: import");
    settled = true;
    for (const file of [...importing].sort()) diagnostics.push(unfinishedImport(file, outcome, seconds, options.raiseTimeoutHint));
    // A promise continuation or an immediate queued by a source runs now: give it the chance to
    // call exit while it is still guarded, and reported with this batch.
    await new Promise((resolve) => setImmediate(resolve));
    evaluated();
    diagnostics.push(...takeSourceFaultDiagnostics());
    const importCycles = new Map(files.filter((file) => index.cycles[file]?.length).map((file) => [file, index.cycles[file]!]));
    const inputs = new Map(files.filter((file) => index.entries[file]).map((file) => [file, Object.keys(index.entries[file]!)]));
    return { modules, diagnostics, inputs, ...(importCycles.size ? { importCycles } : {}) };
  } finally {
    evaluated();
    release();
  }
}

// URLs whose import failed before evaluation in this process: Node keeps that failure for the URL.
const failedUrls = new Set<string>();

function importUrl(output: string, mtimeMs: number): string {
  const url = `${pathToFileURL(output).href}?v=${mtimeMs}`;
  // a build written in the same millisecond as the copy it replaces
  return failedUrls.has(url) ? `${url}&compiled` : url;
}

/**
 * Copies the sources among `stale` that Node can import as they are (see {@link writePlainCopies})
 * and records them in `index` as esbuild would: the source as the one input, the package files
 * its imports resolve to, no cycles. Returns the sources copied.
 */
async function copyPlainSources(root: string, cacheDir: string, stale: readonly string[], index: CacheIndex): Promise<Set<string>> {
  const copies = await writePlainCopies(root, cacheDir, stale, (file) => compiledPath(cacheDir, file));
  if (copies.size) await makeCacheDir(cacheDir);
  for (const [file, copy] of copies) {
    index.entries[file] = { [file]: copy.stamp };
    index.packages[file] = copy.packages;
    index.copies[file] = copy.nonce;
    delete index.cycles[file];
  }
  return new Set(copies.keys());
}

// The cache folder, and the .gitignore beside its folders (.trunkline/cache/.gitignore unless
// another cacheDir was given) that keeps it out of commits.
async function makeCacheDir(cacheDir: string): Promise<void> {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(path.dirname(cacheDir), ".gitignore"), "*\n");
}

/** Where esbuild writes the build of a repo-relative source. */
export function compiledPath(cacheDir: string, file: string): string {
  return path.join(cacheDir, file.replace(/\.[cm]?[jt]sx?$/, ".mjs"));
}

// Resolves when `work` settles, when `seconds` pass, or as soon as nothing is left running that
// could settle it (Node is about to exit: a top-level await on a promise nothing will resolve).
function settleWithin(work: Promise<unknown>, seconds: number): Promise<"done" | "timeout" | "idle"> {
  return new Promise((resolve) => {
    const finish = (outcome: "done" | "timeout" | "idle") => {
      clearTimeout(timer);
      process.off("beforeExit", onIdle);
      resolve(outcome);
    };
    const onIdle = () => finish("idle");
    // unref'd, so that an event loop with nothing else in it ends in beforeExit at once
    const timer = setTimeout(() => finish("timeout"), seconds * 1000).unref();
    process.on("beforeExit", onIdle);
    void work.then(() => finish("done"));
  });
}

function unfinishedImport(file: string, outcome: "done" | "timeout" | "idle", seconds: number, raiseHint: string | undefined): Diagnostic {
  const settle = "make every top-level await in it (and in the modules it imports) settle";
  if (outcome === "idle") {
    return {
      rule: "load", severity: "error", file,
      message: `importing ${file} never finished: it awaits, at top level, a promise that nothing left running can settle; nothing written`,
      hint: settle,
    };
  }
  return {
    rule: "load", severity: "error", file,
    message: `importing ${file} did not finish within ${seconds} s (a top-level await that never settles?); nothing written`,
    hint: `${settle}; if it is only slow, ${raiseHint ?? `set ${LOAD_TIMEOUT_ENV}=<seconds> for one run`}`,
  };
}

async function readIndex(cacheDir: string): Promise<CacheIndex> {
  try {
    const index = JSON.parse(await readFile(path.join(cacheDir, "index.json"), "utf8")) as CacheIndex;
    if (index.format === CACHE_FORMAT && typeof index.entries === "object") return { ...index, cycles: index.cycles ?? {}, packages: index.packages ?? {}, copies: index.copies ?? {} };
  } catch {
    // no index yet, or an unreadable one
  }
  return { format: CACHE_FORMAT, entries: {}, cycles: {}, packages: {}, copies: {} };
}

/**
 * What the compiled `files` were built from, as the last compile recorded it: each input's size
 * and mtime (repo-relative paths), and the package files they import (absolute). Undefined when
 * some file has no entry (it did not compile).
 */
export async function compiledInputsOf(root: string, files: readonly string[], cacheName: string): Promise<{ inputs: Record<string, [number, number]>; packages: string[] } | undefined> {
  const index = await readIndex(path.join(root, CACHE_DIR, cacheName));
  const inputs: Record<string, [number, number]> = {};
  const packages = new Set<string>();
  for (const file of files) {
    const entry = index.entries[file];
    if (!entry) return undefined;
    Object.assign(inputs, entry);
    for (const url of index.packages[file] ?? []) packages.add(url);
  }
  return { inputs, packages: [...packages] };
}

// Sources never built, or any of whose inputs (the source, files it imports) changed size or mtime.
async function staleEntries(root: string, index: CacheIndex, files: readonly string[]): Promise<string[]> {
  const seen = new Map<string, Promise<boolean>>();
  const unchanged = (input: string, [size, mtimeMs]: [number, number]) => {
    let check = seen.get(input);
    if (!check) {
      const info = sizeAndTime(path.join(root, input));
      check = Promise.resolve(info !== undefined && info[0] === size && info[1] === mtimeMs);
      seen.set(input, check);
    }
    return check;
  };
  const verdicts = await Promise.all(
    files.map(async (file) => {
      const inputs = index.entries[file];
      if (!inputs) return true;
      const checks = await Promise.all(Object.entries(inputs).map(([input, recorded]) => unchanged(input, recorded)));
      return !checks.every(Boolean);
    }),
  );
  return files.filter((_, position) => verdicts[position]);
}

async function compile(root: string, cacheDir: string, files: readonly string[], index: CacheIndex, diagnostics: Diagnostic[], builds: BuildContexts | undefined): Promise<Set<string>> {
  // Loaded only when something changed; required, as esbuild's entry is CommonJS and importing it
  // would make Node scan its source for exports first.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  await makeCacheDir(cacheDir);
  const options = (entryPoints: string[], plugins: import("esbuild").Plugin[]) => ({
    absWorkingDir: root,
    entryPoints,
    outdir: cacheDir,
    outbase: root,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    plugins,
    // Resolve packages as Node does: no "module" condition, no "module" main field.
    conditions: [],
    mainFields: ["main"],
    format: "esm" as const,
    platform: "node" as const,
    target: "node20",
    // A .map beside each file, read only to explain an error: inline maps slow every import.
    sourcemap: "external" as const,
    // read for positions only: the sources are on disk beside it
    sourcesContent: false,
    metafile: true,
    logLevel: "silent" as const,
  });
  // All in one esbuild call; when some file does not compile, each on its own so the others still load.
  // A long-running caller's esbuild contexts are kept by the sources they build, and reused only
  // without shared modules: their plugin belongs to this run (its version, its URLs).
  const buildWith = (entryPoints: string[], plugins: import("esbuild").Plugin[], reuse: boolean) => {
    if (!builds || !reuse) return esbuild.build(options(entryPoints, plugins));
    const key = [cacheDir, ...entryPoints].join("\0");
    const context = builds.get(key) ?? esbuild.context(options(entryPoints, plugins));
    // the most recently used last, for an owner that keeps only a few
    builds.delete(key);
    builds.set(key, context);
    return context.then((kept) => kept.rebuild());
  };
  const build = async (entries: readonly string[], plugins: import("esbuild").Plugin[], reuse: boolean) => {
    const failures = new Map<string, unknown>();
    try {
      const result = await buildWith([...entries], plugins, reuse);
      markStage("load: esbuild build");
      return { metafiles: [result.metafile!], failures };
    } catch {
      const metafiles = await Promise.all(
        entries.map((file) =>
          buildWith([file], plugins, reuse).then(
            (result) => result.metafile!,
            (error: unknown) => void failures.set(file, error),
          ),
        ),
      );
      return { metafiles: metafiles.filter((metafile) => metafile !== undefined), failures };
    }
  };
  const stamps = new Map<string, Promise<[number, number] | undefined>>();
  const stampOf = (input: string) => {
    let stamp = stamps.get(input);
    if (!stamp) {
      stamp = Promise.resolve(sizeAndTime(path.join(root, input)));
      stamps.set(input, stamp);
    }
    return stamp;
  };
  const sharedUrls = new Map<string, string>();
  const record = async (metafile: import("esbuild").Metafile, recording: (entry: string) => boolean) => {
    for (const output of Object.values(metafile.outputs)) {
      if (!output.entryPoint || !recording(output.entryPoint)) continue;
      const inputs: Record<string, [number, number]> = {};
      for (const input of Object.keys(output.inputs)) {
        const stamp = await stampOf(input);
        if (stamp) inputs[input] = stamp;
      }
      const packages: string[] = [];
      for (const entry of output.imports) {
        if (!entry.external) continue;
        // a shared module's inputs are this source's too: an edit to a binding rebuilds its importers
        const shared = sharedUrls.get(entry.path);
        if (shared !== undefined) {
          Object.assign(inputs, index.entries[shared]);
          packages.push(...(index.packages[shared] ?? []));
        } else if (entry.path.startsWith("file:")) packages.push(fileURLToPath(entry.path));
      }
      index.entries[output.entryPoint] = inputs;
      delete index.copies[output.entryPoint];
      index.packages[output.entryPoint] = [...new Set(packages)];
      const cycles = findImportCycles(metafile, Object.keys(output.inputs));
      if (cycles.length) index.cycles[output.entryPoint] = cycles;
      else delete index.cycles[output.entryPoint];
    }
  };
  const forget = (file: string) => {
    delete index.entries[file]; // not cached: the next run tries it again
    delete index.cycles[file];
    delete index.packages[file];
    delete index.copies[file];
  };

  // The shared modules to build again go into the same call as the sources.
  const shared = await sharedModules(root, index, files);
  const rebuilt = new Set(shared?.rebuild);
  const sharedFiles = new Set(shared?.files);
  let built = await build([...files, ...rebuilt], shared ? [sharedModulesPlugin(root, cacheDir, shared, sharedUrls), externalPackagesByUrl] : [externalPackagesByUrl], !shared);
  if ([...rebuilt].some((file) => built.failures.has(file))) {
    // A binding that does not compile: every source bundles its own copy again, so each reports
    // the error where it imports it, as if nothing were shared.
    for (const file of rebuilt) forget(file);
    delete index.shared;
    sharedUrls.clear();
    rebuilt.clear();
    sharedFiles.clear();
    built = await build(files, [externalPackagesByUrl], false);
  } else if (shared && rebuilt.size) index.shared = { files: shared.files, version: shared.version };
  // the shared modules first: their inputs become those of the sources importing them
  for (const metafile of built.metafiles) await record(metafile, (entry) => sharedFiles.has(entry));
  for (const metafile of built.metafiles) await record(metafile, (entry) => !sharedFiles.has(entry));
  const failed = new Set(built.failures.keys());
  for (const [file, error] of built.failures) {
    forget(file);
    diagnostics.push(...compileFailures(file, error));
  }
  await writeFile(path.join(cacheDir, "index.json"), JSON.stringify(index));
  return failed;
}

/** The modules sources share this run, the version they are asked for under, and those to build again. */
interface SharedModules {
  files: string[];
  version: string;
  rebuild: string[];
}

let sharedBuilds = 0;

/**
 * The action bindings (the TypeScript files of {@link BINDINGS_FOLDER}): generated, imported by
 * most sources, and the same for all of them, so each is built and loaded once rather than copied
 * into every source's bundle. All are built again, under a new version, as soon as one changed
 * (or one came or went); a binding that is itself a source being compiled is built with the
 * sources. Undefined when the folder has none.
 */
async function sharedModules(root: string, index: CacheIndex, compiling: readonly string[]): Promise<SharedModules | undefined> {
  const names = await readdir(path.join(root, BINDINGS_FOLDER)).catch(() => [] as string[]);
  const files = names.filter((name) => /\.[cm]?tsx?$/.test(name) && !/\.d\.[cm]?ts$/.test(name)).map((name) => `${BINDINGS_FOLDER}/${name}`).sort();
  if (files.length === 0) return undefined;
  const known = index.shared;
  const current = known !== undefined && known.files.join("\0") === files.join("\0") && (await staleEntries(root, index, files)).length === 0;
  if (current) return { files, version: known.version, rebuild: [] };
  // a new version: a module loaded under the old one in this process is not reused
  const version = `${Date.now().toString(36)}.${process.pid.toString(36)}.${++sharedBuilds}`;
  const beingCompiled = new Set(compiling);
  return { files, version, rebuild: files.filter((file) => !beingCompiled.has(file)) };
}

/**
 * Leaves the shared modules out of each source's bundle: an import of one is written as the file
 * URL of its own build, with the version as query, so Node loads it once for all the sources (and
 * again, in the same process, once it is rebuilt).
 */
function sharedModulesPlugin(root: string, cacheDir: string, shared: SharedModules, urls: Map<string, string>): import("esbuild").Plugin {
  const folder = path.join(root, BINDINGS_FOLDER) + path.sep;
  const files = new Set(shared.files);
  const into = new RegExp(`^\\.\\.?/(?:.*/)?${path.posix.basename(BINDINGS_FOLDER)}/[^/]+$`);
  return {
    name: "shared-modules",
    setup(build) {
      build.onResolve({ filter: into }, (args) => {
        if (args.kind !== "import-statement" && args.kind !== "dynamic-import") return undefined;
        // inside the folder, the bindings bundle each other as before
        if (args.importer.startsWith(folder)) return undefined;
        const file = sharedFileOf(path.relative(root, path.resolve(args.resolveDir, args.path)).split(path.sep).join("/"), files);
        if (file === undefined) return undefined;
        const url = `${pathToFileURL(compiledPath(cacheDir, file)).href}?v=${shared.version}`;
        urls.set(url, file);
        return { path: url, external: true };
      });
    },
  };
}

// The shared file an import names, as TypeScript resolves it: `./actions/index.js` is `index.ts`.
function sharedFileOf(imported: string, files: ReadonlySet<string>): string | undefined {
  if (files.has(imported)) return imported;
  const stem = imported.replace(/\.([cm]?)js$/, "");
  if (stem === imported) return undefined;
  const typed = imported.slice(stem.length).replace("js", "ts");
  return [`${stem}${typed}`, `${stem}${typed}x`].find((candidate) => files.has(candidate));
}

const RESOLVING = Symbol("resolving");

/**
 * Leaves packages out of the bundle, as `packages: "external"` would, but writes each import as the
 * file URL it resolves to: Node then loads it without walking node_modules for every source.
 */
const externalPackagesByUrl: import("esbuild").Plugin = {
  name: "external-packages-by-url",
  setup(build) {
    // Sources in one folder import the same few packages: resolve each once per folder.
    const resolutions = new Map<string, Promise<string>>();
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === RESOLVING || /^(?:node|file):/.test(args.path)) return undefined;
      const key = `${args.resolveDir}\0${args.kind}\0${args.path}`;
      let resolution = resolutions.get(key);
      if (!resolution) {
        resolution = build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING }).then((resolved) =>
          resolved.errors.length || !resolved.path || !path.isAbsolute(resolved.path) ? args.path : pathToFileURL(resolved.path).href,
        );
        resolutions.set(key, resolution);
      }
      return { path: await resolution, external: true };
    });
  },
};

interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; column: number } | null;
}

function compileFailures(file: string, error: unknown): Diagnostic[] {
  const errors = ((error as { errors?: EsbuildMessage[] }).errors ?? []).slice(0, 5);
  if (errors.length === 0) return [{ rule: "load", severity: "error", file, message: `${file} could not be compiled: ${String(error)}`, hint: "fix it, then rerun" }];
  return errors.map((message) => ({
    rule: "load",
    severity: "error" as const,
    file: message.location?.file ?? file,
    line: message.location?.line,
    column: message.location ? message.location.column + 1 : undefined,
    message: `${file} could not be compiled: ${message.text}; nothing written`,
    hint: "fix the syntax error, then rerun",
  }));
}

function importFailure(file: string, error: unknown, cycles: string[][] | undefined): Diagnostic {
  if (error instanceof ProcessEndAttempt) {
    forgetEndAttempt(error); // reported here, with the source that was importing
    return endAttemptDiagnostic(file, error, "loading");
  }
  const text = error instanceof Error ? error.message : String(error);
  const place = placeInSource(error instanceof Error ? (error.stack ?? "") : "", file);
  const at = place.at ? ` (at ${place.at.file}:${place.at.line}:${place.at.column})` : "";
  // Using a value a circular import has not defined yet fails this way (in a bundle it is undefined).
  const circular = cycles?.length && (error instanceof TypeError || error instanceof ReferenceError);
  return {
    rule: "load",
    severity: "error",
    file,
    ...(place.line === undefined ? {} : { line: place.line, column: place.column }),
    message: `importing ${file} threw "${text}"${at}${circular ? `; ${describeCycles(cycles)}, so a value one of them exports may still be undefined when another uses it` : ""}; nothing written`,
    hint: circular ? CYCLE_HINT : "fix the error at that line, then rerun",
  };
}

// The size and mtime of a file, or undefined when it cannot be stat'ed. Synchronous, as every
// small read of a run: a promise-based stat costs several times the CPU, and a run stats every
// input of every source.
function sizeAndTime(file: string): [number, number] | undefined {
  try {
    const info = statSync(file);
    return [info.size, info.mtimeMs];
  } catch {
    return undefined;
  }
}
