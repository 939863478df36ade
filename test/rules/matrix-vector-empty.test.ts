import rule from "../../src/rules/matrix-vector-empty.js";
import { testRule } from "./_test-rule.js";

const matrix = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n${body}    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "every key has values", yaml: matrix("        os: [a, b]\n        node: [20]\n") },
    { name: "an empty include and exclude", yaml: matrix("        os: [a]\n        include: []\n        exclude: []\n") },
    { name: "a matrix computed by an expression", yaml: matrix("        os: ${{ fromJSON(inputs.list) }}\n") },
  ],
  invalid: [
    {
      name: "issue 12.2: an empty list, at its key",
      yaml: matrix("        os: [a, b]\n        node: []\n"),
      errors: [{ path: ["jobs", "a", "strategy", "matrix", "node"], line: 8, column: 9 }],
    },
  ],
});
