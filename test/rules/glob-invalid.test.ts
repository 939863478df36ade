import rule from "../../src/rules/glob-invalid.js";
import { testRule } from "./_test-rule.js";

const on = (filters: string) => `on:\n${filters}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "usual patterns", yaml: on("  push:\n    branches: [main, 'release/**', 'v[0-9]+']\n    tags: ['v*.*.*']\n    paths: ['src/**', '!src/**/*.md', '**.ts']\n  pull_request:\n    paths-ignore: ['docs/**']\n") },
    { name: "a scalar filter and escaped specials", yaml: on("  push:\n    branches: main\n    paths: ['file\\+name.txt']\n") },
    { name: "filters of other events are not read", yaml: on("  workflow_dispatch:\n  release:\n    types: [published]\n") },
  ],
  invalid: [
    {
      name: "a path starting with ./",
      yaml: on("  push:\n    paths:\n      - './src/**'\n"),
      errors: [{ path: ["on", "push", "paths", 0], line: 4, column: 9 }],
    },
    {
      name: "an unclosed bracket and a backwards range",
      yaml: on("  pull_request:\n    branches: ['release-[0-9', 'v[9-0]']\n"),
      errors: [
        { path: ["on", "pull_request", "branches", 0], line: 3, column: 16 },
        { path: ["on", "pull_request", "branches", 1], line: 3, column: 32 },
      ],
    },
    {
      name: "characters no branch name can hold, and + with nothing to repeat",
      yaml: on("  push:\n    branches: ['feature branch', '+x']\n    tags-ignore: ['v1..2']\n"),
      errors: [
        { path: ["on", "push", "branches", 0], line: 3, column: 16 },
        { path: ["on", "push", "branches", 1], line: 3, column: 34 },
        { path: ["on", "push", "tags-ignore", 0], line: 4, column: 19 },
      ],
    },
    {
      name: "only negative patterns include nothing",
      yaml: on("  push:\n    branches:\n      - '!main'\n"),
      errors: [{ path: ["on", "push", "branches"], line: 3, column: 5 }],
    },
  ],
});
