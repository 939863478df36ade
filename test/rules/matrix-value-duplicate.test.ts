import rule from "../../src/rules/matrix-value-duplicate.js";
import { testRule } from "./_test-rule.js";

const matrix = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n${body}    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "distinct values", yaml: matrix("        os: [ubuntu-latest, windows-latest]\n        node: [18, 20]\n") },
    { name: "the same value on two axes", yaml: matrix("        a: [1, 2]\n        b: [1, 2]\n") },
    { name: "a string and a number that read alike", yaml: matrix("        v: [20, '20']\n") },
    { name: "include rows that repeat each other are another rule's", yaml: matrix("        os: [x]\n        include: [{ os: x, v: 1 }, { os: x, v: 1 }]\n") },
    { name: "expressions, known only at run time", yaml: matrix("        v: ['${{ inputs.a }}', '${{ inputs.a }}']\n") },
    { name: "an axis built by an expression", yaml: matrix("        v: ${{ fromJSON(inputs.list) }}\n") },
  ],
  invalid: [
    {
      name: "issue 12: a version listed twice",
      yaml: matrix("        node:\n          - 18\n          - 20\n          - 20\n"),
      errors: [{ path: ["jobs", "a", "strategy", "matrix", "node", 2], line: 10, column: 13 }],
    },
    {
      name: "issue 12: objects with the same keys and values",
      yaml: matrix("        cfg: [{ os: x, v: 1 }, { os: y }, { os: x, v: 1 }]\n"),
      errors: [{ path: ["jobs", "a", "strategy", "matrix", "cfg", 2], line: 7, column: 43 }],
    },
  ],
});
