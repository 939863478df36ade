import { readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { plainImportsOf } from "./plain-source.js";

/** A source written to the cache as it is, to be imported without esbuild. */
export interface PlainCopy {
  /** The size and mtime of the source, read before its text. */
  stamp: [number, number];
  /** The package files its imports resolve to (absolute), as esbuild would record them. */
  packages: string[];
  /** Marks the start of its evaluation (see {@link evaluationStarted}). */
  nonce: string;
}

// The nonces of the copies that began to evaluate: one set per process, shared by every instance
// of this module, in place before any copy is imported (one written by an earlier run too).
const started = ((globalThis as Record<symbol, unknown>)[Symbol.for("trunkline.evaluating")] ??= new Set<string>()) as Set<string>;
let copies = 0;

/**
 * Whether the copy written with `nonce` began to evaluate: its mark (see markedCopy) runs after
 * the packages it imports and before its own first statement. A copy whose import failed before
 * that (a parse or link error: TypeScript syntax, a type-only import) never ran, and can be
 * imported again, compiled.
 */
export function evaluationStarted(nonce: string): boolean {
  return started.has(nonce);
}

/**
 * Writes each of `files` that needs no compiling (see {@link plainImportsOf}) to `output(file)`,
 * as it is, for Node to import: the same path esbuild writes, so `import.meta.url` is the same,
 * and every line and column the same as in the source. Only where Node, resolving its packages
 * from the copy's folder, finds what esbuild finds from the source's folder: no package.json,
 * node_modules or tsconfig between the source and the project root, and no tsconfig `paths` or
 * `baseUrl` above. Returns the copies written, by source.
 */
export async function writePlainCopies(root: string, cacheDir: string, files: readonly string[], output: (file: string) => string): Promise<Map<string, PlainCopy>> {
  const written = new Map<string, PlainCopy>();
  const candidates = files.filter((file) => /\.m?ts$/.test(file) && !/\.d\.m?ts$/.test(file) && !file.startsWith("../"));
  if (candidates.length === 0 || !(await tsconfigKeepsPackages(root))) return written;
  const nodeOnly = nodeOnlyConditions();
  const resolver = await packageResolver(cacheDir);
  const packageChecks = new Map<string, Promise<boolean>>();
  const sameForEsbuild = (file: string) => {
    let check = packageChecks.get(file);
    if (!check) {
      check = resolvesAlikeFor(file, nodeOnly);
      packageChecks.set(file, check);
    }
    return check;
  };
  const folders = new Map<string, Promise<boolean>>();
  const plainFolder = (folder: string): Promise<boolean> => {
    if (folder === "." || folder === "") return Promise.resolve(true);
    let verdict = folders.get(folder);
    if (!verdict) {
      verdict = Promise.all([plainFolder(path.posix.dirname(folder)), readdir(path.join(root, folder)).then((names) => !names.some((name) => NOT_PLAIN_IN_FOLDER.has(name)), () => false)]).then(([above, here]) => above && here);
      folders.set(folder, verdict);
    }
    return verdict;
  };
  // each output folder made once, and what it already holds (maps of earlier builds)
  const outputs = new Map<string, Promise<Set<string>>>();
  const outputFolder = (folder: string): Promise<Set<string>> => {
    let names = outputs.get(folder);
    if (!names) {
      names = mkdir(folder, { recursive: true }).then(() => readdir(folder)).then((found) => new Set(found));
      outputs.set(folder, names);
    }
    return names;
  };
  await Promise.all(
    candidates.map(async (file) => {
      if (!(await plainFolder(path.posix.dirname(file)))) return;
      const source = path.join(root, file);
      let text: string;
      let stamp: [number, number];
      try {
        // stamped before reading: a save in between makes the next run copy it again. Read and
        // written synchronously, as every small file of a run: the promise API costs several times
        // the CPU for each, and nothing else waits on this thread meanwhile.
        const info = statSync(source);
        stamp = [info.size, info.mtimeMs];
        text = readFileSync(source, "utf8");
      } catch {
        return; // esbuild reports it
      }
      const specifiers = plainImportsOf(text);
      if (!specifiers) return;
      const packages: string[] = [];
      for (const specifier of specifiers) {
        let url: string;
        try {
          url = resolver(specifier);
        } catch {
          return; // a package Node cannot find: esbuild reports it as today
        }
        if (url.startsWith("file:")) packages.push(fileURLToPath(url));
        else if (!url.startsWith("node:")) return;
      }
      if (!(await Promise.all(packages.map(sameForEsbuild))).every(Boolean)) return;
      const nonce = `${Date.now().toString(36)}.${process.pid.toString(36)}.${++copies}`;
      const target = output(file);
      const existing = await outputFolder(path.dirname(target));
      writeFileSync(target, markedCopy(text, nonce));
      // a map left by an earlier build would move its error positions
      if (existing.has(`${path.basename(target)}.map`)) await rm(`${target}.map`, { force: true });
      written.set(file, { stamp, packages: [...new Set(packages)], nonce });
    }),
  );
  return written;
}

/**
 * The export conditions this Node matches and esbuild (as trunkline calls it: "node", "import",
 * "default") does not: its own ("module-sync", "node-addons") and those given with `--conditions`
 * (`-C`, on the command line or in NODE_OPTIONS). A package that names one may resolve to another
 * file in Node. As a pattern of quoted names.
 */
function nodeOnlyConditions(): RegExp {
  const names = new Set(["module-sync", "node-addons"]);
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean)];
  args.forEach((arg, at) => {
    const joined = /^(?:--conditions=|-C=?)(.+)$/.exec(arg);
    if (joined) names.add(joined[1]!);
    else if ((arg === "--conditions" || arg === "-C") && args[at + 1] !== undefined) names.add(args[at + 1]!);
  });
  for (const shared of ["node", "import", "default"]) names.delete(shared);
  return new RegExp(`"(?:${[...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})"`);
}

/**
 * Whether the package that `file` belongs to resolves the same in Node and esbuild: none of the
 * package.json files from its folder up to the package's own names a condition only Node matches.
 */
async function resolvesAlikeFor(file: string, nodeOnly: RegExp): Promise<boolean> {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    const text = await readFile(path.join(folder, "package.json"), "utf8").catch(() => undefined);
    if (text !== undefined && nodeOnly.test(text)) return false;
    const parent = path.dirname(folder);
    // the package's own folder: node_modules/<name> or node_modules/@scope/<name>, or a project's root
    if (path.basename(parent) === "node_modules" || path.basename(path.dirname(parent)) === "node_modules" || (text !== undefined && /"name"\s*:/.test(text)) || parent === folder) return true;
  }
}

// What makes a folder between a source and the project root change how its imports resolve.
const NOT_PLAIN_IN_FOLDER = new Set(["package.json", "node_modules", "tsconfig.json", "jsconfig.json"]);

// The copy of `text`, marked so that the start of its evaluation shows (evaluationStarted): after
// the source's own imports, before its body. Most sources start with an import or a comment, and
// there a statement put before the first line is it, imports being hoisted: it moves that line's
// columns only, where no call site or error can be. Elsewhere an import appended after the last
// line does it, moving nothing, at the cost of one more module for Node to load.
function markedCopy(text: string, nonce: string): string {
  const mark = `globalThis[Symbol.for("trunkline.evaluating")]?.add(${JSON.stringify(nonce)})`;
  const newline = text.indexOf("\n");
  const firstLine = newline < 0 ? text : text.slice(0, newline);
  if (FIRST_LINE_WITHOUT_CODE.test(firstLine)) return `${mark};${text}${text.endsWith("\n") ? "" : "\n"}`;
  return `${text}${text.endsWith("\n") ? "" : "\n"}import "data:text/javascript,${encodeURIComponent(mark)}";\n`;
}

// Blank, a line comment, a block comment that goes on, or one import declaration (or the start of
// one) with nothing after it but a line comment.
const FIRST_LINE_WITHOUT_CODE = /^\s*(?:\/\/.*|\/\*(?:(?!\*\/).)*|import(?:\s|\{|"|')[^;]*(?:;\s*(?:\/\/.*)?)?)?$/;

// Resolves a specifier as Node does from `.trunkline/cache`: the copies live below it, and nothing
// between them and it changes resolution (only compiled files are written there).
async function packageResolver(cacheDir: string): Promise<(specifier: string) => string> {
  // beside the cache's folders, where no compiled source can be written
  const file = path.join(path.dirname(cacheDir), "resolve-packages.mjs");
  const text = "export const resolve = (specifier) => import.meta.resolve(specifier);\n";
  const current = await readFile(file, "utf8").catch(() => undefined);
  if (current !== text) {
    await mkdir(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const { resolve } = (await import(pathToFileURL(file).href)) as { resolve: (specifier: string) => string };
  return resolve;
}

/**
 * Whether esbuild resolves package imports from the project root as Node does: the tsconfig it
 * reads there (the nearest, at the root or above) has no `paths` or `baseUrl`, nor does any it
 * extends. A config that cannot be read through keeps every source on esbuild.
 */
async function tsconfigKeepsPackages(root: string): Promise<boolean> {
  for (let folder = root; ; folder = path.dirname(folder)) {
    for (const name of ["tsconfig.json", "jsconfig.json"]) {
      const file = path.join(folder, name);
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text !== undefined) return configKeepsPackages(file, text, 0);
    }
    if (path.dirname(folder) === folder) return true;
  }
}

async function configKeepsPackages(file: string, text: string, depth: number): Promise<boolean> {
  if (/"(?:paths|baseUrl)"\s*:/.test(text)) return false;
  if (!/"extends"\s*:/.test(text)) return true;
  const extended = /"extends"\s*:\s*"([^"\\]+)"/.exec(text)?.[1];
  if (extended === undefined || depth > 4) return false;
  let base: string | undefined;
  if (/^\.{0,2}\//.test(extended) || path.isAbsolute(extended)) {
    const resolved = path.resolve(path.dirname(file), extended);
    base = [resolved, `${resolved}.json`].find((candidate) => candidate.endsWith(".json"));
  } else {
    const require = createRequire(file);
    for (const candidate of [extended, `${extended}.json`, `${extended}/tsconfig.json`]) {
      try {
        base = require.resolve(candidate);
        break;
      } catch {
        // the next form
      }
    }
  }
  const baseText = base === undefined ? undefined : await readFile(base, "utf8").catch(() => undefined);
  return base !== undefined && baseText !== undefined && configKeepsPackages(base, baseText, depth + 1);
}
