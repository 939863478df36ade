import { formatPath } from "../../normalize/to-json.js";
import type { Diagnostic } from "../diagnostic.js";

/**
 * Human-readable diagnostics: the TypeScript line first when known, then the YAML place, the hint,
 * and — when the file's text is given — the YAML lines around the place with a caret under it.
 */
export function formatPretty(diagnostics: readonly Diagnostic[], texts?: ReadonlyMap<string, string>): string {
  const lineCache = new Map<string, string[]>();
  const linesOf = (file: string) => {
    let lines = lineCache.get(file);
    const text = texts?.get(file);
    if (!lines && text !== undefined) lineCache.set(file, (lines = text.split(/\r?\n/)));
    return lines;
  };
  return diagnostics.map((diagnostic) => formatOne(diagnostic, linesOf(diagnostic.file))).join("");
}

function formatOne(diagnostic: Diagnostic, fileLines?: readonly string[]): string {
  const yamlPlace = place(diagnostic.file, diagnostic.line, diagnostic.column);
  const lines: string[] = [];
  if (diagnostic.source) {
    lines.push(`${place(diagnostic.source.file, diagnostic.source.line, diagnostic.source.column)}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`);
    lines.push(`  at ${diagnostic.path ? `${formatPath(diagnostic.path)} ` : ""}(${yamlPlace})`);
  } else {
    lines.push(`${yamlPlace}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`);
  }
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  if (fileLines && diagnostic.line !== undefined) lines.push(...codeFrame(fileLines, diagnostic.line, diagnostic.column ?? 1));
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
