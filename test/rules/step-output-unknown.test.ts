import rule from "../../src/rules/step-output-unknown.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "an earlier step's output", yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - id: v\n        run: echo value=1 >> $GITHUB_OUTPUT\n      - if: steps.v.outputs.value == '1'\n        run: echo ${{ steps.V.outcome }}\n" },
    { name: "job outputs may read any step", yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    outputs:\n      value: ${{ steps.last.outputs.value }}\n    steps:\n      - run: echo\n      - id: last\n        run: echo value=1 >> $GITHUB_OUTPUT\n" },
    { name: "an action step's outputs (any name)", yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - id: filter\n        uses: dorny/paths-filter@v3\n      - if: ${{ steps.filter.outputs.md == 'true' }}\n        run: make docs\n" },
    { name: "issue 12: outputs, outcome and conclusion of a step", yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - id: v\n        run: echo\n      - run: echo ${{ steps.v.outputs.x }} ${{ steps.v.Outcome }} ${{ steps.v['conclusion'] }} ${{ toJSON(steps.v) }}\n" },
  ],
  invalid: [
    {
      name: "issue 12: a step property without .outputs",
      yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - id: v\n        run: echo value=1 >> $GITHUB_OUTPUT\n      - run: echo ${{ steps.v.value }}\n",
      errors: [{ path: ["jobs", "j", "steps", 1, "run"], line: 8, column: 14 }],
    },
    {
      name: "a step id that does not exist",
      yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - id: version\n        run: echo value=1 >> $GITHUB_OUTPUT\n      - run: echo ${{ steps.versoin.outputs.value }}\n",
      errors: [{ path: ["jobs", "j", "steps", 1, "run"], line: 8, column: 14 }],
    },
    {
      name: "a step that runs later, and the step itself",
      yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    steps:\n      - if: steps.later.outputs.ok\n        run: echo\n      - id: later\n        env:\n          SELF: ${{ steps.later.outputs.ok }}\n        run: echo ok=1 >> $GITHUB_OUTPUT\n",
      errors: [
        { path: ["jobs", "j", "steps", 0, "if"], line: 6, column: 13 },
        { path: ["jobs", "j", "steps", 1, "env", "SELF"], line: 10, column: 17 },
      ],
    },
    {
      name: "job outputs naming a step of no id",
      yaml: "on: push\njobs:\n  j:\n    runs-on: x\n    outputs:\n      v: ${{ steps.nope.outputs.v }}\n    steps:\n      - run: echo\n",
      errors: [{ path: ["jobs", "j", "outputs", "v"], line: 6, column: 10 }],
    },
  ],
});
