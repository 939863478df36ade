import rule from "../../src/rules/unsound-contains.js";
import { testRule } from "./_test-rule.js";

const job = (condition: string, step = "      - run: echo hi\n") => `on: push\njobs:\n  a:\n    if: ${condition}\n    runs-on: x\n    steps:\n${step}`;

testRule(rule, {
  valid: [
    { name: "issue 12.unsound-contains: a list from fromJSON", yaml: job("contains(fromJSON('[\"refs/heads/main\", \"refs/heads/dev\"]'), github.ref)") },
    { name: "issue 12.unsound-contains: a context as the haystack", yaml: job("contains(github.event.head_commit.message, '[skip ci]')") },
    { name: "issue 12.unsound-contains: a list of labels", yaml: job("contains(github.event.pull_request.labels.*.name, 'deploy')") },
    { name: "issue 12.unsound-contains: two literals", yaml: job("contains('abc', 'b')") },
  ],
  invalid: [
    { name: "issue 12.unsound-contains: branch names in one string", yaml: job("contains('refs/heads/main refs/heads/dev', github.ref)"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.unsound-contains: inside ${{ }} with other terms", yaml: job("${{ github.event_name == 'push' && contains('main,dev', github.ref_name) }}"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.unsound-contains: a step's if, spaced and upper case", yaml: job("true", "      - if: CONTAINS( 'octocat dependabot[bot]' , github.actor )\n        run: echo hi\n"), errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 7, column: 13 }] },
  ],
});
