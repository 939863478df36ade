import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildSchemaOutputs, findStaleOutputs, readSchemaSource } from "../../scripts/build-schema.js";
import { checkSchemaFreshness, readSchemaFreshnessInput } from "../../src/validate/schema-freshness-io.js";
import { schemaFreshness, type SchemaFreshnessInput } from "../../src/validate/schema-freshness.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

describe("schema/ is generated from the installed parser", () => {
  it("matches what scripts/build-schema.ts would write (build-schema --check)", async () => {
    const outputs = await buildSchemaOutputs(await readSchemaSource(repoRoot), repoRoot);
    expect(await findStaleOutputs(outputs, repoRoot)).toEqual([]);
  });

  it("its provenance matches the files on disk", async () => {
    expect(await checkSchemaFreshness(repoRoot)).toEqual([]);
  });
});

describe("schemaFreshness", () => {
  const fresh: SchemaFreshnessInput = {
    parserDefinitionSha256: "aaa",
    schemaFiles: { "workflow.schema.json": "bbb", "validate-workflow.js": "ccc" },
    provenance: {
      source: "@actions/workflow-parser",
      version: "0.3.61",
      file: "dist/workflow-v1.0.min.json",
      sha256: "aaa",
      outputs: { "workflow.schema.json": "bbb", "validate-workflow.js": "ccc" },
    },
  };

  it("reports nothing when every hash matches", () => {
    expect(schemaFreshness(fresh)).toEqual([]);
  });

  it("reports a stale schema when the parser's definition changed", () => {
    const found = schemaFreshness({ ...fresh, parserDefinitionSha256: "new" });
    expect(found.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: "sync", file: "schema/workflow.schema.json" }]);
    expect(found[0]?.hint).toContain("npm run schema");
  });

  it("reports a hand-edited output", async () => {
    // the real files, with one of them edited
    const input = await readSchemaFreshnessInput(repoRoot);
    expect(input).toBeDefined();
    const edited = `${readFileSync(path.join(repoRoot, "schema/validate-workflow.js"), "utf8")}\n// tweak\n`;
    const found = schemaFreshness({ ...input!, schemaFiles: { ...input!.schemaFiles, "validate-workflow.js": sha256(edited) } });
    expect(found.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: "sync", file: "schema/validate-workflow.js" }]);
  });

  it("issue 9.21: reports a stale schema when the corrections to the parser's definition changed", () => {
    const corrections = [{ id: "x", definition: "x", pinned: "a", corrected: "b" }];
    expect(schemaFreshness({ ...fresh, provenance: { ...(fresh.provenance as object), corrections }, corrections })).toEqual([]);
    const found = schemaFreshness({ ...fresh, provenance: { ...(fresh.provenance as object), corrections }, corrections: [] });
    expect(found.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: "sync", file: "schema/workflow.schema.json" }]);
    expect(found[0]?.message).toContain("parser-corrections.ts");
  });

  it("reports a missing output", () => {
    const found = schemaFreshness({ ...fresh, schemaFiles: { "workflow.schema.json": "bbb" } });
    expect(found.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: "sync", file: "schema/validate-workflow.js" }]);
  });

  it.each([undefined, "not json", { sha256: 1 }])("reports unreadable provenance (%s)", (provenance) => {
    const found = schemaFreshness({ ...fresh, provenance });
    expect(found.map(({ rule, file }) => ({ rule, file }))).toEqual([{ rule: "sync", file: "schema/provenance.json" }]);
  });
});
