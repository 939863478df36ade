import { expect, it } from "vitest";
import rule from "../../src/rules/action-input-unknown.js";
import { lintWithRule, testRule } from "./_test-rule.js";

const SHA = "11bd71901bbe5b1630ceea73d27597364c9af683";
const step = (uses: string, withBlock = "") => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ${uses}\n${withBlock}`;

testRule(rule, {
  valid: [
    { name: "declared inputs, in any case", yaml: step("actions/checkout@v4", "        with:\n          fetch-depth: 0\n          Persist-Credentials: false\n") },
    { name: "an action not in the catalog", yaml: step("octo-org/tool@v1", "        with:\n          anything: 1\n") },
    { name: "a version the catalog does not have", yaml: step("actions/checkout@v99", "        with:\n          fetch-dpeth: 0\n") },
    { name: "a SHA pin without a version comment", yaml: step(`actions/checkout@${SHA}`, "        with:\n          fetch-dpeth: 0\n") },
    { name: "an expression as the whole with", yaml: step("actions/checkout@v4", "        with: ${{ fromJSON(vars.CHECKOUT) }}\n") },
    { name: "an action that takes any input", yaml: step("octokit/request-action@v2.x", "        with:\n          route: GET /repos\n          owner: octo\n") },
    { name: "args and entrypoint, which Docker actions take", yaml: step("actions/checkout@v4", "        with:\n          args: x\n") },
    { name: "a local action and a reusable workflow call", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/checkout\n        with:\n          fetch-dpeth: 0\n  b:\n    uses: actions/checkout/.github/workflows/x.yml@v4\n    with:\n      fetch-dpeth: 0\n" },
  ],
  invalid: [
    { name: "issue 11.6: fetch-dpeth under actions/checkout@v4", yaml: step("actions/checkout@v4", "        with:\n          fetch-dpeth: 0\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "fetch-dpeth"], line: 8, column: 24 }] },
    { name: "a full tag matches its major", yaml: step("actions/checkout@v4.1.2", "        with:\n          ref: main\n          fetch-dpeth: 0\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "fetch-dpeth"], line: 9, column: 24 }] },
    { name: "a SHA pin with its version comment", yaml: step(`actions/checkout@${SHA} # v4.1.7`, "        with:\n          fetch-dpeth: 0\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "fetch-dpeth"], line: 8, column: 24 }] },
    { name: "an action in a subfolder", yaml: step("actions/cache/restore@v4", "        with:\n          path: x\n          key: k\n          save-always: true\n"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "save-always"], line: 10, column: 24 }] },
  ],
});

it("issue 11.6: the hint of a misspelt input names the input meant", async () => {
  const [finding] = await lintWithRule(rule, step("actions/checkout@v4", "        with:\n          fetch-dpeth: 0\n"));
  expect(finding?.hint).toBe('did you mean "fetch-depth"?');
});
