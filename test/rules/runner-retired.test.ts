import { describe, expect, it } from "vitest";
import rule from "../../src/rules/runner-retired.js";
import { DEFAULT_LINT_SETTINGS } from "../../src/rules/_settings.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { testRule } from "./_test-rule.js";

const runsOn = (value: string) => `on: push\njobs:\n  a:\n    runs-on: ${value}\n    steps: [{ run: a }]\n`;
const matrix = (os: string) => `on: push\njobs:\n  a:\n    strategy:\n      matrix:\n        os: ${os}\n    runs-on: \${{ matrix.os }}\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "current images", yaml: runsOn("[ubuntu-24.04, windows-2025, macos-15-intel]") },
    { name: "a self-hosted runner may carry an old label", yaml: runsOn("[self-hosted, ubuntu-20.04]") },
    { name: "a runner group", yaml: runsOn("{ group: legacy, labels: [ubuntu-18.04] }") },
    { name: "a matrix of current images", yaml: matrix("[ubuntu-latest, macos-15, windows-2022]") },
    { name: "a label from a variable is not known", yaml: runsOn("${{ vars.RUNNER }}") },
  ],
  invalid: [
    { name: "issue 12: ubuntu-18.04", yaml: runsOn("ubuntu-18.04"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "issue 12: retired images in a list, any case, with a size", yaml: runsOn("[macos-10.15, Windows-2016, macos-13-xlarge]"), errors: [0, 1, 2].map((index) => ({ path: ["jobs", "a", "runs-on", index], line: 4, column: [15, 28, 42][index]! })) },
    {
      name: "issue 12: retired images in the matrix that feeds runs-on, reported at runs-on",
      yaml: matrix("[ubuntu-16.04, macos-11, windows-2019, ubuntu-24.04]"),
      errors: [{ path: ["jobs", "a", "runs-on"], line: 7, column: 14 }, { path: ["jobs", "a", "runs-on"], line: 7, column: 14 }, { path: ["jobs", "a", "runs-on"], line: 7, column: 14 }],
    },
    { name: "issue 12: ubuntu-20.04 and macos-12", yaml: runsOn("[ubuntu-20.04, macos-12]"), errors: [{ path: ["jobs", "a", "runs-on", 0], line: 4, column: 15 }, { path: ["jobs", "a", "runs-on", 1], line: 4, column: 29 }] },
  ],
});

describe("runner-retired with lint.selfHostedLabels", () => {
  it("issue 12: a label the project's own runners carry is not a retired image", async () => {
    const runRules = createRuleRunner({ rules: [rule], settings: { ...DEFAULT_LINT_SETTINGS, selfHostedLabels: ["ubuntu-20.04"] } });
    expect(await lintYaml("w.yml", runsOn("ubuntu-20.04"), { validators: async () => [], runRules })).toEqual([]);
  });
});
