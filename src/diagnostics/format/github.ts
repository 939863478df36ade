import type { Diagnostic } from "../diagnostic.js";

/** Workflow commands that GitHub shows as annotations on the pull request's files. */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const at = diagnostic.source ?? (diagnostic.line !== undefined ? { file: diagnostic.file, line: diagnostic.line, column: diagnostic.column ?? 1 } : undefined);
      const properties = [`file=${escapeProperty(at?.file ?? diagnostic.file)}`];
      if (at) properties.push(`line=${at.line}`, `col=${at.column}`);
      properties.push(`title=${escapeProperty(`trunkline ${diagnostic.rule}`)}`);
      const text = diagnostic.hint ? `${diagnostic.message}\n${diagnostic.hint}` : diagnostic.message;
      return `::${diagnostic.severity} ${properties.join(",")}::${escapeData(text)}\n`;
    })
    .join("");
}

// Escaping as the workflow-command format defines it.
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
