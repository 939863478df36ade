import rule from "../../src/rules/timeout-not-positive.js";
import { testRule } from "./_test-rule.js";

const job = (jobTimeout: string, stepTimeout: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: ${jobTimeout}\n    steps:\n      - run: a\n        timeout-minutes: ${stepTimeout}\n`;

testRule(rule, {
  valid: [
    { name: "positive numbers", yaml: job("30", "2.5") },
    { name: "expressions", yaml: job("${{ fromJSON(vars.TIMEOUT) }}", "${{ inputs.minutes }}") },
    { name: "none", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    {
      name: "issue 12: zero on the job, negative on a step",
      yaml: job("0", "-5"),
      errors: [
        { path: ["jobs", "a", "timeout-minutes"], line: 5, column: 22 },
        { path: ["jobs", "a", "steps", 0, "timeout-minutes"], line: 8, column: 26 },
      ],
    },
  ],
});
