import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import type { SourcePosition } from "../diagnostics/diagnostic.js";

const maps = new Map<string, SourceMap | undefined>();
// A source imported as it is (absolute copy → absolute source): every position the same.
const copies = new Map<string, string>();

/** Records that `compiled` is a copy of `source` (both absolute), or with undefined that it is esbuild's build again. */
export function rememberCopy(compiled: string, source: string | undefined): void {
  if (copies.get(compiled) === source) return;
  maps.delete(compiled); // a build's map read before is not this file's
  if (source === undefined) copies.delete(compiled);
  else copies.set(compiled, source);
}

/**
 * Maps a position in a compiled source (`.trunkline/cache/…/x.mjs`) back to the TypeScript file
 * and line, through the `.map` file esbuild wrote beside it. Positions anywhere else come back
 * as they are. Read only when a diagnostic needs it, which keeps source maps off the hot path.
 */
export function toSourcePosition(framePosition: SourcePosition): SourcePosition {
  // Modules are imported with a ?v= query (so a rebuilt file reloads); frames may carry it.
  const position = { ...framePosition, file: framePosition.file.replace(/\?[^/\\]*$/, "") };
  if (!position.file.endsWith(".mjs")) return position;
  const copied = copies.get(position.file);
  if (copied !== undefined) return { ...position, file: copied };
  let map = maps.get(position.file);
  if (!maps.has(position.file)) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${position.file}.map`, "utf8")));
    } catch {
      map = undefined; // not one of ours, or no map: keep the compiled position
    }
    maps.set(position.file, map);
  }
  const entry = map?.findEntry(position.line - 1, position.column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
  if (!entry?.originalSource || entry.originalLine === undefined) return position;
  const original = entry.originalSource.startsWith("file://") ? new URL(entry.originalSource).pathname : path.resolve(path.dirname(position.file), entry.originalSource);
  return { file: original, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
}
