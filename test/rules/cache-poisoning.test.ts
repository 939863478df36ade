import rule from "../../src/rules/cache-poisoning.js";
import { testRule } from "./_test-rule.js";

const SHA = "0".repeat(40);
const workflow = (on: string, steps: string) => `on:\n${on}jobs:\n  a:\n    runs-on: x\n    steps:\n${steps}`;
const TAGS = "  push:\n    tags: ['v*']\n";
const setupNode = `      - uses: actions/setup-node@${SHA}\n        with:\n          node-version: 22\n          cache: npm\n`;

testRule(rule, {
  valid: [
    { name: "issue 12.cache-poisoning: caching in an ordinary push and pull_request CI", yaml: workflow("  push:\n    branches: [main]\n  pull_request: {}\n", `${setupNode}      - run: npm test\n`) },
    { name: "issue 12.cache-poisoning: a tag workflow without caches", yaml: workflow(TAGS, `      - uses: actions/setup-node@${SHA}\n        with:\n          node-version: 22\n      - uses: actions/setup-go@${SHA}\n        with:\n          cache: false\n      - run: npm publish\n`) },
    { name: "issue 12.cache-poisoning: an empty cache input", yaml: workflow("  release: {}\n", `      - uses: actions/setup-python@${SHA}\n        with:\n          cache: ''\n`) },
    { name: "issue 12.cache-poisoning: a cache in a job that does not publish, beside one that does", yaml: "on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n" + setupNode + "  publish:\n    runs-on: x\n    steps:\n      - run: npm publish\n" },
  ],
  invalid: [
    { name: "issue 12.cache-poisoning: setup-node cache on a tag push", yaml: workflow(TAGS, `${setupNode}      - run: npm publish\n`), errors: [{ path: ["jobs", "a", "steps", 0, "with", "cache"], line: 11, column: 18 }] },
    { name: "issue 12.cache-poisoning: actions/cache on pull_request_target", yaml: workflow("  pull_request_target: {}\n", `      - uses: actions/cache@${SHA}\n        with:\n          path: ~/.npm\n          key: npm\n`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 7, column: 15 }] },
    { name: "issue 12.cache-poisoning: setup-go's default cache on release", yaml: workflow("  release:\n    types: [published]\n", `      - uses: actions/setup-go@${SHA}\n        with:\n          go-version: stable\n`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.cache-poisoning: actions/cache/restore on workflow_run", yaml: workflow("  workflow_run:\n    workflows: [CI]\n", `      - uses: actions/cache/restore@${SHA}\n        with:\n          path: x\n          key: k\n`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.cache-poisoning: a branch-push job that publishes to PyPI with a rust cache", yaml: workflow("  push:\n    branches: [main]\n", `      - uses: Swatinem/rust-cache@${SHA}\n      - uses: pypa/gh-action-pypi-publish@${SHA}\n`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.cache-poisoning: bundler-cache in a job that pushes gems", yaml: workflow("  push:\n    branches: [main]\n", `      - uses: ruby/setup-ruby@${SHA}\n        with:\n          bundler-cache: true\n      - run: gem push pkg/*.gem\n`), errors: [{ path: ["jobs", "a", "steps", 0, "with", "bundler-cache"], line: 10, column: 26 }] },
  ],
});
