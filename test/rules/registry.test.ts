import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SOURCE_EDIT_RULES } from "../../src/diagnostics/suggest-source-edit.js";
import { FIXABLE_NOTE, renderRuleDocs } from "../../src/rules/_docs.js";
import { allRules } from "../../src/rules/index.js";
import { FIXABLE_RULES } from "../../src/validate/fix-yaml.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { lintWithRule } from "./_test-rule.js";

const ruleFiles = readdirSync(path.join(REPO_ROOT, "src/rules")).filter((name) => name.endsWith(".ts") && !name.startsWith("_") && name !== "index.ts");

describe("rule registry", () => {
  it("registers every rule file, alphabetically, each id equal to its file name", () => {
    expect(allRules.map((rule) => `${rule.id}.ts`)).toEqual([...ruleFiles].sort());
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))("%s has a table test and an up-to-date doc page", (id) => {
    expect(existsSync(path.join(REPO_ROOT, "test/rules", `${id}.test.ts`))).toBe(true);
    const pages = renderRuleDocs(allRules);
    const page = `docs/rules/${id}.md`;
    expect(readFileSync(path.join(REPO_ROOT, page), "utf8")).toBe(pages.get(page));
  });

  it("issue 12.3: the rules marked fixable are those `lint --fix` fixes, and each page and the index say so", () => {
    expect(allRules.filter((rule) => rule.fixable).map((rule) => rule.id).sort()).toEqual([...FIXABLE_RULES].sort());
    expect([...SOURCE_EDIT_RULES].sort()).toEqual([...FIXABLE_RULES].sort());
    const pages = renderRuleDocs(allRules);
    for (const rule of allRules) expect(pages.get(`docs/rules/${rule.id}.md`)!.includes(FIXABLE_NOTE), rule.id).toBe(FIXABLE_RULES.has(rule.id));
    const fixColumn = new Map(pages.get("docs/rules/README.md")!.split("\n").filter((line) => line.startsWith("| [`")).map((line) => [/\[`([^`]+)`\]/.exec(line)![1]!, line.split(" | ")[2]!.trim()]));
    expect([...fixColumn].filter(([, fix]) => fix === "yes").map(([id]) => id).sort()).toEqual([...FIXABLE_RULES].sort());
  });

  it.each(allRules.map((rule) => [rule.id, rule] as const))("%s: the invalid doc example gives exactly one finding, the valid one none", async (_, rule) => {
    const invalid = await lintWithRule(rule, rule.docs.invalid);
    expect(invalid.map((diagnostic) => diagnostic.rule)).toEqual([rule.id]);
    expect(await lintWithRule(rule, rule.docs.valid)).toEqual([]);
  });

  // The invalid example may be one GitHub's parser rejects too (an unknown `needs`); the schema never.
  it.each(allRules.map((rule) => [rule.id, rule] as const))("%s: the doc examples are well-formed workflows, the valid one accepted by GitHub's parser", async (_, rule) => {
    expect(validateSchema(parse(rule.docs.invalid), "example.yml")).toEqual([]);
    expect(validateSchema(parse(rule.docs.valid), "example.yml")).toEqual([]);
    expect(await validateWithParser(rule.docs.valid, "example.yml")).toEqual([]);
  });
});
