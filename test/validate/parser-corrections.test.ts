import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readSchemaSource } from "../../scripts/build-schema.js";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { PARSER_CORRECTIONS, correctDefinitionJson } from "../../src/validate/parser-corrections.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DOC = "docs/parser-disagreements.md";
const THIS_FILE = "test/validate/parser-corrections.test.ts";

const workflowOn = (on: string) => `on: ${on}\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n`;
const ON_FORMS = ["repository_dispatch", "[push, repository_dispatch]", "[repository_dispatch, workflow_dispatch]"];

describe("corrections to the pinned parser's workflow definition", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 9.21: on: repository_dispatch, alone or in a list, passes the schema, the parser and lint", async () => {
    const files: Record<string, string> = {};
    for (const [index, on] of ON_FORMS.entries()) {
      const text = workflowOn(on);
      expect(validateSchema(parse(text), "ci.yml"), on).toEqual([]);
      expect(await validateWithParser(text, "ci.yml"), on).toEqual([]);
      files[`.github/workflows/dispatch-${index}.yml`] = text;
    }
    // the correction is exactly that one event: a misspelt one is still refused by both
    expect(validateSchema(parse(workflowOn("repository_dispatched")), "ci.yml").length).toBeGreaterThan(0);
    expect((await validateWithParser(workflowOn("repository_dispatched"), "ci.yml")).length).toBeGreaterThan(0);
    repo = await createTempRepo(files);
    const lint = await repo.run(["lint", "--format", "json"]);
    expect(lint.code).toBe(ExitCode.Ok);
    expect((JSON.parse(lint.stdout || "[]") as Diagnostic[]).filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  });

  it("issue 9.21: gen writes a workflow that runs on repository_dispatch", async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": 'import { job, workflow } from "trunkline";\nconst build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });\nexport default workflow("ci", { on: ["push", "repository_dispatch"] as never, permissions: {}, jobs: { build } });\n',
    });
    const gen = await repo.run(["gen"]);
    expect(gen.code, gen.stderr).toBe(ExitCode.Ok);
    expect(parse((await repo.read(".github/workflows/ci.yml"))!).on).toEqual(["push", "repository_dispatch"]);
  });

  it("each correction still applies to the pinned definition, and the parser reads with it corrected", async () => {
    const source = await readSchemaSource(repoRoot);
    expect(() => correctDefinitionJson(JSON.parse(source.definitionJson))).not.toThrow();
    await validateWithParser(workflowOn("push"), "ci.yml");
    for (const correction of PARSER_CORRECTIONS) {
      expect((getWorkflowSchema().definitions[correction.definition] as unknown as { constant: string }).constant).toBe(correction.corrected);
    }
  });

  it("every correction has its entry in docs/parser-disagreements.md, and every entry its correction", () => {
    const doc = readFileSync(path.join(repoRoot, DOC), "utf8");
    const entries = doc.split(/^## /m).slice(1).map((section) => ({ id: section.slice(0, section.indexOf("\n")).trim(), text: section.replace(/\s+/g, " ") }));
    expect(entries.map((entry) => entry.id).sort()).toEqual(PARSER_CORRECTIONS.map((correction) => correction.id).sort());
    const tests = readFileSync(path.join(repoRoot, THIS_FILE), "utf8");
    for (const correction of PARSER_CORRECTIONS) {
      const entry = entries.find((candidate) => candidate.id === correction.id)!;
      for (const heading of ["**What the parser says.**", "**What GitHub does.**", "**Correction.**", "**Test.**"]) expect(entry.text, `${correction.id}: ${heading}`).toContain(heading);
      // the evidence is GitHub's own documentation
      expect(entry.text, correction.id).toMatch(/\(https:\/\/docs\.github\.com\/[^)]+\)/);
      expect(entry.text, correction.id).toContain(`\`${correction.pinned}\``);
      expect(entry.text, correction.id).toContain(`\`${correction.corrected}\``);
      expect(entry.text, correction.id).toContain(`"${correction.test}"`);
      // the test the entry names exists, in this file
      expect(tests).toContain(`it("${correction.test}"`);
    }
  });
});
