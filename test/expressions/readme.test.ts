import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const SECTION = "## Typed expressions";

/** The first fenced block of `language` in the section. */
function block(language: string): string {
  const section = readme.slice(readme.indexOf(SECTION));
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section);
  if (!match) throw new Error(`README has no ${language} block under "${SECTION}"`);
  return match[1]!;
}

// Type-checks `text` as a workflow source of this repository, importing "trunkline" as one does.
function typeErrors(text: string): string[] {
  const file = path.join(REPO_ROOT, "workflows-src/__readme-typed__.ts");
  const { config } = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram({ rootNames: [file], options: { ...options, noEmit: true }, host });
  const source = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("README: Typed expressions", () => {
  it("issue 10.2: its example type-checks", () => {
    expect(typeErrors(block("ts"))).toEqual([]);
  }, 60_000);

  it("issue 10.2: its example generates the YAML shown", async () => {
    const repo = await createTempRepo({ "workflows-src/typed.ts": block("ts") });
    try {
      expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
      expect(await repo.read(".github/workflows/typed.yml")).toBe(block("yaml"));
    } finally {
      await repo.dispose();
    }
  });
});
