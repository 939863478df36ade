import rule from "../../src/rules/filter-and-ignore.js";
import { testRule } from "./_test-rule.js";

const on = (filters: string) => `on:\n${filters}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "branches with exclusions", yaml: on("  push:\n    branches: [main, 'release/**', '!release/**-beta']\n") },
    { name: "each event with one kind", yaml: on("  push:\n    branches: [main]\n  pull_request:\n    branches-ignore: [dev]\n") },
    { name: "branches with tags-ignore: different filters", yaml: on("  push:\n    branches: [main]\n    tags-ignore: ['v*-rc']\n") },
    { name: "an event GitHub does not filter", yaml: on("  release:\n    types: [published]\n") },
  ],
  invalid: [
    {
      name: "issue 12: both branch filters on pull_request_target",
      yaml: on("  pull_request_target:\n    branches: [main]\n    branches-ignore: [dev]\n"),
      errors: [{ path: ["on", "pull_request_target", "branches-ignore"], line: 4, column: 5 }],
    },
    {
      name: "issue 12: both tag filters on push (reported at the later key), and both branch filters on workflow_run",
      yaml: on("  push:\n    tags-ignore:\n      - v*-rc\n    tags:\n      - v*\n  workflow_run:\n    workflows: [ci]\n    branches: [main]\n    branches-ignore: [dev]\n"),
      errors: [
        { path: ["on", "push", "tags"], line: 5, column: 5 },
        { path: ["on", "workflow_run", "branches-ignore"], line: 10, column: 5 },
      ],
    },
  ],
});
