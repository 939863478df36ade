import { type Document, LineCounter, type Node, type Pair, isMap, isPair, isScalar, isSeq } from "yaml";
import { readYaml } from "../yaml-reader/read-yaml.js";
import type { WorkflowPath } from "./diagnostic.js";

/** A parsed YAML text that answers "where is this path?" and "which path is at this line?". */
export interface YamlLocator {
  /**
   * 1-based line and column of the deepest node along `path` that exists; with `within`, of the
   * first place that text is written inside that node (an expression on line 3 of a `run: |` block).
   */
  positionOf(path: WorkflowPath, within?: string): { line: number; column: number } | undefined;
  /** The path of the innermost node that starts on or spans the given 1-based line and column. */
  pathAt(line: number, column: number): WorkflowPath;
}

/** Parses YAML once for locating; cheap enough to do only for files that have diagnostics. */
export function createLocator(text: string): YamlLocator {
  const lineCounter = new LineCounter();
  // the quick reader: a locator is made for every output with a finding, on every run
  return locatorOf(readYaml(text, lineCounter), lineCounter, text);
}

/** A locator over a document already parsed from `text` with `lineCounter` (lint parses each file once). */
export function locatorOf(document: Document, lineCounter: LineCounter, text: string): YamlLocator {
  const toPosition = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    positionOf(path, within) {
      let node: unknown = document.contents;
      let found: Node | Pair | undefined = document.contents ?? undefined;
      for (const key of path) {
        const next = childOf(node, key);
        if (!next) break;
        found = next.reportAt;
        node = next.value;
      }
      const range = (found && "range" in found ? found.range : (found as Pair | undefined)?.key && (found as Pair & { key: Node }).key.range) as [number, number, number] | undefined;
      if (!range) return undefined;
      const at = within ? text.indexOf(within, range[0]) : -1;
      return toPosition(at >= 0 && at < range[1] ? at : range[0]);
    },
    pathAt(line, column) {
      const offset = offsetOf(text, line, column);
      const path: WorkflowPath = [];
      let node: unknown = document.contents;
      for (;;) {
        if (isMap(node)) {
          const pair = node.items.find((item) => spans(item, offset));
          if (!pair || !isScalar(pair.key)) break;
          path.push(String(pair.key.value));
          node = pair.value;
        } else if (isSeq(node)) {
          const index = node.items.findIndex((item) => spans(item, offset));
          if (index < 0) break;
          path.push(index);
          node = node.items[index];
        } else break;
      }
      return path;
    },
  };
}

// The value under `key`, and the node to report at: a scalar value itself; for a mapping or sequence
// value, its key (the line that names it, where GitHub's parser reports such problems too).
function childOf(node: unknown, key: string | number): { value: unknown; reportAt: Node | Pair } | undefined {
  if (isMap(node) && typeof key === "string") {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (!pair) return undefined;
    const value = pair.value as Node | null;
    return { value, reportAt: value && "range" in value && value.range && !isMap(value) && !isSeq(value) ? value : (pair.key as Node) };
  }
  if (isSeq(node) && typeof key === "number") {
    const item = node.items[key] as Node | undefined;
    return item ? { value: item, reportAt: item } : undefined;
  }
  return undefined;
}

function spans(item: unknown, offset: number): boolean {
  if (isPair(item)) {
    const start = (item.key as Node | null)?.range?.[0];
    const end = (item.value as Node | null)?.range?.[2] ?? (item.key as Node | null)?.range?.[2];
    return start !== undefined && end !== undefined && offset >= start && offset < Math.max(end, start + 1);
  }
  const range = (item as Node | null)?.range;
  return !!range && offset >= range[0] && offset < Math.max(range[2], range[0] + 1);
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}
