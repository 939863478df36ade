import rule from "../../src/rules/paths-and-paths-ignore.js";
import { testRule } from "./_test-rule.js";

const on = (filters: string) => `on:\n${filters}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "paths with exclusions", yaml: on("  push:\n    paths: ['src/**', '!src/**/*.md']\n") },
    { name: "each event with one kind", yaml: on("  push:\n    paths: ['src/**']\n  pull_request:\n    paths-ignore: ['docs/**']\n") },
  ],
  invalid: [
    {
      name: "both on pull_request",
      yaml: on("  pull_request:\n    paths: ['src/**']\n    paths-ignore: ['src/**/*.md']\n"),
      errors: [{ path: ["on", "pull_request", "paths-ignore"], line: 4, column: 5 }],
    },
    {
      name: "both on push and on pull_request_target",
      yaml: on("  push:\n    paths-ignore:\n      - docs/**\n    paths:\n      - src/**\n  pull_request_target:\n    paths: [a]\n    paths-ignore: [b]\n"),
      errors: [
        { path: ["on", "push", "paths"], line: 5, column: 5 },
        { path: ["on", "pull_request_target", "paths-ignore"], line: 9, column: 5 },
      ],
    },
  ],
});
