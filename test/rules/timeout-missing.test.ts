import rule from "../../src/rules/timeout-missing.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "a timeout, also from an expression", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    timeout-minutes: 10\n    steps: [{ run: a }]\n  b:\n    runs-on: x\n    timeout-minutes: ${{ fromJSON(vars.TIMEOUT) }}\n    steps: [{ run: b }]\n" },
    { name: "a reusable workflow call has no timeout of its own", yaml: "on: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n" },
  ],
  invalid: [
    {
      name: "a job without timeout, reported at its key",
      yaml: "on: push\njobs:\n  fine:\n    runs-on: x\n    timeout-minutes: 5\n    steps: [{ run: a }]\n  slow:\n    runs-on: x\n    steps: [{ run: b }]\n",
      errors: [{ path: ["jobs", "slow"], line: 7, column: 3 }],
    },
  ],
});
