import { describe, expect, it } from "vitest";
import rule from "../../src/rules/step-id-duplicate.js";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { testRule } from "./_test-rule.js";

const steps = (ids: readonly string[]) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${ids.map((id) => `      - id: ${id}\n        run: echo\n`).join("")}`;

testRule(rule, {
  valid: [
    { name: "distinct ids", yaml: steps(["build", "test", "build-2"]) },
    { name: "the same id in two jobs", yaml: `${steps(["build"])}  b:\n    runs-on: ubuntu-latest\n    steps:\n      - id: Build\n        run: echo\n` },
    { name: "an id repeated exactly is left to GitHub's parser", yaml: steps(["build", "build"]) },
  ],
  invalid: [
    { name: "issue 12: ids that differ only in case", yaml: steps(["build", "Build"]), errors: [{ path: ["jobs", "a", "steps", 1, "id"], line: 8, column: 13 }] },
    {
      name: "issue 12: every later id that repeats one without case",
      yaml: steps(["Cache", "test", "cache", "CACHE"]),
      errors: [
        { path: ["jobs", "a", "steps", 2, "id"], line: 10, column: 13 },
        { path: ["jobs", "a", "steps", 3, "id"], line: 12, column: 13 },
      ],
    },
  ],
});

describe("job ids that differ only in case", () => {
  it("issue 12: are reported by GitHub's parser, so no rule repeats it", async () => {
    const yaml = "on: push\njobs:\n  Build:\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n  build:\n    runs-on: ubuntu-latest\n    steps: [{ run: b }]\n";
    const found = await lintYaml("workflow.yml", yaml, { validators: defaultValidators, runRules: createRuleRunner({ rules: [rule] }) });
    expect(found.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => ({ rule: diagnostic.rule, line: diagnostic.line }))).toEqual([{ rule: "parser", line: 6 }]);
  });
});
