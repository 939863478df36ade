import { readFileSync } from "node:fs";
import path from "node:path";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import { describe, expect, it } from "vitest";
import { parserSchemaSnapshot } from "../../src/validate/parser.js";
import { PARSER_SCHEMA_FILE, restoreSchema, snapshotSchema } from "../../src/validate/parser-schema-snapshot.js";
import { REPO_ROOT } from "../support/temp-repo.js";

describe("issue 13.3: GitHub's parser's definition is rebuilt from a snapshot, not read again by every run", () => {
  it("issue 13.3: the definition rebuilt from its snapshot equals the corrected one the parser reads, class by class", () => {
    const snapshot = JSON.parse(JSON.stringify(parserSchemaSnapshot())) as unknown;
    const restored = restoreSchema(snapshot);
    expect(restored).toBeDefined();
    // parserSchemaSnapshot corrected the parser's own (cached) definition
    expect(restored).toStrictEqual(getWorkflowSchema());
    expect(Object.keys(restored!.definitions).length).toBeGreaterThan(400);
    expect(Object.getPrototypeOf(restored!.definitions["regular-step"])).toBe(Object.getPrototypeOf(getWorkflowSchema().definitions["regular-step"]));
  });

  it("issue 13.3: the build writes the snapshot beside the bundle, corrections included", () => {
    const built = restoreSchema(JSON.parse(readFileSync(path.join(REPO_ROOT, "dist", "data", PARSER_SCHEMA_FILE), "utf8")));
    expect(built).toStrictEqual(restoreSchema(JSON.parse(JSON.stringify(parserSchemaSnapshot()))));
    expect((built!.definitions["repository-dispatch-string"] as unknown as { constant: string }).constant).toBe("repository_dispatch");
  });

  it("issue 13.3: a snapshot of another shape is not used: the parser reads its definition itself", () => {
    const snapshot = JSON.parse(JSON.stringify(snapshotSchema(getWorkflowSchema()))) as { format: number; schema: { definitions: Record<string, Record<string, unknown>> } };
    expect(restoreSchema({ ...snapshot, format: 999 })).toBeUndefined();
    expect(restoreSchema(undefined)).toBeUndefined();
    snapshot.schema.definitions["regular-step"]!["$class"] = "SomethingElse";
    expect(restoreSchema(snapshot)).toBeUndefined();
  });
});
