import type { Diagnostic } from "../diagnostic.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatPretty } from "./pretty.js";

/** The output formats every command accepts with `--format`. */
export const FORMATS = ["pretty", "json", "github"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Formats diagnostics in the chosen format. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], format: Format): string {
  switch (format) {
    case "json":
      return formatJson(diagnostics);
    case "github":
      return formatGithub(diagnostics);
    default:
      return formatPretty(diagnostics);
  }
}
