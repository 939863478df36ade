import { expect, it } from "vitest";
import rule from "../../src/rules/action-input-missing.js";
import { lintWithRule, testRule } from "./_test-rule.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const step = (uses: string, withBlock = "") => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses}\n${withBlock}`;

testRule(rule, {
  valid: [
    { name: "every required input set, in any case", yaml: step("actions/create-github-app-token@v2", "        with:\n          App-Id: ${{ vars.APP_ID }}\n          private-key: ${{ secrets.KEY }}\n") },
    { name: "an action with no required input", yaml: step("actions/checkout@v4") },
    { name: "an action not in the catalog", yaml: step("octo-org/needs-inputs@v1") },
    { name: "a SHA pin without a version comment", yaml: step(`actions/create-github-app-token@${SHA}`) },
    { name: "an expression as the whole with", yaml: step("actions/create-github-app-token@v2", "        with: ${{ fromJSON(vars.APP) }}\n") },
    { name: "a reusable workflow call", yaml: "on: push\njobs:\n  b:\n    uses: actions/create-github-app-token/.github/workflows/x.yml@v2\n" },
  ],
  invalid: [
    { name: "issue 11.6: a required input left out of with", yaml: step("actions/create-github-app-token@v2", "        with:\n          app-id: 1\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with"], line: 7, column: 9 }] },
    { name: "no with at all: reported at uses", yaml: step("8398a7/action-slack@v3"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
    { name: "a SHA pin with its version comment", yaml: step(`8398a7/action-slack@${SHA} # v3.16.2`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
  ],
});

it("issue 11.6: one finding names every missing input", async () => {
  const [finding, ...rest] = await lintWithRule(rule, step("actions/create-github-app-token@v2", "        with:\n          owner: octo\n"));
  expect(rest).toEqual([]);
  expect(finding?.message).toContain('"app-id", "private-key"');
});
