import rule from "../../src/rules/matrix-exclude-unmatched.js";
import { testRule } from "./_test-rule.js";

// A job with `matrix` (YAML lines indented 8 spaces, under strategy.matrix); the matrix starts at line 7.
const withMatrix = (matrix: string) => `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n${matrix}    steps: [{ run: x }]\n`;

testRule(rule, {
  valid: [
    { name: "an entry that matches a combination", yaml: withMatrix("        os: [ubuntu-latest, windows-latest]\n        node: [20, 22]\n        exclude:\n          - os: windows-latest\n            node: 20\n") },
    { name: "a number written as a string, and another case", yaml: withMatrix("        os: [Windows-Latest]\n        node: [20]\n        exclude:\n          - os: windows-latest\n            node: '20'\n") },
    { name: "a partial match of an object value", yaml: withMatrix("        os:\n          - { name: Linux, runner: ubuntu-latest }\n          - { name: Windows, runner: windows-latest }\n        exclude:\n          - os: { runner: windows-latest }\n") },
    { name: "a value computed by an expression", yaml: withMatrix("        os: [a, b]\n        exclude:\n          - os: ${{ github.event_name }}\n") },
    { name: "an axis with a computed value", yaml: withMatrix("        os: [a, '${{ inputs.extra }}']\n        exclude:\n          - os: c\n") },
    { name: "a matrix computed by an expression", yaml: withMatrix("        os: ${{ fromJSON(vars.OSES) }}\n        exclude:\n          - flavour: x\n") },
    { name: "no exclude", yaml: withMatrix("        os: [a]\n") },
  ],
  invalid: [
    {
      name: "issue 12: a misspelt value matches nothing",
      yaml: withMatrix("        os: [ubuntu-latest, windows-latest]\n        node: [20, 22]\n        exclude:\n          - os: windows-lastest\n            node: 20\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "exclude", 0, "os"], line: 10, column: 17 }],
    },
    {
      name: "issue 12: a key the matrix lacks (include keys do not count)",
      yaml: withMatrix("        os: [a, b]\n        include:\n          - os: a\n            experimental: true\n        exclude:\n          - experimental: true\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "exclude", 0, "experimental"], line: 12, column: 27 }],
    },
    {
      name: "issue 12: an object value no axis value contains",
      yaml: withMatrix("        os:\n          - { name: Linux, runner: ubuntu-latest }\n        exclude:\n          - os: { runner: windows-latest }\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "exclude", 0, "os", "runner"], line: 10, column: 27 }],
    },
    {
      name: "an object value in block form is reported where the value starts, below its key",
      yaml: withMatrix("        os:\n          - { name: Linux, runner: ubuntu-latest }\n        exclude:\n          - os:\n              # a comment\n              runner: ubuntu-latest\n              arch: arm64\n"),
      errors: [{ path: ["jobs", "t", "strategy", "matrix", "exclude", 0, "os", "runner"], line: 12, column: 23 }],
    },
    {
      name: "issue 12: each bad key of each entry",
      yaml: withMatrix("        os: [a]\n        node: [20]\n        exclude:\n          - os: b\n          - nodee: 20\n"),
      errors: [
        { path: ["jobs", "t", "strategy", "matrix", "exclude", 0, "os"], line: 10, column: 17 },
        { path: ["jobs", "t", "strategy", "matrix", "exclude", 1, "nodee"], line: 11, column: 20 },
      ],
    },
  ],
});
