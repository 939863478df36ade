import rule from "../../src/rules/required-check-no-merge-group.js";
import { rulesetRequiring, testRepositoryRule } from "./_test-repository-rule.js";

const RULESET = "rulesets/main.json";
const CI = ".github/workflows/ci.yml";
const jobs = "jobs:\n  gate:\n    name: Gate\n    runs-on: x\n    steps: [{ run: make }]\n";

testRepositoryRule(rule, {
  valid: [
    { name: "the gate's workflow runs in the queue", workflows: { [CI]: `on:\n  pull_request:\n  merge_group:\n${jobs}` }, rulesets: { [RULESET]: rulesetRequiring(["Gate"], { mergeQueue: true }) } },
    { name: "merge_group in list form", workflows: { [CI]: `on: [pull_request, merge_group]\n${jobs}` }, rulesets: { [RULESET]: rulesetRequiring(["Gate"], { mergeQueue: true }) } },
    { name: "no merge queue", workflows: { [CI]: `on:\n  pull_request:\n${jobs}` }, rulesets: { [RULESET]: rulesetRequiring(["Gate"]) } },
    {
      name: "another workflow reports the same check in the queue",
      workflows: { [CI]: `on:\n  pull_request:\n${jobs}`, ".github/workflows/queue.yml": `on:\n  merge_group:\n${jobs}` },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { mergeQueue: true }) },
    },
  ],
  invalid: [
    {
      name: "pull requests only, with a merge queue",
      workflows: { [CI]: `on:\n  pull_request:\n    branches: [main]\n${jobs}` },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { mergeQueue: true }) },
      errors: [{ file: CI, path: ["on", "pull_request"], line: 2, column: 3 }],
    },
    {
      name: "pull_request_target only, with a merge queue",
      workflows: { [CI]: `on:\n  pull_request_target:\n${jobs}` },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { mergeQueue: true }) },
      errors: [{ file: CI, path: ["on", "pull_request_target"], line: 2, column: 23 }],
    },
  ],
});
