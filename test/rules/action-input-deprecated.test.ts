import { expect, it } from "vitest";
import rule from "../../src/rules/action-input-deprecated.js";
import { lintWithRule, testRule } from "./_test-rule.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const step = (uses: string, withBlock = "") => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses}\n${withBlock}`;

testRule(rule, {
  valid: [
    { name: "current inputs", yaml: step("actions/create-github-app-token@v1", "        with:\n          app-id: 1\n          private-key: k\n") },
    { name: "an input deprecated only in another major", yaml: step("actions/create-github-app-token@v2", "        with:\n          app-id: 1\n          private-key: k\n") },
    { name: "a SHA pin without a version comment", yaml: step(`actions/create-github-app-token@${SHA}`, "        with:\n          app_id: 1\n") },
  ],
  invalid: [
    { name: "issue 11.6: a deprecated input", yaml: step("actions/create-github-app-token@v1", "        with:\n          app_id: 1\n          private-key: k\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "app_id"], line: 8, column: 19 }] },
    { name: "a SHA pin with its version comment", yaml: step(`ncipollo/release-action@${SHA} # v1.14.0`, "        with:\n          artifact: a.tgz\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "artifact"], line: 8, column: 21 }] },
  ],
});

it("issue 11.6: the hint names the input spelt alike that replaces a deprecated one", async () => {
  const [finding] = await lintWithRule(rule, step("actions/create-github-app-token@v1", "        with:\n          private_key: k\n          app-id: 1\n"));
  expect(finding?.hint).toBe('use "private-key" instead');
});
