import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.js";
import { type ProcessEndAttempt, type SourceFault, takeSourceFaults } from "./process-guard.js";
import { findInCompiledSources, placeInSource, sourceFramesOf } from "./source-frames.js";

/** The diagnostic for a source that tried to end the process while trunkline ran, at the call when its stack tells. */
export function endAttemptDiagnostic(source: string, attempt: ProcessEndAttempt, when: "loading" | "later"): Diagnostic {
  return endDiagnostic(source, attempt.call, placeInSource(attempt.stack ?? "", source), when);
}

/**
 * Turns what sources did while trunkline ran (see `guardProcess`) into diagnostics naming the
 * source and, when the stack tells, the line. Returns each fault once.
 */
export function takeSourceFaultDiagnostics(): Diagnostic[] {
  return takeSourceFaults().flatMap(describeFault);
}

function describeFault(fault: SourceFault): Diagnostic[] {
  if (fault.kind === "end") {
    const source = sourceFramesOf(fault.attempt.stack ?? "").at(-1)?.source;
    if (source) return [endAttemptDiagnostic(source, fault.attempt, "later")];
    // `setTimeout(process.exit)` or `.then(process.exit)`: no frame of the source is on the stack,
    // but its compiled text names the function it handed over.
    const name = fault.attempt.call.slice(0, fault.attempt.call.indexOf("("));
    const suspects = findInCompiledSources(new RegExp(`\\b${name.replace(".", "\\s*\\.\\s*")}\\b`));
    if (suspects.length) {
      return suspects.map((suspect) => endDiagnostic(suspect.source, fault.attempt.call, suspect.position.file === suspect.source ? { line: suspect.position.line, column: suspect.position.column } : { at: suspect.position }, "later"));
    }
    return [{ rule: "load", severity: "error", file: ".", message: `a source called ${fault.attempt.call}, which would have ended trunkline before it checked anything; nothing written`, hint: "a workflow source is imported, not run as a script: remove the call, and only export workflows" }];
  }
  const stack = fault.error instanceof Error ? (fault.error.stack ?? "") : "";
  const text = fault.error instanceof Error ? fault.error.message : String(fault.error);
  const source = sourceFramesOf(stack).at(-1)?.source;
  const place = source ? placeInSource(stack, source) : {};
  return [{
    rule: "load", severity: "error", file: source ?? ".",
    ...lineOf(place),
    message: `a timer or promise ${source ?? "a source"} started threw "${text}"${atText(place.at)} after it was imported; nothing written`,
    hint: "catch the error where it is thrown, or leave no work running in a workflow source",
  }];
}

function endDiagnostic(source: string, call: string, place: { line?: number; column?: number; at?: SourcePosition }, when: "loading" | "later"): Diagnostic {
  const from = when === "loading" ? "while it was imported" : "from a timer or promise it started";
  return {
    rule: "load", severity: "error", file: source,
    ...lineOf(place),
    message: `${source} called ${call}${atText(place.at)} ${from}, which would have ended trunkline before it checked anything; nothing written`,
    hint: "a workflow source is imported, not run as a script: remove the call, and only export workflows",
  };
}

function lineOf(place: { line?: number; column?: number }): { line?: number; column?: number } {
  return place.line === undefined ? {} : { line: place.line, column: place.column ?? 1 };
}

function atText(at: SourcePosition | undefined): string {
  return at ? ` (at ${at.file}:${at.line}:${at.column})` : "";
}
