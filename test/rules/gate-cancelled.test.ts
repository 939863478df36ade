import rule from "../../src/rules/gate-cancelled.js";
import { testRule } from "./_test-rule.js";

const work = "  lint:\n    runs-on: x\n    steps: [{ run: lint }]\n  test:\n    runs-on: x\n    steps: [{ run: test }]\n";
const gate = (condition: string) => `on: pull_request\njobs:\n${work}  gate:\n    needs: [lint, test]\n${condition ? `    if: ${condition}\n` : ""}    runs-on: x\n    steps: [{ run: check }]\n`;

testRule(rule, {
  valid: [
    { name: "always()", yaml: gate("always()") },
    { name: "always() mentioning cancelled results", yaml: gate("${{ always() && !cancelled() }}") },
    { name: "no condition is gate-not-always's to report", yaml: gate("") },
    { name: "cancelled() on a job that is not a gate", yaml: `on: push\njobs:\n${work}  cleanup:\n    needs: [lint]\n    if: \${{ !cancelled() }}\n    runs-on: x\n    steps: [{ run: x }]\n` },
  ],
  invalid: [
    { name: "!cancelled()", yaml: gate("${{ !cancelled() }}"), errors: [{ path: ["jobs", "gate", "if"], line: 11, column: 9 }] },
    { name: "success() || failure()", yaml: gate("success() || failure()"), errors: [{ path: ["jobs", "gate", "if"], line: 11, column: 9 }] },
  ],
});
