import type { Diagnostic } from "../diagnostic.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { type PrettyStyle, formatPretty } from "./pretty.js";
import { formatSarif } from "./sarif.js";

/** The output formats every command accepts with `--format`. */
export const FORMATS = ["pretty", "json", "github", "sarif"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Formats for tools: they own stdout, and always print a document that parses. */
export function isMachineFormat(format: Format): boolean {
  return format === "json" || format === "sarif";
}

/**
 * Formats diagnostics in the chosen format. `texts` (file → content) lets `pretty` show the lines
 * around each problem; `style` colours `pretty` only: the other formats are read by tools.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format, texts?: ReadonlyMap<string, string>, style?: PrettyStyle): string {
  switch (format) {
    case "json":
      return formatJson(diagnostics);
    case "github":
      return formatGithub(diagnostics);
    case "sarif":
      return formatSarif(diagnostics);
    default:
      return formatPretty(diagnostics, texts, style);
  }
}
