import rule from "../../src/rules/script-injection.js";
import { testRule } from "./_test-rule.js";

const steps = (body: string, on = "pull_request") => `on: ${on}\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

testRule(rule, {
  valid: [
    { name: "untrusted values through env", yaml: steps("      - run: echo \"$TITLE\"\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n") },
    { name: "trusted values in run", yaml: steps("      - run: echo ${{ github.event.pull_request.number }} ${{ github.sha }} ${{ github.event.pull_request.head.sha }} ${{ github.ref_name }}\n") },
    { name: "untrusted values in with: of another action", yaml: steps("      - uses: some/action@" + "0".repeat(40) + "\n        with:\n          title: ${{ github.event.issue.title }}\n") },
    { name: "github-script reading process.env", yaml: steps("      - uses: actions/github-script@v7\n        env:\n          BODY: ${{ github.event.comment.body }}\n        with:\n          script: console.log(process.env.BODY)\n") },
  ],
  invalid: [
    { name: "a PR title in run", yaml: steps("      - run: echo \"${{ github.event.pull_request.title }}\"\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    {
      name: "head ref and a commit message in a block script: two findings",
      yaml: steps("      - run: |\n          git checkout ${{ github.head_ref }}\n          echo '${{ github.event.head_commit.message }}'\n          echo '${{ github.head_ref }}'\n", "push"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 },
      ],
    },
    { name: "an object filter over commits", yaml: steps("      - run: echo '${{ join(github.event.commits.*.message) }}'\n", "push"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "a comment body in github-script", yaml: steps("      - uses: actions/github-script@v7\n        with:\n          script: |\n            const body = `${{ github.event.comment.body }}`\n", "issue_comment"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "script"], line: 8, column: 19 }] },
    { name: "a review body via bracket access", yaml: steps("      - run: echo ${{ github.event['review']['body'] }}\n", "pull_request_review"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
  ],
});
