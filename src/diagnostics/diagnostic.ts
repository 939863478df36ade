/** Where a problem is in a workflow: keys and sequence indexes from the document root. */
export type WorkflowPath = (string | number)[];

/** A TypeScript call site: the line that defined a workflow, job or step. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/**
 * An edit to make by hand in a TypeScript source, for a finding on a generated file: where (the
 * call site that wrote the step, job or workflow), what to do, and the code to write there.
 */
export interface SuggestedEdit {
  file: string;
  line: number;
  column: number;
  /** What to change, in the imperative. */
  text: string;
  /** The TypeScript to write (a property or two of the object at that line), possibly several lines. */
  code: string;
}

/**
 * One problem found by any stage (load, schema, parser, rules, sync), in one shape so every
 * formatter and exit-code decision treats them alike.
 */
export interface Diagnostic {
  /** A rule id in kebab-case, or one of "schema" | "parser" | "load" | "sync" | "normalize" | "config". */
  rule: string;
  severity: "error" | "warning";
  /** What is wrong, in the user's terms, quoting their values. */
  message: string;
  /** What to do about it, in the imperative. */
  hint?: string;
  /** Repo-relative path with "/" separators: the YAML file, or the source file for load errors. */
  file: string;
  /** 1-based; filled from `path` by locate(), never by a rule. */
  line?: number;
  column?: number;
  path?: WorkflowPath;
  /** Text inside the value at `path` the finding is about, to place it on that text's line; dropped once placed. */
  within?: string;
  /** The TypeScript call site that created the offending job or step, when known. */
  source?: SourcePosition;
  /** The edit to make in that source, for a finding `lint --fix` would fix in hand-written YAML. */
  suggestion?: SuggestedEdit;
}

/** Orders diagnostics by file, line, column, then rule, so output is stable run to run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.rule, b.rule) ||
      compareText(a.message, b.message),
  );
}

/** The diagnostic without its suggested edit: what `--quiet` prints, errors only and tersely. */
export function withoutSuggestion(diagnostic: Diagnostic): Diagnostic {
  if (!diagnostic.suggestion) return diagnostic;
  const { suggestion: _suggestion, ...rest } = diagnostic;
  return rest;
}

/** Whether any diagnostic is an error (warnings never block). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
