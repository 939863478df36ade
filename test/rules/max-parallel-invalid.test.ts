import rule from "../../src/rules/max-parallel-invalid.js";
import { testRule } from "./_test-rule.js";

const strategy = (maxParallel: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      max-parallel: ${maxParallel}\n      matrix: { n: [1, 2] }\n    steps: [{ run: a }]\n`;
const error = [{ path: ["jobs", "a", "strategy", "max-parallel"], line: 6, column: 21 }];

testRule(rule, {
  valid: [
    { name: "one", yaml: strategy("1") },
    { name: "many", yaml: strategy("16") },
    { name: "an expression", yaml: strategy("${{ fromJSON(vars.MAX) }}") },
    { name: "a string is left to GitHub's parser", yaml: strategy("'2'") },
    { name: "no max-parallel", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    strategy: { matrix: { n: [1] } }\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    { name: "issue 12: zero", yaml: strategy("0"), errors: error },
    { name: "issue 12: a negative number", yaml: strategy("-2"), errors: error },
    { name: "issue 12: a fraction", yaml: strategy("1.5"), errors: error },
  ],
});
