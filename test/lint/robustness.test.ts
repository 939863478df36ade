import { existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { corpusWorkflows } from "../support/corpus-workflows.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// `trunkline lint` runs the rules on any YAML, including workflows the schema rejects: whatever the
// shape, a rule must return findings, never throw.
const runRules = createRuleRunner();

// Values built from the keys and shapes workflows use, so the generator reaches the rules' code paths.
const KEYS = ["on", "jobs", "needs", "steps", "if", "run", "uses", "with", "env", "outputs", "strategy", "matrix", "include", "runs-on", "permissions", "concurrency", "cancel-in-progress", "pull_request", "push", "paths", "branches", "schedule", "cron", "container", "services", "image", "secrets", "timeout-minutes", "id", "name", "workflow_call", "script"];
const scalar = fc.oneof(fc.constantFrom("${{ needs.a.outputs.b }}", "${{ steps.x.outputs.y }} ${{ matrix.k }}", "always()", "!cancelled()", "self-hosted", "write-all", "inherit", "actions/checkout@v4", "docker://x", "0 0 30 2 *", "./src/**", "a", ""), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const { value: workflowish } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 })),
}));

describe("rules on malformed workflows", () => {
  it("never throw on generated shapes (1,000 runs)", () => {
    fc.assert(
      fc.property(workflowish, (model) => {
        expect(Array.isArray(runRules({ model, file: "w.yml" }))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  const corpora = path.resolve(REPO_ROOT, "../shared/corpora");
  const folders = ["schemastore/valid", "schemastore/invalid", "github-parser/reader"].map((folder) => path.join(corpora, folder)).filter(existsSync);
  it.skipIf(folders.length === 0)("never throw on the corpora's valid and invalid workflows (skipped without ../shared/corpora)", () => {
    let checked = 0;
    for (const { name, workflow } of corpusWorkflows(folders)) {
      let model: unknown;
      try {
        model = parse(workflow, { maxAliasCount: 1000, uniqueKeys: false, logLevel: "error" });
      } catch {
        continue; // not YAML at all: lint reports that before the rules run
      }
      expect(() => runRules({ model, file: name })).not.toThrow();
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});
