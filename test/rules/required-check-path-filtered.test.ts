import rule from "../../src/rules/required-check-path-filtered.js";
import { testRule } from "./_test-rule.js";

const jobs = "jobs:\n  test:\n    name: Test\n    runs-on: x\n    steps: [{ run: test }]\n  gate:\n    needs: [test]\n    if: always()\n    runs-on: x\n    steps: [{ run: check }]\n";
const withGate = (on: string) => `on:\n${on}${jobs}`;
const noGate = (on: string) => `on:\n${on}jobs:\n  test:\n    name: Test\n    runs-on: x\n    steps: [{ run: test }]\n`;

testRule(rule, {
  valid: [
    { name: "a gate on every pull request", yaml: withGate("  pull_request:\n    branches: [main]\n") },
    { name: "paths only on push", yaml: withGate("  pull_request:\n  push:\n    paths: ['src/**']\n") },
    { name: "path filters without a required check", yaml: noGate("  pull_request:\n    paths: ['src/**']\n") },
    { name: "branches covering the protected branches", yaml: noGate("  pull_request:\n    branches: [main, 'release/**']\n"), requiredChecks: [{ name: "Test", branches: ["main", "release/1.x"] }] },
  ],
  invalid: [
    { name: "a gate behind paths", yaml: withGate("  pull_request:\n    paths: ['src/**']\n"), errors: [{ path: ["on", "pull_request", "paths"], line: 3, column: 5 }] },
    { name: "a gate behind paths-ignore on pull_request_target", yaml: withGate("  pull_request_target:\n    paths-ignore:\n      - docs/**\n"), errors: [{ path: ["on", "pull_request_target", "paths-ignore"], line: 3, column: 5 }] },
    {
      name: "a check named in a ruleset, behind paths",
      yaml: noGate("  pull_request:\n    paths: ['src/**']\n"),
      requiredChecks: [{ name: "Test" }],
      errors: [{ path: ["on", "pull_request", "paths"], line: 3, column: 5 }],
    },
    {
      name: "CI only on PRs into main while prod requires it (the trigger swap)",
      yaml: noGate("  pull_request:\n    branches: [main]\n"),
      requiredChecks: [{ name: "test", branches: ["main", "prod"] }],
      errors: [{ path: ["on", "pull_request", "branches"], line: 3, column: 5 }],
    },
    {
      name: "branches-ignore skipping a protected branch",
      yaml: noGate("  pull_request:\n    branches-ignore: ['release/**']\n"),
      requiredChecks: [{ name: "Test", branches: ["release/2.0"] }],
      errors: [{ path: ["on", "pull_request", "branches-ignore"], line: 3, column: 5 }],
    },
  ],
});
