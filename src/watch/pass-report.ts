import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { ExitCode } from "../cli/exit-code.js";
import type { PassRecord } from "./watch-memory.js";

/** One pass of a watch: what set it off, what the command did, how long it took. */
export interface Pass {
  command: "gen" | "check";
  /** When the pass started. */
  at: Date;
  /** The changed files (repo-relative) that set it off; undefined for the first pass. */
  changed?: ReadonlySet<string>;
  code: ExitCode;
  record: PassRecord;
  ms: number;
}

/** The line that opens a pass in the human formats: the problem matcher's `beginsPattern` finds it. */
export function passStartLine(at: Date, changed: ReadonlySet<string> | undefined): string {
  return `${clock(at)} ${changed ? `${describeFiles(changed)} changed` : "start"}\n`;
}

/**
 * The line that closes a pass, with its time, e.g.
 * `12:03:04 workflows-src/ci.ts → .github/workflows/ci.yml written (23 ms)`: the problem matcher's
 * `endsPattern` finds it by the time at its end.
 */
export function passEndLine(pass: Pass): string {
  const what = pass.changed ? describeFiles(pass.changed) : "start";
  const outputs = writtenOutputs(pass.record);
  const took = `(${pass.ms} ms)`;
  if (pass.code === ExitCode.SourceErrors) return `${clock(pass.at)} ${what}: errors in sources, nothing written ${took}; waiting for the next save\n`;
  if (pass.command === "check") {
    return `${clock(pass.at)} ${what}: ${pass.code === ExitCode.Ok ? "every generated file is up to date" : "generated files out of sync"} ${took}\n`;
  }
  const parts = [outputs.length ? `${describeFiles(outputs)} written` : "", pass.record.removed.length ? `${describeFiles(pass.record.removed)} removed` : ""].filter(Boolean);
  return `${clock(pass.at)} ${what} ${parts.length ? `→ ${parts.join(", ")}` : "→ nothing to write"} ${took}\n`;
}

/**
 * The pass as one line of JSON (NDJSON: one document per line, per pass), for `--format json`.
 * `diagnostics` is the array the one-shot command prints for the same state.
 */
export function passJsonLine(pass: Pass, diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify({
    time: pass.at.toISOString(),
    command: pass.command,
    changed: pass.changed ? [...pass.changed].sort() : null,
    exitCode: pass.code,
    written: writtenOutputs(pass.record),
    removed: [...pass.record.removed].sort(),
    ms: pass.ms,
    diagnostics,
  })}\n`;
}

// The generated files written, without trunkline's own bookkeeping (the manifest, the baseline).
function writtenOutputs(record: PassRecord): string[] {
  return record.written.filter((file) => !file.startsWith(".trunkline/")).sort();
}

// A few names in full; a long list (a helper every source imports) is counted.
function describeFiles(files: Iterable<string>): string {
  const sorted = [...files].sort();
  return sorted.length <= 3 ? sorted.join(", ") : `${sorted.slice(0, 2).join(", ")} and ${sorted.length - 2} more`;
}

// Local wall-clock time, as the editor's status bar shows it.
function clock(at: Date): string {
  return at.toTimeString().slice(0, 8);
}
