import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeIo } from "../../src/io/node-io.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { readRulesetChecks, repositoryRootOfWorkflow } from "../../src/validate/ruleset-checks.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// Everything the project generates and commits: its own CI, the example targets, the golden files.
function generatedFiles(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    let entries;
    try {
      entries = readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true });
    } catch {
      return; // a folder that does not exist yet holds nothing to check
    }
    for (const entry of entries) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.ya?ml$/.test(entry.name)) found.push(relative);
    }
  };
  for (const folder of [".github/workflows", "generated", "test/golden"]) walk(folder);
  return found.sort();
}

describe("every generated workflow", () => {
  const files = generatedFiles();
  const io = createNodeIo(REPO_ROOT, { stdout: () => {}, stderr: () => {} }, {});
  const runRules = createRuleRunner();

  it("includes this repository's own CI", () => {
    expect(files).toContain(".github/workflows/ci.yml");
  });

  it.each(files)("%s has no finding of any rule, with its repository's rulesets", async (file) => {
    const requiredChecks = await readRulesetChecks(io, repositoryRootOfWorkflow(file));
    const found = await lintYaml(file, readFileSync(path.join(REPO_ROOT, file), "utf8"), { validators: async () => [], runRules, requiredChecks });
    expect(found.map((diagnostic) => `${diagnostic.line}:${diagnostic.column} ${diagnostic.rule}: ${diagnostic.message}`)).toEqual([]);
  });
});
