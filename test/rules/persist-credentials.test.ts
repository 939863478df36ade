import rule from "../../src/rules/persist-credentials.js";
import { testRule } from "./_test-rule.js";

const CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1";
const wf = (permissions: string, withBlock = "") => `on: push\n${permissions}jobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${CHECKOUT}\n${withBlock}      - run: make\n`;

testRule(rule, {
  valid: [
    { name: "read-only token", yaml: wf("permissions:\n  contents: read\n") },
    { name: "write token but credentials dropped", yaml: wf("permissions:\n  contents: write\n", "        with:\n          persist-credentials: false\n") },
    { name: "only id-token write", yaml: wf("permissions:\n  contents: read\n  id-token: write\n") },
    { name: "unknown permissions are permissions-missing's to report", yaml: wf("") },
  ],
  invalid: [
    { name: "workflow grants contents: write", yaml: wf("permissions:\n  contents: write\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    {
      name: "job grants write-all over a read workflow",
      yaml: `on: push\npermissions: {}\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: true\n`,
      errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }],
    },
  ],
});
