import rule from "../../src/rules/input-options-invalid.js";
import { testRule } from "./_test-rule.js";

const dispatch = (input: string) => `on:\n  workflow_dispatch:\n    inputs:\n      level:\n${input}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "a choice input with distinct options", yaml: dispatch("        type: choice\n        options: [low, high]\n") },
    { name: "a string input without options", yaml: dispatch("        type: string\n") },
    { name: "options on a reusable workflow's input are another rule's (the schema's) business", yaml: "on:\n  workflow_call:\n    inputs:\n      level:\n        type: string\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    {
      name: "issue 12.2: options on a string input, at the input",
      yaml: dispatch("        type: string\n        options: [low, high]\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level"], line: 4, column: 7 }],
    },
    {
      name: "issue 12.2: an input with options and no type (a string) too",
      yaml: dispatch("        options: [low, high]\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level"], line: 4, column: 7 }],
    },
    {
      name: "issue 12.2: a choice with an empty list of options, at options",
      yaml: dispatch("        type: choice\n        options: []\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "options"], line: 6, column: 9 }],
    },
    {
      name: "issue 12.2: the same option twice, at the repeated one",
      yaml: dispatch("        type: choice\n        options:\n          - low\n          - high\n          - low\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "options", 2], line: 9, column: 13 }],
    },
  ],
});
