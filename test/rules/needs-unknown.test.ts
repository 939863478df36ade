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
      name: "issue 12: a typo in a string needs, at the job's id",
      yaml: "on: push\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: a }]\n  deploy:\n    needs: biuld\n    runs-on: x\n    steps: [{ run: b }]\n",
      errors: [{ path: ["jobs", "deploy"], line: 6, column: 3 }],
    },
    {
      name: "issue 12: one unknown entry of a list, in flow and block style, at each job's id",
      yaml: "on: push\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: a }]\n  deploy:\n    needs: [build, gone]\n    runs-on: x\n    steps: [{ run: b }]\n  notify:\n    needs:\n      - deploy\n      - missing\n    runs-on: x\n    steps: [{ run: c }]\n",
      errors: [
        { path: ["jobs", "deploy"], line: 6, column: 3 },
        { path: ["jobs", "notify"], line: 10, column: 3 },
      ],
    },
  ],
});
