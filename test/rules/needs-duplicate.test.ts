import rule from "../../src/rules/needs-duplicate.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "distinct needs", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n  b:\n    runs-on: x\n    steps: [{ run: b }]\n  c:\n    needs: [a, b]\n    runs-on: x\n    steps: [{ run: c }]\n" },
    { name: "a single string need", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n  c:\n    needs: a\n    runs-on: x\n    steps: [{ run: c }]\n" },
  ],
  invalid: [
    {
      name: "issue 12.2: the same job twice, at the repeated entry (block style)",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n  c:\n    needs:\n      - a\n      - a\n    runs-on: x\n    steps: [{ run: c }]\n",
      errors: [{ path: ["jobs", "c", "needs", 1], line: 9, column: 9 }],
    },
    {
      name: "issue 12.2: ids differing only in case are the same job",
      yaml: "on: push\njobs:\n  build:\n    runs-on: x\n    steps: [{ run: a }]\n  c:\n    needs: [build, Build]\n    runs-on: x\n    steps: [{ run: c }]\n",
      errors: [{ path: ["jobs", "c", "needs", 1], line: 7, column: 20 }],
    },
  ],
});
