import rule from "../../src/rules/permissions-missing.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "workflow permissions", yaml: "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "every job sets them", yaml: "on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: x\n    steps: [{ run: a }]\n  b:\n    permissions: read-all\n    uses: ./.github/workflows/b.yml\n" },
  ],
  invalid: [
    {
      name: "one job of two without",
      yaml: "on: push\njobs:\n  a:\n    permissions:\n      contents: read\n    runs-on: x\n    steps: [{ run: a }]\n  b:\n    runs-on: x\n    steps: [{ run: b }]\n",
      errors: [{ path: ["jobs", "b"], line: 8, column: 3 }],
    },
  ],
});
