import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateActionWithParser } from "../src/validate/action-parser.js";
import { validateWithParser } from "../src/validate/parser.js";
import { validateSchema } from "../src/validate/schema.js";
import { parse } from "yaml";
import { actionlint } from "./support/actionlint.js";
import { generatedFiles } from "./support/generated-files.js";
import { REPO_ROOT } from "./support/temp-repo.js";

// Self-hosted labels that targets declare; actionlint cannot be told about them.
const DECLARED_RUNNER_LABELS = ["arc-local"];

const all = generatedFiles().map((file) => ({ path: file, text: readFileSync(path.join(REPO_ROOT, file), "utf8") }));
// Actions authored in TypeScript (.github/actions/<name>/action.yml) are checked against GitHub's action definition.
const isAction = (file: string) => /(^|\/)\.github\/actions\/.+\/action\.ya?ml$/.test(file);
const files = all.filter((file) => !isAction(file.path));
const actions = all.filter((file) => isAction(file.path));

describe("every generated workflow", () => {
  it("includes this repository's own CI", () => {
    expect(files.map((file) => file.path)).toContain(".github/workflows/ci.yml");
  });

  it.each(files.map((file) => [file.path, file] as const))("%s passes the schema and GitHub's parser", async (_, file) => {
    expect(validateSchema(parse(file.text), file.path)).toEqual([]);
    expect(await validateWithParser(file.text, file.path)).toEqual([]);
  });

  it.each(actions.map((file) => [file.path, file] as const))("%s (an action) passes GitHub's action parser", (_, file) => {
    expect(validateActionWithParser(file.text, file.path)).toEqual([]);
  });

  it("has no actionlint findings", async () => {
    const findings = await actionlint(files, { allowRunnerLabels: DECLARED_RUNNER_LABELS });
    expect(findings).toEqual([]);
  });
});
