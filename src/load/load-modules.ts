import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { toSourcePosition } from "./source-map.js";

/** Where compiled sources are kept between runs; its own `.gitignore` keeps it out of commits. */
export const CACHE_DIR = ".trunkline/cache";
// Bump when the way sources are compiled changes, so old caches are not reused.
const CACHE_FORMAT = 3;

/** The modules that loaded, keyed by repo-relative source path, and what failed to. */
export interface LoadedModules {
  modules: Map<string, Record<string, unknown>>;
  diagnostics: Diagnostic[];
}

interface CacheIndex {
  format: number;
  /** Per source: every file its bundle read, with the size and mtime seen when it was built. */
  entries: Record<string, Record<string, [number, number]>>;
}

/**
 * Compiles TypeScript sources with esbuild and imports the results in this process. Only sources
 * whose files changed since the last run are compiled again (one esbuild call for all of them, none
 * at all when nothing changed). A source that fails to compile or throws while importing becomes a
 * diagnostic with its file and line; the others still load, so every error shows in one run.
 */
export async function loadModules(root: string, files: readonly string[], cacheName = "sources"): Promise<LoadedModules> {
  const cacheDir = path.join(root, CACHE_DIR, cacheName);
  const diagnostics: Diagnostic[] = [];
  const index = await readIndex(cacheDir);
  const stale = await staleEntries(root, index, files);
  const failed = stale.length ? await compile(root, cacheDir, stale, index, diagnostics) : new Set<string>();
  const modules = new Map<string, Record<string, unknown>>();
  await Promise.all(
    files.filter((file) => !failed.has(file)).map(async (file) => {
      const output = path.join(cacheDir, file.replace(/\.[cm]?[jt]sx?$/, ".mjs"));
      try {
        const { mtimeMs } = await stat(output);
        // The query makes a re-run in the same process (tests, watch) see a rebuilt file.
        const loaded = (await import(`${pathToFileURL(output).href}?v=${mtimeMs}`)) as Record<string, unknown>;
        modules.set(file, { ...loaded });
      } catch (error) {
        diagnostics.push(importFailure(root, file, error));
      }
    }),
  );
  return { modules, diagnostics };
}

async function readIndex(cacheDir: string): Promise<CacheIndex> {
  try {
    const index = JSON.parse(await readFile(path.join(cacheDir, "index.json"), "utf8")) as CacheIndex;
    if (index.format === CACHE_FORMAT && typeof index.entries === "object") return index;
  } catch {
    // no index yet, or an unreadable one
  }
  return { format: CACHE_FORMAT, entries: {} };
}

// Sources never built, or any of whose inputs (the source, files it imports) changed size or mtime.
async function staleEntries(root: string, index: CacheIndex, files: readonly string[]): Promise<string[]> {
  const seen = new Map<string, Promise<boolean>>();
  const unchanged = (input: string, [size, mtimeMs]: [number, number]) => {
    let check = seen.get(input);
    if (!check) {
      check = stat(path.join(root, input)).then((info) => info.size === size && info.mtimeMs === mtimeMs, () => false);
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

async function compile(root: string, cacheDir: string, files: readonly string[], index: CacheIndex, diagnostics: Diagnostic[]): Promise<Set<string>> {
  // Loaded only when something changed; required, as esbuild's entry is CommonJS and importing it
  // would make Node scan its source for exports first.
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  await mkdir(cacheDir, { recursive: true });
  await writeFile(path.join(root, CACHE_DIR, ".gitignore"), "*\n");
  const options = (entryPoints: string[]) => ({
    absWorkingDir: root,
    entryPoints,
    outdir: cacheDir,
    outbase: root,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    plugins: [externalPackagesByUrl],
    // Resolve packages as Node does: no "module" condition, no "module" main field.
    conditions: [],
    mainFields: ["main"],
    format: "esm" as const,
    platform: "node" as const,
    target: "node20",
    // A .map beside each file, read only to explain an error: inline maps slow every import.
    sourcemap: "external" as const,
    metafile: true,
    logLevel: "silent" as const,
  });
  const failed = new Set<string>();
  const record = async (metafile: import("esbuild").Metafile) => {
    for (const output of Object.values(metafile.outputs)) {
      if (!output.entryPoint) continue;
      const inputs: Record<string, [number, number]> = {};
      for (const input of Object.keys(output.inputs)) {
        const info = await stat(path.join(root, input)).catch(() => undefined);
        if (info) inputs[input] = [info.size, info.mtimeMs];
      }
      index.entries[output.entryPoint] = inputs;
    }
  };
  try {
    await record((await esbuild.build(options([...files]))).metafile!);
  } catch {
    // Some source does not compile: build each on its own so the others still load.
    await Promise.all(
      files.map(async (file) => {
        try {
          await record((await esbuild.build(options([file]))).metafile!);
        } catch (error) {
          failed.add(file);
          delete index.entries[file]; // not cached: the next run tries it again
          diagnostics.push(...compileFailures(file, error));
        }
      }),
    );
  }
  await writeFile(path.join(cacheDir, "index.json"), JSON.stringify(index));
  return failed;
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

function importFailure(root: string, file: string, error: unknown): Diagnostic {
  const text = error instanceof Error ? error.message : String(error);
  const position = throwPosition(root, file, error);
  return {
    rule: "load",
    severity: "error",
    file,
    ...position,
    message: `importing ${file} threw "${text}"; nothing written`,
    hint: "fix the error at that line, then rerun",
  };
}

// The first stack frame that maps back into the source itself.
function throwPosition(root: string, file: string, error: unknown): { line?: number; column?: number } {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const absolute = path.join(root, file);
  for (const line of stack.split("\n")) {
    const match = /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const frameFile = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    const mapped = toSourcePosition({ file: frameFile, line: Number(match[2]), column: Number(match[3]) });
    if (mapped.file === absolute) return { line: mapped.line, column: mapped.column };
  }
  return {};
}
