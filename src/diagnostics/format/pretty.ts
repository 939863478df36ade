import { formatPath } from "../../normalize/to-json.js";
import type { Diagnostic } from "../diagnostic.js";

/** Colours for {@link formatPretty}; the CLI's terminal style fits it. Plain text when absent. */
export interface PrettyStyle {
  error(text: string): string;
  warning(text: string): string;
  path(text: string): string;
  rule(text: string): string;
  dim(text: string): string;
}

const identity = (text: string) => text;
const PLAIN: PrettyStyle = { error: identity, warning: identity, path: identity, rule: identity, dim: identity };

/**
 * Human-readable diagnostics: the TypeScript line first when known, then the YAML place, the hint,
 * and — when the file's text is given — the YAML lines around the place with a caret under it.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], texts?: ReadonlyMap<string, string>, style: PrettyStyle = PLAIN): string {
  const lineCache = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let lines = lineCache.get(file);
    const text = texts?.get(file);
    if (!lines && text !== undefined) lineCache.set(file, (lines = text.split(/\r?\n/)));
    return lines;
  };
  return diagnostics.map((diagnostic) => formatOne(diagnostic, linesOf(diagnostic.file), style)).join("");
}

function formatOne(diagnostic: Diagnostic, fileLines: readonly string[] | undefined, style: PrettyStyle): string {
  const yamlPlace = place(diagnostic.file, diagnostic.line, diagnostic.column);
  const severity = diagnostic.severity === "error" ? style.error(diagnostic.severity) : style.warning(diagnostic.severity);
  const lines: string[] = [];
  if (diagnostic.source) {
    lines.push(`${style.path(place(diagnostic.source.file, diagnostic.source.line, diagnostic.source.column))}: ${severity}: ${diagnostic.message} ${style.rule(`[${diagnostic.rule}]`)}`);
    lines.push(`  at ${diagnostic.path ? `${formatPath(diagnostic.path)} ` : ""}(${style.path(yamlPlace)})`);
  } else {
    lines.push(`${style.path(yamlPlace)}: ${severity}: ${diagnostic.message} ${style.rule(`[${diagnostic.rule}]`)}`);
  }
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  // the edit to make in TypeScript, at the line that wrote the step, job or workflow
  const edit = diagnostic.suggestion;
  if (edit) {
    const elsewhere = !diagnostic.source || diagnostic.source.file !== edit.file || diagnostic.source.line !== edit.line;
    lines.push(`  ${style.rule("suggested edit")}${elsewhere ? ` at ${style.path(place(edit.file, edit.line, edit.column))}` : ""}: ${edit.text}`);
    lines.push(...edit.code.split("\n").map((line) => `    ${line}`));
  }
  if (fileLines && diagnostic.line !== undefined) lines.push(...codeFrame(fileLines, diagnostic.line, diagnostic.column ?? 1).map(style.dim));
  return `${lines.join("\n")}\n`;
}

// The line before, the line itself and a caret under the column: enough to recognise the place.
function codeFrame(fileLines: readonly string[], line: number, column: number): string[] {
  if (line < 1 || line > fileLines.length) return [];
  const first = Math.max(1, line - 1);
  const width = String(line).length;
  const frame: string[] = [];
  for (let number = first; number <= line; number++) {
    frame.push(`  ${number === line ? ">" : " "} ${String(number).padStart(width)} | ${fileLines[number - 1]}`);
  }
  frame.push(`    ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}^`);
  return frame;
}

function place(file: string, line?: number, column?: number): string {
  return line === undefined ? file : `${file}:${line}:${column ?? 1}`;
}
