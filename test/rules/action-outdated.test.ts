import { expect, it } from "vitest";
import rule from "../../src/rules/action-outdated.js";
import { lintWithRule, testRule } from "./_test-rule.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const steps = (...uses: string[]) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${uses.map((value) => `      - uses: ${value}\n`).join("")}`;

testRule(rule, {
  valid: [
    { name: "current majors", yaml: steps("actions/checkout@v4", "actions/setup-node@v4.0.2", `actions/cache@${SHA} # v4.2.0`) },
    { name: "an action not in the catalog, a branch, a bare SHA", yaml: steps("octo-org/tool@v1", "actions/checkout@main", `actions/checkout@${SHA}`) },
    { name: "the node20 rebuild of an old major", yaml: steps("actions/upload-artifact@v3-node20") },
  ],
  invalid: [
    { name: "issue 11.6: an outdated major, by tag and by full version", yaml: steps("actions/checkout@v3", "actions/setup-node@v2.5.1"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }, { path: ["jobs", "a", "steps", 1, "uses"], line: 7, column: 15 }] },
    { name: "a SHA pin whose version comment is outdated", yaml: steps(`actions/cache@${SHA} # v3.3.1`), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
  ],
});

it("issue 11.6: the hint names the newest major the catalog knows", async () => {
  const [finding] = await lintWithRule(rule, steps("actions/checkout@v2"));
  expect(finding?.hint).toBe("move to actions/checkout@v6 or a later release");
});
