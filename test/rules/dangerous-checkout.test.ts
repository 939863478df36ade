import rule from "../../src/rules/dangerous-checkout.js";
import { testRule } from "./_test-rule.js";

const checkout = (on: string, withBlock: string) => `on: ${on}\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1\n${withBlock}      - run: make\n`;

testRule(rule, {
  valid: [
    { name: "pull_request checking out the head", yaml: checkout("pull_request", "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n") },
    { name: "pull_request_target checking out the base", yaml: checkout("pull_request_target", "") },
    { name: "workflow_run checking out the default branch", yaml: checkout("workflow_run", "        with:\n          ref: ${{ github.event.repository.default_branch }}\n") },
  ],
  invalid: [
    {
      name: "pull_request_target checking out the head SHA",
      yaml: checkout("pull_request_target", "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"),
      errors: [{ path: ["jobs", "a", "steps", 0, "with", "ref"], line: 8, column: 16 }],
    },
    {
      name: "the merge ref by number",
      yaml: checkout("[pull_request_target]", "        with:\n          ref: refs/pull/${{ github.event.number }}/merge\n"),
      errors: [{ path: ["jobs", "a", "steps", 0, "with", "ref"], line: 8, column: 16 }],
    },
    {
      name: "workflow_run checking out the fork's repository",
      yaml: checkout("workflow_run", "        with:\n          repository: ${{ github.event.workflow_run.head_repository.full_name }}\n          ref: ${{ github.event.workflow_run.head_sha }}\n"),
      errors: [{ path: ["jobs", "a", "steps", 0, "with", "repository"], line: 8, column: 23 }],
    },
  ],
});
