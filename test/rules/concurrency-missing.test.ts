import rule from "../../src/rules/concurrency-missing.js";
import { testRule } from "./_test-rule.js";

const jobs = "jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n";

testRule(rule, {
  valid: [
    { name: "cancel-in-progress true", yaml: `on: pull_request\nconcurrency:\n  group: pr-\${{ github.ref }}\n  cancel-in-progress: true\n${jobs}` },
    { name: "cancel-in-progress decided by an expression", yaml: `on: [push, pull_request]\nconcurrency:\n  group: \${{ github.workflow }}-\${{ github.ref }}\n  cancel-in-progress: \${{ github.event_name == 'pull_request' }}\n${jobs}` },
    { name: "every job cancels", yaml: "on: pull_request\njobs:\n  a:\n    concurrency:\n      group: a-${{ github.ref }}\n      cancel-in-progress: true\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "not a pull-request workflow", yaml: `on: push\n${jobs}` },
  ],
  invalid: [
    { name: "no concurrency, on: pull_request", yaml: `on: pull_request\n${jobs}`, errors: [{ path: ["on"], line: 1, column: 5 }] },
    { name: "no concurrency, pull_request as a key", yaml: `on:\n  push:\n  pull_request:\n    branches: [main]\n${jobs}`, errors: [{ path: ["on", "pull_request"], line: 3, column: 3 }] },
    { name: "a group only", yaml: `on: [pull_request]\nconcurrency: ci-\${{ github.ref }}\n${jobs}`, errors: [{ path: ["concurrency"], line: 2, column: 14 }] },
    { name: "cancel-in-progress false", yaml: `on: pull_request_target\nconcurrency:\n  group: x\n  cancel-in-progress: false\n${jobs}`, errors: [{ path: ["concurrency", "cancel-in-progress"], line: 4, column: 23 }] },
  ],
});
