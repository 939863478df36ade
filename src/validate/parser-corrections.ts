// The one list of places where the workflow definition inside the pinned @actions/workflow-parser
// (workflow-v1.0.json) disagrees with what GitHub runs, and how trunkline corrects each: the schema
// generator (scripts/build-schema.ts) applies them to the definition it converts, and the parser
// layer to the definition the parser reads with. Each has its entry, with the evidence, in
// docs/parser-disagreements.md, and a test in test/validate/parser-corrections.test.ts; a test
// checks the three agree.
import type { TemplateSchema } from "@actions/workflow-parser/templates/schema/template-schema";

/** A string definition whose `constant` is wrong in the pinned definition, and the one GitHub accepts. */
export interface DefinitionCorrection {
  /** Its heading in docs/parser-disagreements.md. */
  id: string;
  /** The definition's name in workflow-v1.0.json. */
  definition: string;
  /** The constant the pinned definition has. */
  pinned: string;
  /** The constant GitHub accepts there. */
  corrected: string;
  /** The name of the test that proves trunkline accepts what GitHub runs. */
  test: string;
}

/** Every correction trunkline makes to the pinned parser's workflow definition. */
export const PARSER_CORRECTIONS: readonly DefinitionCorrection[] = [
  {
    id: "repository-dispatch-string",
    definition: "repository-dispatch-string",
    // a copy of branch-protection-rule-string's constant
    pinned: "branch_protection_rule",
    corrected: "repository_dispatch",
    test: "issue 9.21: on: repository_dispatch, alone or in a list, passes the schema, the parser and lint",
  },
];

/** The corrections as schema/provenance.json records them, for the freshness check to compare. */
export function recordedCorrections(): Pick<DefinitionCorrection, "id" | "definition" | "pinned" | "corrected">[] {
  return PARSER_CORRECTIONS.map(({ id, definition, pinned, corrected }) => ({ id, definition, pinned, corrected }));
}

/**
 * The definition file's JSON with every correction applied (for the schema generator). Throws
 * when a definition no longer holds the constant recorded as pinned: the parser changed, and the
 * correction is to be checked and removed.
 */
export function correctDefinitionJson(json: unknown): unknown {
  const copy = structuredClone(json) as { definitions?: Record<string, { string?: { constant?: unknown } }> };
  for (const correction of PARSER_CORRECTIONS) {
    const string = copy.definitions?.[correction.definition]?.string;
    if (string?.constant !== correction.pinned) {
      throw new Error(
        `parser correction "${correction.id}" no longer applies: definition "${correction.definition}" has constant ${JSON.stringify(string?.constant)}, not ${JSON.stringify(correction.pinned)}; remove it from src/validate/parser-corrections.ts and docs/parser-disagreements.md`,
      );
    }
    string.constant = correction.corrected;
  }
  return copy;
}

/**
 * Applies every correction to the definition object the parser reads with (loaded once per
 * process; applying twice changes nothing). A definition that no longer holds the pinned constant
 * is left as it is: the tests report the stale correction, a user's run never fails on it.
 */
export function correctParserSchema(schema: TemplateSchema): void {
  for (const correction of PARSER_CORRECTIONS) {
    const definition = schema.definitions[correction.definition] as { constant?: unknown } | undefined;
    if (definition?.constant === correction.pinned) definition.constant = correction.corrected;
  }
}
