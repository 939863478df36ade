import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateSchema } from "../../src/validate/schema.js";

// Workflows other projects use as schema tests: SchemaStore's valid/invalid cases and actionlint's
// lint-clean ones. Layout and caveats: ../shared/corpora/README.md.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corporaRoot = path.resolve(repoRoot, "../shared/corpora");
const isCorpusPresent = existsSync(corporaRoot);

if (!isCorpusPresent) {
  console.info(`schema corpus skipped: ${corporaRoot} is absent (it lives beside the repository, not in it)`);
}

/** Each folder, and whether the corpus expects its files to pass. */
const corpusFolders = [
  { folder: "schemastore/valid", expectValid: true },
  { folder: "schemastore/invalid", expectValid: false },
  { folder: "actionlint-ok", expectValid: true },
] as const;

/**
 * Every file where our schema's verdict differs from the corpus's, with why. The schema is derived
 * from GitHub's parser, so agreeing with the parser's template reader is correct; rules the parser
 * checks after reading (its converter) are reported by the parser stage, not the schema.
 */
const knownDisagreements: Record<string, string> = {
  "schemastore/valid/918.yaml":
    "GitHub's parser rejects it too: the `create` event takes no configuration (\"A mapping was not expected\")",
  "schemastore/valid/parallel-steps.yaml":
    "GitHub's parser rejects background/wait/wait-all/cancel unless its experimental allowBackgroundSteps flag is on",
  "schemastore/invalid/reusable-workflow-uses-has-wrong-filetype.yaml":
    "only SchemaStore's `uses` pattern rejects it; GitHub's parser accepts any non-empty job `uses`",
  "schemastore/invalid/reusable-workflow-uses-has-wrong-pattern.yaml":
    "only SchemaStore's `uses` pattern rejects it; GitHub's parser accepts any non-empty job `uses`",
  "schemastore/invalid/workflow_dispatch-inputs-bool-default-.yaml":
    "GitHub's template reader accepts it; the parser's converter rejects a string default for a boolean input (parser stage)",
  "schemastore/invalid/workflow_dispatch-inputs-choice-without-options.yaml":
    "GitHub's template reader accepts it; the parser's converter rejects a choice input without options (parser stage)",
  "schemastore/invalid/workflow_dispatch-inputs-string-default-bool.yaml":
    "GitHub's template reader accepts it; the parser's converter rejects a boolean default for a string input (parser stage)",
  "actionlint-ok/workflow_dispatch_upper_case_inputs.yaml":
    "GitHub's parser rejects a workflow_dispatch input declared with no value (null): each input must be a mapping",
};

function listYaml(folder: string): string[] {
  return readdirSync(path.join(corporaRoot, folder))
    .filter((name) => name.endsWith(".yaml"))
    .sort();
}

describe.skipIf(!isCorpusPresent)("schema against the shared corpora", () => {
  for (const { folder, expectValid } of corpusFolders) {
    const files = isCorpusPresent ? listYaml(folder) : [];

    it.each(files)(`${folder}/%s`, (name) => {
      const key = `${folder}/${name}`;
      const diagnostics = validateSchema(parse(readFileSync(path.join(corporaRoot, folder, name), "utf8")), key);
      for (const diagnostic of diagnostics) {
        expect(diagnostic.rule).toBe("schema");
        expect(Array.isArray(diagnostic.path)).toBe(true);
      }
      const agrees = (diagnostics.length === 0) === expectValid;
      if (key in knownDisagreements) {
        expect(agrees, `${key} now agrees with the corpus: remove it from knownDisagreements`).toBe(false);
      } else if (expectValid) {
        expect(diagnostics.map((diagnostic) => `${JSON.stringify(diagnostic.path)} ${diagnostic.message}`)).toEqual([]);
      } else {
        expect(diagnostics.length, `${key} should be rejected`).toBeGreaterThan(0);
      }
    });
  }

  it("every knownDisagreements entry names a corpus file", () => {
    const present = new Set(corpusFolders.flatMap(({ folder }) => listYaml(folder).map((name) => `${folder}/${name}`)));
    expect(Object.keys(knownDisagreements).filter((key) => !present.has(key))).toEqual([]);
  });
});
