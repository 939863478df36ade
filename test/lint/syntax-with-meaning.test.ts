import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// Hand-written workflows, one per class of syntax with meaning; see the folder's README.
const FOLDER = path.join(REPO_ROOT, "test/fixtures/syntax-with-meaning");
const files = readdirSync(FOLDER).filter((name) => name.endsWith(".yaml")).sort();

// The rules of these classes: on a line not marked, none of them may fire.
const CLASS_RULES = new Set([
  "if-constant", "if-always-true", "cron-too-frequent", "cron-invalid", "glob-invalid", "filter-negation-first", "uses-invalid",
  "runner-retired", "runner-label-unknown", "max-parallel-invalid", "env-name-invalid", "credentials-literal", "step-id-duplicate",
  "empty-value", "container-incomplete", "schedule-timezone-invalid", "comparison-type-mismatch", "object-in-text",
]);

function expectedLines(text: string): { line: number; rule: string }[] {
  return text.split("\n").flatMap((line, index) => {
    const marked = /# expect: ([a-z-]+)\s*$/.exec(line);
    return marked ? [{ line: index + 1, rule: marked[1]! }] : [];
  });
}

describe("syntax with meaning: every expected line is found, on its line, by the full linter", () => {
  const runRules = createRuleRunner();
  it.each(files)("issue 12: %s", async (name) => {
    const text = readFileSync(path.join(FOLDER, name), "utf8");
    const found = await lintYaml(name, text, { validators: defaultValidators, runRules });
    const expected = expectedLines(text);
    expect(expected.length).toBeGreaterThan(0);
    const missed = expected.filter(({ line, rule }) => !found.some((diagnostic) => diagnostic.line === line && diagnostic.rule === rule));
    expect(missed).toEqual([]);
    const unmarked = found.filter((diagnostic) => CLASS_RULES.has(diagnostic.rule) && !expected.some(({ line, rule }) => line === diagnostic.line && rule === diagnostic.rule));
    expect(unmarked.map((diagnostic) => `${diagnostic.line}: ${diagnostic.rule} ${diagnostic.message}`)).toEqual([]);
  });
});

describe("a file with no workflow in it", () => {
  const runRules = createRuleRunner();
  it.each([["empty", ""], ["only a comment", "# to be written\n"]])("is reported at line 1: %s", async (_, text) => {
    const found = await lintYaml("empty.yml", text, { validators: defaultValidators, runRules });
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((diagnostic) => [diagnostic.line, diagnostic.column, diagnostic.severity])).toEqual(found.map(() => [1, 1, "error"]));
  });
});
