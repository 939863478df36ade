import { readFileSync, readdirSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { actionlint } from "../support/actionlint.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

// test/fixtures/consumer-repo is another repository that depends on trunkline from the registry:
// its sources import "trunkline" and "trunkline/templates". Here it gets trunkline installed (linked
// to this checkout), generates its workflows, checks them, and typechecks against trunkline's types.
const FIXTURE = path.join(REPO_ROOT, "test/fixtures/consumer-repo");

function fixtureSources(folder = ""): string[] {
  return readdirSync(path.join(FIXTURE, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return relative === ".github" ? [] : fixtureSources(relative);
    return relative === "RELEASING.md" ? [] : [relative];
  });
}

describe("a repository that installs trunkline and uses its templates", () => {
  let repo: TempRepo;
  let generated: Record<string, string>;
  beforeAll(async () => {
    repo = await createTempRepo(Object.fromEntries(fixtureSources().map((file) => [file, readFileSync(path.join(FIXTURE, file), "utf8")])));
    // What `npm install -D @types/node` gives the user's repository.
    await mkdir(path.join(repo.root, "node_modules", "@types"), { recursive: true });
    await symlink(path.join(REPO_ROOT, "node_modules", "@types", "node"), path.join(repo.root, "node_modules", "@types", "node"), "dir");
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(ExitCode.Ok);
    const snapshot = await repo.snapshot();
    generated = Object.fromEntries(Object.entries(snapshot).filter(([file]) => file.startsWith(".github/workflows/") || file === "RELEASING.md"));
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("generates its workflows and RELEASING.md, as committed beside the fixture", async () => {
    expect(Object.keys(generated).sort()).toEqual([".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/hello.yml", ".github/workflows/release.yml", "RELEASING.md"]);
    for (const [file, text] of Object.entries(generated)) await expect(text).toMatchFileSnapshot(path.join(FIXTURE, file));
  });

  it("checks clean right after generating", async () => {
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("the generated workflows pass the schema, GitHub's parser and actionlint", async () => {
    const workflows = Object.entries(generated).filter(([file]) => file.endsWith(".yml"));
    for (const [file, text] of workflows) {
      expect(validateSchema(parse(text), file), file).toEqual([]);
      expect(await validateWithParser(text, file), file).toEqual([]);
    }
    expect(await actionlint(workflows.map(([file, text]) => ({ path: file, text })))).toEqual([]);
  });

  it("the templates did what the sources asked", () => {
    const ci = parse(generated[".github/workflows/ci.yml"]!);
    expect(ci.on.pull_request.branches).toEqual(["main", "prod"]);
    expect(ci.jobs.gate.if).toBe("always()");
    expect(ci.jobs.gate.needs).toEqual(["changes", "web", "api"]);
    expect(parse(generated[".github/workflows/deploy.yml"]!).on.push).toEqual({ branches: ["prod"] });
    expect(generated["RELEASING.md"]).toContain("gh pr create --base prod --head main");
  });

  it("is the worked example the README shows", () => {
    const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Sharing across repositories"));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example).toBe(readFileSync(path.join(FIXTURE, "workflows-src/ci.ts"), "utf8"));
  });

  it("its sources typecheck against trunkline's published types, and a wrong option does not", async () => {
    await repo.write("workflows-src/wrong.ts", 'import { trunkBasedCi } from "trunkline/templates";\nexport const ci = trunkBasedCi({ checks: {} });\n');
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(repo.root, "tsconfig.json"), ts.sys.readFile).config, ts.sys, repo.root);
    const program = ts.createProgram(config.fileNames, config.options);
    const own = ts.getPreEmitDiagnostics(program).filter((diagnostic) => diagnostic.file?.fileName.startsWith(repo.root));
    const messages = own.map((diagnostic) => `${path.relative(repo.root, diagnostic.file!.fileName)}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^workflows-src\/wrong\.ts: .*runsOn/s);
    await repo.remove("workflows-src/wrong.ts");
  });
});
