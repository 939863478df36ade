import rule from "../../src/rules/workflow-input-unknown.js";
import { testRule } from "./_test-rule.js";

const called = (read: string) => `on:\n  workflow_call:\n    inputs:\n      environment: { type: string, required: true }\n  workflow_dispatch:\n    inputs:\n      dry-run: { type: boolean }\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${read}\n`;

testRule(rule, {
  valid: [
    { name: "inputs of both triggers, in any case", yaml: called("${{ inputs.Environment }} ${{ inputs.dry-run }} ${{ toJSON(inputs) }} ${{ inputs.*.x }}") },
    { name: "a workflow whose triggers are not known is not checked", yaml: "jobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.anything }}\n" },
    { name: "undeclared secrets are not checked (secrets: inherit)", yaml: called("${{ secrets.NPM_TOKEN }}") },
  ],
  invalid: [
    {
      name: "issue 12: a push workflow reads inputs, which its runs never have",
      yaml: "on: [push, pull_request]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ inputs.version }}\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }],
    },
    { name: "issue 12: an input no trigger declares", yaml: called("${{ inputs.enviroment }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 12, column: 14 }] },
    {
      name: "issue 12: a dispatch workflow without inputs, read in run-name and a job's if",
      yaml: "on: workflow_dispatch\nrun-name: deploy ${{ inputs.target }}\njobs:\n  a:\n    if: inputs.target == 'prod'\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n",
      errors: [
        { path: ["run-name"], line: 2, column: 11 },
        { path: ["jobs", "a", "if"], line: 5, column: 9 },
      ],
    },
  ],
});
