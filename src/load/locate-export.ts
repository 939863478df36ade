/**
 * The 1-based line and column where a module declares an export: `export default`, `export const
 * name`, `export function name`, or `name` inside `export { … }`. Undefined when not found (an
 * export from a re-export, say), in which case the diagnostic keeps only its file.
 */
export function locateExport(text: string, exportName: string): { line: number; column: number } | undefined {
  const name = exportName.replace(/[$]/g, "\\$");
  const patterns =
    exportName === "default"
      ? [/\bexport\s+default\b/, /\bexport\s*\{[^}]*\bas\s+default\b/]
      : [new RegExp(`\\bexport\\s+(?:declare\\s+)?(?:const|let|var|function\\*?|async\\s+function|class|enum)\\s+${name}\\b`), new RegExp(`\\bexport\\s*\\{[^}]*\\b${name}\\b`)];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const before = text.slice(0, match.index);
    const line = before.split("\n").length;
    return { line, column: match.index - before.lastIndexOf("\n") };
  }
  return undefined;
}
