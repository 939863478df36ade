import rule from "../../src/rules/input-default-invalid.js";
import { testRule } from "./_test-rule.js";

const dispatch = (input: string) => `on:\n  workflow_dispatch:\n    inputs:\n      level:\n${input}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;
const called = (input: string) => `on:\n  workflow_call:\n    inputs:\n      level:\n${input}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "boolean defaults, as booleans and as text", yaml: called("        type: boolean\n        default: true\n") },
    { name: "a boolean default written as text", yaml: dispatch("        type: boolean\n        default: 'false'\n") },
    { name: "a default among the options", yaml: dispatch("        type: choice\n        options: [low, high]\n        default: high\n") },
    { name: "no default", yaml: dispatch("        type: choice\n        options: [low, high]\n") },
    { name: "a string input is free text", yaml: dispatch("        type: string\n        options: [low, high]\n        default: medium\n") },
    { name: "a default from an expression", yaml: dispatch("        type: choice\n        options: [low, high]\n        default: ${{ vars.LEVEL }}\n") },
    { name: "numbers, written as numbers or as strings", yaml: dispatch("        type: number\n        default: 3\n  workflow_call:\n    inputs:\n      count:\n        type: number\n        default: '1e3'\n") },
    { name: "a required dispatch input with a default: the form starts with it", yaml: dispatch("        type: string\n        required: true\n        default: low\n") },
    { name: "an optional called input with a default", yaml: called("        type: string\n        required: false\n        default: low\n") },
    { name: "a number default from an expression", yaml: called("        type: number\n        default: ${{ vars.COUNT }}\n") },
  ],
  invalid: [
    { name: "issue 12: a boolean input with a number default", yaml: called("        type: boolean\n        default: 123\n"), errors: [{ path: ["on", "workflow_call", "inputs", "level", "default"], line: 6, column: 18 }] },
    {
      name: "issue 12: a choice default that is no option",
      yaml: dispatch("        type: choice\n        options:\n          - low\n          - high\n        default: medium\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "default"], line: 9, column: 18 }],
    },
    {
      name: "issue 12: options compared as written, case included",
      yaml: dispatch("        type: choice\n        options: [Low, High]\n        default: low\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "default"], line: 7, column: 18 }],
    },
    {
      name: "issue 12: a number default that is no number, dispatched",
      yaml: dispatch("        type: number\n        default: many\n"),
      errors: [{ path: ["on", "workflow_dispatch", "inputs", "level", "default"], line: 6, column: 18 }],
    },
    {
      name: "issue 12: a number default that is no number, called",
      yaml: called("        type: number\n        default: ''\n"),
      errors: [{ path: ["on", "workflow_call", "inputs", "level", "default"], line: 6, column: 18 }],
    },
    {
      name: "issue 12: a required called input with a default that is never used",
      yaml: called("        type: string\n        required: true\n        default: low\n"),
      errors: [{ path: ["on", "workflow_call", "inputs", "level", "default"], line: 7, column: 18, severity: "warning" }],
    },
  ],
});
