import rule from "../../src/rules/permissions-write-all.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "scopes listed, and read-all", yaml: "on: push\npermissions: read-all\njobs:\n  a:\n    permissions:\n      contents: write\n      packages: write\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    { name: "on the workflow", yaml: "on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n", errors: [{ path: ["permissions"], line: 2, column: 14 }] },
    { name: "on a job", yaml: "on: push\npermissions: {}\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n    steps: [{ run: a }]\n", errors: [{ path: ["jobs", "a", "permissions"], line: 5, column: 18 }] },
  ],
});
