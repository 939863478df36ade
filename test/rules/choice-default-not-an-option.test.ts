import rule from "../../src/rules/choice-default-not-an-option.js";
import { testRule } from "./_test-rule.js";

const dispatch = (input: string) => `on:\n  workflow_dispatch:\n    inputs:\n      level:\n${input}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "a default among the options", yaml: dispatch("        type: choice\n        options: [low, high]\n        default: high\n") },
    { name: "no default", yaml: dispatch("        type: choice\n        options: [low, high]\n") },
    { name: "a string input is free text", yaml: dispatch("        type: string\n        options: [low, high]\n        default: medium\n") },
    { name: "a default from an expression", yaml: dispatch("        type: choice\n        options: [low, high]\n        default: ${{ vars.LEVEL }}\n") },
  ],
  invalid: [
    {
      name: "issue 12: a default that is no option",
      yaml: dispatch("        type: choice\n        options:\n          - low\n          - high\n        default: medium\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "default"], line: 9, column: 18 }],
    },
    {
      name: "issue 12: options compared as written, case included",
      yaml: dispatch("        type: choice\n        options: [Low, High]\n        default: low\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "default"], line: 7, column: 18 }],
    },
  ],
});
