import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { findStaleOutputs, parseTemplateSchema, readSchemaSource } from "../../scripts/build-schema.js";
import { TYPES_FILE, buildTypesOutputs, generateWorkflowTypes } from "../../scripts/build-types.js";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("src/types/workflow.generated.ts", () => {
  it("issue 10.1: is what scripts/build-types.ts writes for the installed parser", async () => {
    const outputs = await buildTypesOutputs(REPO_ROOT);
    expect([...outputs.keys()]).toEqual([TYPES_FILE]);
    expect(await findStaleOutputs(outputs, REPO_ROOT)).toEqual([]);
  });

  it("issue 10.1: goes stale when the parser's definition changes, and the check names the file", async () => {
    const source = await readSchemaSource(REPO_ROOT);
    const definition = JSON.parse(source.definitionJson) as { definitions: Record<string, { mapping?: { properties: Record<string, unknown> } }> };
    definition.definitions["run-step"]!.mapping!.properties["retries"] = "number";
    const changed = generateWorkflowTypes(parseTemplateSchema(definition), { version: "0.0.0-next", definitionSha256: "0".repeat(64) });
    const root = await mkdtemp(path.join(tmpdir(), "trunkline-types-"));
    try {
      await mkdir(path.join(root, path.dirname(TYPES_FILE)), { recursive: true });
      await writeFile(path.join(root, TYPES_FILE), await readFile(path.join(REPO_ROOT, TYPES_FILE), "utf8"));
      expect(await findStaleOutputs(new Map([[TYPES_FILE, changed]]), root)).toEqual([TYPES_FILE]);
      const retries = propertiesOf(parse(changed), "RunStep").find((property) => property.name === "retries");
      expect(retries?.type).toBe("number");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it("issue 10.1: npm run check runs the freshness check", async () => {
    const packageJson = JSON.parse(await readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(packageJson.scripts["types"]).toBe("tsx scripts/build-types.ts");
    expect(packageJson.scripts["check"]!.split(" && ")).toContain("tsx scripts/build-types.ts --check");
  });

  it("issue 10.1: every key carries the definition's description as JSDoc", async () => {
    const file = parse(await readFile(path.join(REPO_ROOT, TYPES_FILE), "utf8"));
    const undocumented = interfacesOf(file).flatMap((declaration) =>
      declaration.members.filter((member) => ts.getJSDocCommentsAndTags(member).length === 0).map((member) => `${declaration.name.text}.${member.name?.getText(file) ?? "[index]"}`),
    );
    expect(undocumented).toEqual([]);
    const timeout = propertiesOf(file, "RunnerJob").find((property) => property.name === "timeout-minutes");
    expect(timeout?.doc).toContain("The maximum number of minutes to let a workflow run");
  });

  it("issue 10.1: fixed keys only where the definition has them; index signatures only for its loose mappings", async () => {
    const file = parse(await readFile(path.join(REPO_ROOT, TYPES_FILE), "utf8"));
    const withIndex = interfacesOf(file).filter((declaration) => declaration.members.some(ts.isIndexSignatureDeclaration)).map((declaration) => declaration.name.text);
    for (const exact of ["Workflow", "Triggers", "RunnerJob", "ReusableWorkflowCallJob", "RunStep", "UsesStep", "PermissionsMapping", "ConcurrencyMappingInJobConcurrency"]) {
      expect(withIndex).not.toContain(exact);
    }
    expect(withIndex).toEqual(expect.arrayContaining(["Jobs", "StepWith", "StepEnv", "Matrix", "WorkflowJobWith"]));
  });

  it("issue 10.1: the background-step keys are present but marked experimental with the parser's feature flag", async () => {
    const file = parse(await readFile(path.join(REPO_ROOT, TYPES_FILE), "utf8"));
    const gated = [
      ...propertiesOf(file, "RunStep").filter((property) => property.name === "background"),
      ...propertiesOf(file, "WaitStep").filter((property) => property.name === "wait"),
      ...propertiesOf(file, "WaitAllStep").filter((property) => property.name === "wait-all"),
      ...propertiesOf(file, "CancelStep").filter((property) => property.name === "cancel"),
    ];
    expect(gated.map((property) => property.name)).toEqual(["background", "wait", "wait-all", "cancel"]);
    for (const property of gated) expect(property.tags).toContain("experimental");
    expect(gated.every((property) => property.doc.includes("allowBackgroundSteps"))).toBe(true);
    // parallel, the concurrency queue and the top-level description need no flag in this parser
    expect(propertiesOf(file, "ParallelStep").find((property) => property.name === "parallel")?.tags).toEqual([]);
    expect(propertiesOf(file, "ConcurrencyMappingInWorkflowConcurrency").map((property) => property.name)).toContain("queue");
    expect(propertiesOf(file, "Workflow").map((property) => property.name)).toContain("description");
  });
});

function parse(text: string): ts.SourceFile {
  return ts.createSourceFile("workflow.generated.ts", text, ts.ScriptTarget.ES2022, true);
}

function interfacesOf(file: ts.SourceFile): ts.InterfaceDeclaration[] {
  return file.statements.filter(ts.isInterfaceDeclaration);
}

function propertiesOf(file: ts.SourceFile, name: string): { name: string; type: string; doc: string; tags: string[] }[] {
  const declaration = interfacesOf(file).find((candidate) => candidate.name.text === name);
  if (!declaration) throw new Error(`no interface ${name}`);
  return declaration.members.filter(ts.isPropertySignature).map((member) => {
    const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
    return {
      name: ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : member.name.getText(file),
      type: member.type?.getText(file) ?? "",
      doc: docs.map((doc) => doc.getText(file)).join("\n"),
      tags: docs.flatMap((doc) => doc.tags ?? []).map((tag) => tag.tagName.text),
    };
  });
}
