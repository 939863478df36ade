// SARIF 2.1.0, the format GitHub code scanning reads (upload it with github/codeql-action/upload-sarif):
// https://docs.github.com/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
import { renderRuleDoc } from "../../rules/_docs.js";
import { allRules } from "../../rules/index.js";
import type { Diagnostic } from "../diagnostic.js";

// The layers that are not rules of src/rules/, described for code scanning's rule list.
const LAYERS: Readonly<Record<string, string>> = {
  schema: "The workflow does not match GitHub's workflow schema.",
  parser: "GitHub's own workflow parser rejects the workflow.",
  load: "A workflow source or file could not be read.",
  normalize: "A workflow source holds a value YAML cannot represent.",
  sync: "A generated file is out of sync with its source.",
  config: "trunkline.config.ts is not valid.",
};

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  help?: { text: string; markdown: string };
  defaultConfiguration: { level: "error" | "warning" };
}

/** Diagnostics as one SARIF 2.1.0 log, for code scanning; paths stay repo-relative. */
export function formatSarif(diagnostics: readonly Diagnostic[]): string {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      index = rules.length;
      ruleIndex.set(id, index);
      rules.push(describeRule(id));
    }
    return index;
  };
  const results = diagnostics.map((diagnostic) => ({
    ruleId: diagnostic.rule,
    ruleIndex: indexOf(diagnostic.rule),
    level: diagnostic.severity,
    message: { text: diagnostic.hint ? `${diagnostic.message}. Hint: ${diagnostic.hint}` : diagnostic.message },
    locations: [location(diagnostic.file, diagnostic.line, diagnostic.column)],
    // the TypeScript line that generated the YAML, where the fix belongs
    // the TypeScript edit, as a property: SARIF's `fixes` replace exact regions, which the edit does not name
    ...(diagnostic.suggestion ? { properties: { suggestion: diagnostic.suggestion } } : {}),
    ...(diagnostic.source ? { relatedLocations: [{ id: 1, ...location(diagnostic.source.file, diagnostic.source.line, diagnostic.source.column), message: { text: "defined here" } }] } : {}),
  }));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{ tool: { driver: { name: "trunkline", rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(id: string): SarifRule {
  const rule = allRules.find((candidate) => candidate.id === id);
  if (!rule) return { id, shortDescription: { text: LAYERS[id] ?? id }, defaultConfiguration: { level: "error" } };
  return {
    id,
    shortDescription: { text: rule.summary },
    help: { text: rule.summary, markdown: renderRuleDoc(rule).replace(/^<!--.*-->\n\n/, "") },
    defaultConfiguration: { level: rule.severity },
  };
}

function location(file: string, line: number | undefined, column: number | undefined) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file, uriBaseId: "%SRCROOT%" },
      ...(line !== undefined ? { region: { startLine: line, startColumn: column ?? 1 } } : {}),
    },
  };
}
