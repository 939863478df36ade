import rule from "../../src/rules/needs-unknown.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "needs an existing job (string)", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n  b:\n    needs: a\n    runs-on: x\n    steps: [{ run: b }]\n" },
    { name: "needs existing jobs (list), other case", yaml: "on: push\njobs:\n  Build:\n    runs-on: x\n    steps: [{ run: a }]\n  test:\n    runs-on: x\n    steps: [{ run: a }]\n  deploy:\n    needs: [build, test]\n    runs-on: x\n    steps: [{ run: b }]\n" },
    { name: "no needs at all", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    {
      name: "a typo in a string needs",
      yaml: "on: push\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: a }]\n  deploy:\n    needs: biuld\n    runs-on: x\n    steps: [{ run: b }]\n",
      errors: [{ path: ["jobs", "deploy", "needs"], line: 7, column: 12 }],
    },
    {
      name: "one unknown entry of a list, in flow and block style",
      yaml: "on: push\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: a }]\n  deploy:\n    needs: [build, gone]\n    runs-on: x\n    steps: [{ run: b }]\n  notify:\n    needs:\n      - deploy\n      - missing\n    runs-on: x\n    steps: [{ run: c }]\n",
      errors: [
        { path: ["jobs", "deploy", "needs", 1], line: 7, column: 20 },
        { path: ["jobs", "notify", "needs", 1], line: 13, column: 9 },
      ],
    },
  ],
});
