import { createTwoFilesPatch } from "diff";
import { withLf } from "./line-endings.js";
import type { Drift } from "./plan-sync.js";

/** A unified diff from the file on disk to what the sources generate; CRLF on disk reads as LF, as line endings never count. */
export function unifiedDiff(drift: Drift): string {
  return createTwoFilesPatch(`a/${drift.path}`, `b/${drift.path}`, withLf(drift.actual ?? ""), drift.expected ?? "", drift.actual === undefined ? "missing" : "on disk", drift.expected === undefined ? "no source" : "generated", { context: 3 });
}
