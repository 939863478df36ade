import rule from "../../src/rules/steps-empty.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "a job with a step", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a reusable-workflow call has no steps", yaml: "on: push\njobs:\n  a:\n    uses: o/r/.github/workflows/w.yml@v1\n" },
  ],
  invalid: [
    {
      name: "issue 12.2: an empty list of steps, at steps",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: []\n",
      errors: [{ path: ["jobs", "a", "steps"], line: 5, column: 5 }],
    },
  ],
});
