import rule from "../../src/rules/filter-negation-first.js";
import { testRule } from "./_test-rule.js";

const on = (filters: string) => `on:\n${filters}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "! after what it excludes from", yaml: on("  push:\n    branches: ['releases/**', '!releases/**-alpha']\n    paths: ['**', '!docs/**', 'docs/api/**']\n") },
    { name: "only ! patterns are glob-invalid's", yaml: on("  push:\n    branches: ['!main']\n") },
    { name: "ignore lists and other events", yaml: on("  pull_request:\n    paths-ignore: ['!x', 'docs/**']\n  workflow_dispatch:\n") },
  ],
  invalid: [
    { name: "issue 12: a ! pattern first", yaml: on("  push:\n    paths: ['!docs/**', '**']\n"), errors: [{ path: ["on", "push", "paths", 0], line: 3, column: 13 }] },
    {
      name: "issue 12: every leading ! pattern, in branches and tags",
      yaml: on("  pull_request:\n    branches: ['!a', '!b', 'main', '!c']\n  push:\n    tags: ['!v0*', 'v*']\n"),
      errors: [
        { path: ["on", "pull_request", "branches", 0], line: 3, column: 16 },
        { path: ["on", "pull_request", "branches", 1], line: 3, column: 22 },
        { path: ["on", "push", "tags", 0], line: 5, column: 12 },
      ],
    },
  ],
});
