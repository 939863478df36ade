import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** What a freshness check compares: hashes measured now, and the provenance recorded at generation. */
export interface SchemaFreshnessInput {
  /** sha256 of the installed parser's workflow definition (dist/workflow-v1.0.min.json). */
  parserDefinitionSha256: string;
  /** sha256 of each generated file under schema/, by file name; a missing file is left out. */
  schemaFiles: Record<string, string>;
  /** The parsed schema/provenance.json, or undefined when it is missing or not JSON. */
  provenance: unknown;
  /** The corrections to the parser's definition the generator applies now (parser-corrections.ts). */
  corrections?: unknown;
}

const REGENERATE = 'run "npm run schema"';

/**
 * Reports whether schema/ still matches the installed @actions/workflow-parser (stale) and whether
 * a generated file was edited by hand, by comparing hashes only: nothing is regenerated.
 */
export function schemaFreshness(input: SchemaFreshnessInput): Diagnostic[] {
  const provenance = readProvenance(input.provenance);
  if (!provenance) {
    return [sync("schema/provenance.json", "schema/provenance.json is missing or unreadable, so schema/ cannot be checked", REGENERATE)];
  }
  const diagnostics: Diagnostic[] = [];
  if (provenance.sha256 !== input.parserDefinitionSha256) {
    diagnostics.push(
      sync(
        "schema/workflow.schema.json",
        `schema/ is stale: the workflow definition in ${provenance.source} changed after generation (generated from ${provenance.version})`,
        REGENERATE,
      ),
    );
  }
  if (input.corrections !== undefined && JSON.stringify(input.corrections) !== JSON.stringify(provenance.corrections ?? [])) {
    diagnostics.push(
      sync("schema/workflow.schema.json", "schema/ is stale: the corrections to the parser's definition (src/validate/parser-corrections.ts) changed after generation", REGENERATE),
    );
  }
  for (const [name, recorded] of Object.entries(provenance.outputs)) {
    const file = `schema/${name}`;
    const current = input.schemaFiles[name];
    if (current === undefined) {
      diagnostics.push(sync(file, `${file} is missing`, REGENERATE));
    } else if (current !== recorded) {
      diagnostics.push(
        sync(file, `${file} was edited by hand: its sha256 differs from schema/provenance.json`, `${REGENERATE}; to change it, change scripts/build-schema.ts`),
      );
    }
  }
  return diagnostics;
}

interface Provenance {
  source: string;
  version: string;
  sha256: string;
  outputs: Record<string, string>;
  corrections?: unknown;
}

function readProvenance(value: unknown): Provenance | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const outputs = record["outputs"];
  if (typeof record["sha256"] !== "string" || typeof outputs !== "object" || outputs === null) return undefined;
  if (!Object.values(outputs).every((hash) => typeof hash === "string")) return undefined;
  return {
    source: typeof record["source"] === "string" ? record["source"] : "@actions/workflow-parser",
    version: typeof record["version"] === "string" ? record["version"] : "an unknown version",
    sha256: record["sha256"],
    outputs: outputs as Record<string, string>,
    corrections: record["corrections"],
  };
}

function sync(file: string, message: string, hint: string): Diagnostic {
  return { rule: "sync", severity: "error", message, hint, file };
}
