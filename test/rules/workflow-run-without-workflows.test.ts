import rule from "../../src/rules/workflow-run-without-workflows.js";
import { testRule } from "./_test-rule.js";

const on = (events: string) => `on:\n${events}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "a list of workflows", yaml: on("  workflow_run:\n    workflows: [CI, Release]\n    types: [completed]\n") },
    { name: "one workflow as a string", yaml: on("  workflow_run:\n    workflows: CI\n") },
    { name: "no workflow_run", yaml: on("  push:\n") },
  ],
  invalid: [
    {
      name: "issue 12: types but no workflows",
      yaml: on("  push:\n  workflow_run:\n    types: [completed]\n"),
      errors: [{ path: ["on", "workflow_run"], line: 3, column: 3 }],
    },
    {
      name: "issue 12: workflow_run with no value, in a list of events",
      yaml: "on: [push, workflow_run]\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [{ path: ["on", 1], line: 1, column: 12 }],
    },
    {
      name: "issue 12: an empty list",
      yaml: on("  workflow_run:\n    workflows: []\n"),
      errors: [{ path: ["on", "workflow_run"], line: 2, column: 3 }],
    },
  ],
});
