import type { Diagnostic } from "../diagnostic.js";

/** Diagnostics as a JSON array, one object per diagnostic, for tools. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(diagnostics, null, 2)}\n`;
}
