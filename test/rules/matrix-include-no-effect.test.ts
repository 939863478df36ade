import rule from "../../src/rules/matrix-include-no-effect.js";
import { testRule } from "./_test-rule.js";

// A job with `matrix` (YAML lines indented 8 spaces, under strategy.matrix); the matrix starts at line 7.
const withMatrix = (matrix: string) => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n${matrix}    steps: [{ run: x }]\n`;

testRule(rule, {
  valid: [
    { name: "an entry that extends combinations with a new key", yaml: withMatrix("        os: [a, b]\n        include:\n          - os: a\n            experimental: true\n") },
    { name: "an entry that adds a combination", yaml: withMatrix("        os: [a, b]\n        node: [20]\n        include:\n          - os: c\n            node: 20\n") },
    { name: "an entry that adds back an excluded combination", yaml: withMatrix("        os: [a, b]\n        node: [20, 22]\n        exclude:\n          - os: a\n        include:\n          - os: a\n            node: 22\n") },
    { name: "a matrix of include entries only", yaml: withMatrix("        include:\n          - os: a\n          - os: a\n") },
    { name: "a computed entry", yaml: withMatrix("        os: [a]\n        include:\n          - os: ${{ vars.OS }}\n") },
    { name: "a computed axis value", yaml: withMatrix("        os: [a, '${{ vars.OS }}']\n        include:\n          - os: b\n") },
  ],
  invalid: [
    {
      name: "issue 12: an entry that repeats a combination",
      yaml: withMatrix("        os: [a, b]\n        node: [20, 22]\n        include:\n          - os: a\n            node: 22\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "include", 0], line: 10, column: 13 }],
    },
    {
      name: "issue 12: an entry naming only some keys, with values that exist",
      yaml: withMatrix("        os: [a, b]\n        node: [20, 22]\n        include:\n          - os: b\n          - os: c\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "include", 0], line: 10, column: 13 }],
    },
  ],
});
