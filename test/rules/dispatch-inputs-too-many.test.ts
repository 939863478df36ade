import rule from "../../src/rules/dispatch-inputs-too-many.js";
import { testRule } from "./_test-rule.js";

const dispatch = (count: number) => `on:\n  workflow_dispatch:\n    inputs:\n${Array.from({ length: count }, (_, index) => `      i${index}: { type: string }\n`).join("")}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "25 inputs, the most GitHub takes", yaml: dispatch(25) },
    { name: "no inputs", yaml: "on: workflow_dispatch\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [{ name: "issue 12: 26 inputs", yaml: dispatch(26), errors: [{ path: ["on", "workflow_dispatch"], line: 2, column: 3 }] }],
});
