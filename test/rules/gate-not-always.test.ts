import rule from "../../src/rules/gate-not-always.js";
import { testRule } from "./_test-rule.js";

const work = "  lint:\n    runs-on: x\n    steps: [{ run: lint }]\n  test:\n    runs-on: x\n    steps: [{ run: test }]\n";
const gate = (id: string, extra: string) => `on: pull_request\njobs:\n${work}  ${id}:\n    needs: [lint, test]\n${extra}    runs-on: x\n    steps: [{ run: check }]\n`;

testRule(rule, {
  valid: [
    { name: "gate with always()", yaml: gate("gate", "    if: always()\n") },
    { name: "gate with ${{ always() }} and more", yaml: gate("all-green", "    if: ${{ always() && github.event_name == 'pull_request' }}\n") },
    { name: "a job not named like a gate", yaml: gate("deploy", "") },
    { name: "cancelled() is gate-cancelled's to report", yaml: gate("gate", "    if: ${{ !cancelled() }}\n") },
    { name: "a gate-like name without needs is not a gate", yaml: "on: push\njobs:\n  required:\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    { name: "a gate without if, reported at the job key", yaml: gate("gate", ""), errors: [{ path: ["jobs", "gate"], line: 9, column: 3 }] },
    { name: "a gate on success()", yaml: gate("ci-gate", "    if: success()\n"), errors: [{ path: ["jobs", "ci-gate", "if"], line: 11, column: 9 }] },
    {
      name: "alls-green without always()",
      yaml: `on: pull_request\njobs:\n${work}  check:\n    needs: [lint, test]\n    runs-on: x\n    steps:\n      - uses: re-actors/alls-green@05ac9388f0aebcb5727afa17fcccfecd6f8ec5fe\n        with:\n          jobs: \${{ toJSON(needs) }}\n`,
      errors: [{ path: ["jobs", "check"], line: 9, column: 3 }],
    },
    { name: "named by its display name", yaml: gate("summary", "    name: All green\n"), errors: [{ path: ["jobs", "summary"], line: 9, column: 3 }] },
  ],
});
