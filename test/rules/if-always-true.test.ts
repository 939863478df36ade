import rule from "../../src/rules/if-always-true.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "bare, one ${{ }}, booleans and strings with braces in quotes", yaml: "on: push\njobs:\n  a:\n    if: github.ref == 'refs/heads/main'\n    runs-on: x\n    steps:\n      - if: ${{ github.event_name == 'push' }}\n        run: a\n      - if: true\n        run: b\n      - if: \"${{ contains(github.ref, '}} ') }}\"\n        run: c\n      - if: >-\n          ${{ success() }}\n        run: d\n" },
  ],
  invalid: [
    {
      name: "two expressions joined outside the braces",
      yaml: "on: push\njobs:\n  a:\n    if: ${{ github.ref == 'refs/heads/main' }} && ${{ github.event_name == 'push' }}\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }],
    },
    {
      name: "a block scalar keeps its newline",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - if: |\n          ${{ false }}\n        run: a\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 6, column: 13 }],
    },
    {
      name: "text before the expression",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - if: \"!${{ cancelled() }}\"\n        run: a\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 6, column: 13 }],
    },
  ],
});
