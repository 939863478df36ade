import { formatPath } from "../../normalize/to-json.js";
import type { Diagnostic } from "../diagnostic.js";

/** Human-readable diagnostics: the TypeScript line first when known, then the YAML place, then the hint. */
export function formatPretty(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatOne).join("");
}

function formatOne(diagnostic: Diagnostic): string {
  const yamlPlace = place(diagnostic.file, diagnostic.line, diagnostic.column);
  const lines: string[] = [];
  if (diagnostic.source) {
    lines.push(`${place(diagnostic.source.file, diagnostic.source.line, diagnostic.source.column)}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`);
    lines.push(`  at ${diagnostic.path ? `${formatPath(diagnostic.path)} ` : ""}(${yamlPlace})`);
  } else {
    lines.push(`${yamlPlace}: ${diagnostic.severity}: ${diagnostic.message} [${diagnostic.rule}]`);
  }
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  return `${lines.join("\n")}\n`;
}

function place(file: string, line?: number, column?: number): string {
  return line === undefined ? file : `${file}:${line}:${column ?? 1}`;
}
