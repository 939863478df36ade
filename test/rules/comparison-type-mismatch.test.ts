import rule from "../../src/rules/comparison-type-mismatch.js";
import { testRule } from "./_test-rule.js";

const condition = (expression: string) => `on: [push, release]\njobs:\n  a:\n    if: ${expression}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "numbers ordered against numbers", yaml: condition("github.run_number > 1 && github.event.pull_request.number <= 10") },
    { name: "a string property compared with a string", yaml: condition("github.event_name == 'release' && needs.build.result != 'success'") },
    { name: "a payload string compared", yaml: condition("github.event.pull_request.head.repo.full_name == github.repository") },
    { name: "an object compared with an object (the same instance)", yaml: condition("github.event == github.event") },
    { name: "an object passed to a function before the comparison", yaml: condition("toJSON(github.event) == '{}' && contains(github.event.pull_request.labels.*.name, 'bug')") },
    { name: "an object negated, then compared", yaml: condition("!github.event == 'x'") },
    { name: "a property read further than the object", yaml: condition("${{ 'opened' == github.event.pull_request.state }}") },
    { name: "a string property of an unknown shape", yaml: condition("github.event.action == 'published'") },
  ],
  invalid: [
    { name: "issue 12.2: an object ordered against a number", yaml: condition("github.event > 1 || 2 <= needs.build"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }, { path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12: github.event compared with a string", yaml: condition("github.event == 'release'"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12: a needed job, not its result, in ${{ }}", yaml: condition("${{ always() && 'success' != needs.build }}"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    {
      name: "issue 12: a list of labels compared with a name, in a step",
      yaml: "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        if: github.event.pull_request.labels == 'bug'\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 7, column: 13 }],
    },
  ],
});
