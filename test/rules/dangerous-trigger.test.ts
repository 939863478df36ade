import rule from "../../src/rules/dangerous-trigger.js";
import { testRule } from "./_test-rule.js";

const jobs = "jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo hi\n";

testRule(rule, {
  valid: [
    { name: "issue 12.dangerous-trigger: pull_request and push", yaml: `on: [push, pull_request]\n${jobs}` },
    { name: "issue 12.dangerous-trigger: workflow_call and workflow_dispatch", yaml: `on:\n  workflow_call: {}\n  workflow_dispatch: {}\n${jobs}` },
    { name: "issue 12.zizmor: pull_request_target that only runs actions/labeler", yaml: "on: pull_request_target\njobs:\n  label:\n    runs-on: x\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9\n" },
  ],
  invalid: [
    { name: "issue 12.zizmor: the labeler beside another step", yaml: "on: pull_request_target\njobs:\n  label:\n    runs-on: x\n    steps:\n      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9\n      - run: echo done\n", errors: [{ path: ["on"], line: 1, column: 5 }] },
    { name: "issue 12.dangerous-trigger: pull_request_target as a string", yaml: `on: pull_request_target\n${jobs}`, errors: [{ path: ["on"], line: 1, column: 5 }] },
    { name: "issue 12.dangerous-trigger: workflow_run in a list", yaml: `on: [push, workflow_run]\n${jobs}`, errors: [{ path: ["on"], line: 1, column: 1 }] },
    {
      name: "issue 12.dangerous-trigger: both, as mapping keys with filters",
      yaml: `on:\n  pull_request_target:\n    types: [labeled]\n  workflow_run:\n    workflows: [CI]\n    types: [completed]\n${jobs}`,
      errors: [
        { path: ["on"], line: 1, column: 1 },
        { path: ["on"], line: 1, column: 1 },
      ],
    },
  ],
});
