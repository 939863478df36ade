import { describe, expect, it } from "vitest";
import { resolveLintSettings } from "../../src/rules/_settings.js";
import { allRules } from "../../src/rules/index.js";
import rule from "../../src/rules/runner-label-unknown.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { testRule } from "./_test-rule.js";

const runsOn = (value: string) => `on: push\njobs:\n  a:\n    runs-on: ${value}\n    steps: [{ run: a }]\n`;
const matrix = (os: string) => `on: push\njobs:\n  a:\n    strategy:\n      matrix:\n        os: ${os}\n    runs-on: \${{ matrix.os }}\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "hosted labels of every family and size", yaml: runsOn("[ubuntu-24.04, ubuntu-24.04-arm, macos-15-intel, windows-latest, macos-14-xlarge, ubuntu-slim]") },
    { name: "self-hosted with custom labels, when the project lists none", yaml: runsOn("[self-hosted, linux, gpu]") },
    { name: "a runner group", yaml: runsOn("{ group: big, labels: [gpu] }") },
    { name: "a matrix of hosted labels, and a variable", yaml: matrix("[ubuntu-latest, macos-latest]") + "  b:\n    runs-on: ${{ vars.RUNNER }}\n    steps: [{ run: a }]\n" },
    { name: "retired images are runner-retired's", yaml: runsOn("ubuntu-18.04") },
  ],
  invalid: [
    { name: "issue 12: a typo of a hosted label", yaml: runsOn("ubuntu-lastest"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "issue 12: an unknown label in the matrix", yaml: matrix("[ubuntu-latest, window-latest]"), errors: [{ path: ["jobs", "a", "runs-on"], line: 7, column: 14 }] },
    { name: "issue 12: an unknown label in a list", yaml: runsOn("[linux, gpu]"), errors: [{ path: ["jobs", "a", "runs-on", 1], line: 4, column: 22 }] },
  ],
});

describe("lint.selfHostedLabels", () => {
  const lintWith = async (labels: unknown, yaml: string) => {
    const { settings, diagnostics } = resolveLintSettings({ selfHostedLabels: labels }, allRules, "trunkline.config.ts");
    expect(diagnostics).toEqual([]);
    const found = await lintYaml("w.yml", yaml, { validators: async () => [], runRules: createRuleRunner({ rules: [rule], settings }) });
    return found.map((diagnostic) => ({ line: diagnostic.line, column: diagnostic.column }));
  };

  it("issue 12: the project's labels are known, without case", async () => {
    expect(await lintWith(["GPU", "linux-arm-large"], runsOn("[self-hosted, gpu, linux-arm-large]"))).toEqual([]);
  });

  it("issue 12: once listed, every label of a self-hosted request is checked", async () => {
    expect(await lintWith(["gpu"], runsOn("[self-hosted, gpu, cuda]"))).toEqual([{ line: 4, column: 33 }]);
  });

  it("issue 12: a list that is not of strings is a config error", () => {
    const { diagnostics } = resolveLintSettings({ selfHostedLabels: [1] }, allRules, "trunkline.config.ts");
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual(["lint.selfHostedLabels must be a list of runner labels"]);
  });
});

describe("lint.selfHostedLabels in trunkline.config.ts", () => {
  it("issue 12: is a setting the config check knows", async () => {
    const { checkConfig } = await import("../../src/config/resolve-config.js");
    const known = checkConfig({ lint: { selfHostedLabels: ["gpu"] } }, ["workflows-src"]);
    expect(known.diagnostics).toEqual([]);
    const typo = checkConfig({ lint: { selfHostedLabel: ["gpu"] } }, ["workflows-src"]);
    expect(typo.diagnostics.map((diagnostic) => diagnostic.hint)).toEqual(['did you mean "selfHostedLabels"?']);
  });
});
