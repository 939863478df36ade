import rule from "../../src/rules/gate-incomplete.js";
import { testRule } from "./_test-rule.js";

const job = (id: string, extra = "") => `  ${id}:\n${extra}    runs-on: x\n    steps: [{ run: ${id} }]\n`;
const gate = (needs: string) => job("gate", `    needs: ${needs}\n    if: always()\n`);

testRule(rule, {
  valid: [
    { name: "needs every job", yaml: `on: pull_request\njobs:\n${job("a")}${job("b", "    needs: a\n")}${gate("[a, b]")}` },
    { name: "jobs after the gate are not needed", yaml: `on: pull_request\njobs:\n${job("a")}${gate("[a]")}${job("deploy", "    needs: gate\n")}${job("notify", "    needs: deploy\n")}` },
  ],
  invalid: [
    {
      name: "a job needed only through another",
      yaml: `on: pull_request\njobs:\n${job("a")}${job("b", "    needs: a\n")}${gate("[b]")}`,
      errors: [{ path: ["jobs", "gate", "needs"], line: 11, column: 5 }],
    },
    {
      name: "two jobs left out: one finding",
      yaml: `on: pull_request\njobs:\n${job("a")}${job("b")}${job("c")}${gate("a")}`,
      errors: [{ path: ["jobs", "gate", "needs"], line: 13, column: 12 }],
    },
  ],
});
