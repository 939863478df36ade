import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourcePosition } from "../diagnostics/diagnostic.js";
import { toSourcePosition } from "./source-map.js";

/** Where a stack frame in a compiled source points: the source it belongs to, and the TypeScript place. */
export interface SourceFrame {
  /** The repo-relative source (the entry that was imported). */
  source: string;
  /** The TypeScript position, repo-relative: in the source itself, or in a module it imports. */
  position: SourcePosition;
}

// Compiled file (absolute, no query) → the source it was built from, for every module imported so far.
const compiledSources = new Map<string, { root: string; source: string }>();

/** Records that `compiled` (an absolute path in the cache) was built from the repo-relative `source`. */
export function rememberCompiled(compiled: string, root: string, source: string): void {
  compiledSources.set(compiled, { root, source });
}

/**
 * The frames of `stack` that run in a compiled source, outermost last, each mapped back to its
 * TypeScript file and line. Source maps are read only here, when a problem needs a place.
 */
export function sourceFramesOf(stack: string): SourceFrame[] {
  const frames: SourceFrame[] = [];
  for (const line of stack.split("\n")) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const file = (match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!).replace(/\?[^/\\]*$/, "");
    const compiled = compiledSources.get(file);
    if (!compiled) continue;
    const mapped = toSourcePosition({ file, line: Number(match[2]), column: Number(match[3]) });
    const relative = path.relative(compiled.root, mapped.file).split(path.sep).join("/");
    frames.push({ source: compiled.source, position: { ...mapped, file: relative } });
  }
  return frames;
}

/** The line and column in `source` itself of the innermost frame there, or of the first frame of that source elsewhere (`at`). */
export function placeInSource(stack: string, source: string): { line?: number; column?: number; at?: SourcePosition } {
  const frames = sourceFramesOf(stack).filter((frame) => frame.source === source);
  const own = frames.find((frame) => frame.position.file === source);
  if (own) return { line: own.position.line, column: own.position.column, ...(frames[0] !== own ? { at: frames[0]!.position } : {}) };
  return frames[0] ? { at: frames[0].position } : {};
}

/**
 * Where the compiled sources contain `pattern`, mapped back to TypeScript: the fallback when a stack
 * names no source, as when a source hands `process.exit` itself to a timer or a promise.
 */
export function findInCompiledSources(pattern: RegExp): SourceFrame[] {
  const found: SourceFrame[] = [];
  for (const [compiled, { root, source }] of compiledSources) {
    let text: string;
    try {
      text = readFileSync(compiled, "utf8");
    } catch {
      continue;
    }
    const match = new RegExp(pattern.source, pattern.flags.replace("g", "")).exec(text);
    if (!match) continue;
    const before = text.slice(0, match.index);
    const line = before.split("\n").length;
    const mapped = toSourcePosition({ file: compiled, line, column: match.index - before.lastIndexOf("\n") });
    found.push({ source, position: { ...mapped, file: path.relative(root, mapped.file).split(path.sep).join("/") } });
  }
  return found;
}
