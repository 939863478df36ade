import rule from "../../src/rules/persist-credentials.js";
import { testRule } from "./_test-rule.js";

const CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1";
const wf = (permissions: string, withBlock = "") => `on: push\n${permissions}jobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${CHECKOUT}\n${withBlock}      - run: make\n`;

const upload = (action: string, inputs: string, checkoutWith = "") => `on: push\npermissions:\n  contents: read\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${CHECKOUT}\n${checkoutWith}      - run: make\n      - uses: ${action}\n        with:\n${inputs}`;

testRule(rule, {
  valid: [
    { name: "write token but credentials dropped", yaml: wf("permissions:\n  contents: write\n", "        with:\n          persist-credentials: false\n") },
    { name: "issue 12.artipacked: credentials dropped before the workspace upload", yaml: upload("actions/upload-artifact@v3", "          path: .\n", "        with:\n          persist-credentials: false\n") },
    { name: "issue 12.artipacked: an upload before the checkout", yaml: `on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/upload-artifact@v3\n        with:\n          path: .\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n` },
    { name: "issue 12.artipacked: persist-credentials: true written out, read-only token", yaml: wf("permissions:\n  contents: read\n", "        with:\n          persist-credentials: true\n") },
  ],
  invalid: [
    { name: "issue 12.artipacked: a read-only token, credentials still kept on disk", yaml: wf("permissions:\n  contents: read\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.artipacked: only id-token write, credentials still kept on disk", yaml: wf("permissions:\n  contents: read\n  id-token: write\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 9, column: 15 }] },
    { name: "issue 12.artipacked: default permissions, credentials kept on disk", yaml: wf(""), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
    { name: "issue 12.artipacked: the workspace uploaded by upload-artifact v4 (hidden files skipped): credentials kept on disk all the same", yaml: upload("actions/upload-artifact@v4", "          path: .\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.artipacked: only the build output uploaded: credentials kept on disk all the same", yaml: upload("actions/upload-artifact@v3", "          path: dist/\n          include-hidden-files: true\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.artipacked: the workspace uploaded by upload-artifact v3, read-only token", yaml: upload("actions/upload-artifact@v3", "          name: everything\n          path: .\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.artipacked: github.workspace with hidden files included", yaml: upload("actions/upload-artifact@v4", "          path: ${{ github.workspace }}\n          include-hidden-files: true\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "issue 12.artipacked: the checkout's own path uploaded, by a SHA pin whose comment names v4.3.0", yaml: upload(`actions/upload-artifact@${"a".repeat(40)} # v4.3.0`, "          path: |\n            repo/\n            !repo/tmp\n", "        with:\n          path: repo\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    { name: "workflow grants contents: write", yaml: wf("permissions:\n  contents: write\n"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }] },
    {
      name: "job grants write-all over a read workflow",
      yaml: `on: push\npermissions: {}\njobs:\n  a:\n    permissions: write-all\n    runs-on: x\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: true\n`,
      errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 8, column: 15 }],
    },
  ],
});
