import rule from "../../src/rules/script-injection.js";
import { testRule } from "./_test-rule.js";

const steps = (body: string, on = "pull_request") => `on: ${on}\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

testRule(rule, {
  valid: [
    { name: "untrusted values through env", yaml: steps("      - run: echo \"$TITLE\"\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n") },
    { name: "trusted values in run", yaml: steps("      - run: echo ${{ github.event.pull_request.number }} ${{ github.sha }} ${{ github.event.pull_request.head.sha }} ${{ github.ref_name }}\n") },
    { name: "untrusted values in with: of another action", yaml: steps("      - uses: some/action@" + "0".repeat(40) + "\n        with:\n          title: ${{ github.event.issue.title }}\n") },
    { name: "github-script reading process.env", yaml: steps("      - uses: actions/github-script@v7\n        env:\n          BODY: ${{ github.event.comment.body }}\n        with:\n          script: console.log(process.env.BODY)\n") },
    { name: "issue 12.script-injection: an untrusted value in env, read as $VAR", yaml: steps("      - run: echo \"$T\"\n        env:\n          T: ${{ github.event.issue.title }}\n", "issues") },
    { name: "issue 12.script-injection: a trusted env value in ${{ env }}", yaml: steps("      - run: echo ${{ env.SHA }}\n        env:\n          SHA: ${{ github.sha }}\n") },
    { name: "issue 12.script-injection: a step env that overrides an untrusted job env", yaml: `on: issues\njobs:\n  a:\n    runs-on: x\n    env:\n      T: \${{ github.event.issue.title }}\n    steps:\n      - run: echo \${{ env.T }}\n        env:\n          T: fixed\n` },
    { name: "issue 12.script-injection: a trusted value written to GITHUB_ENV", yaml: steps("      - run: echo \"SHA=$SHA\" >> \"$GITHUB_ENV\"\n        env:\n          SHA: ${{ github.sha }}\n") },
    { name: "issue 12.script-injection: an untrusted variable echoed, not written to GITHUB_ENV", yaml: steps("      - run: |\n          echo \"$TITLE\"\n          echo \"OK=1\" >> \"$GITHUB_ENV\"\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n") },
    { name: "issue 12.script-injection: a yq expression input of another action", yaml: steps("      - uses: some/yq@" + "0".repeat(40) + "\n        with:\n          cmd: ${{ github.event.issue.title }}\n", "issues") },
  ],
  invalid: [
    { name: "issue 12.script-injection: a numeric index into commits", yaml: steps("      - run: echo '${{ github.event.commits[0].author.name }}'\n", "push"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12.script-injection: bracket property access to a PR title", yaml: steps("      - run: echo \"${{ github.event['pull_request']['title'] }}\"\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12.script-injection: a pwsh script", yaml: steps("      - shell: pwsh\n        run: Write-Output \"${{ github.event.issue.body }}\"\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 14 }] },
    { name: "issue 12.script-injection: mikefarah/yq's cmd", yaml: steps("      - uses: mikefarah/yq@" + "0".repeat(40) + "\n        with:\n          cmd: yq '.title = \"${{ github.event.issue.title }}\"' data.yml\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "cmd"], line: 8, column: 16 }] },
    {
      name: "issue 12.script-injection: a run inside parallel:",
      yaml: steps("      - parallel:\n          - run: echo ok\n          - run: echo \"${{ github.head_ref }}\"\n"),
      errors: [{ path: ["jobs", "a", "steps", 0, "parallel", 1, "run"], line: 8, column: 18 }],
    },
    {
      name: "issue 12.script-injection: ${{ env.T }} where T holds an issue title (step, job and workflow env)",
      yaml: `on: issues\nenv:\n  W: \${{ github.event.issue.body }}\njobs:\n  a:\n    runs-on: x\n    env:\n      J: \${{ github.event.issue.title }}\n    steps:\n      - run: echo \${{ env.T }} \${{ env.J }} \${{ env.W }}\n        env:\n          T: \${{ github.event.issue.title }}\n`,
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 14 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 14 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 14 },
      ],
    },
    { name: "issue 12.script-injection: an issue title written to GITHUB_ENV directly", yaml: steps("      - run: echo \"X=${{ github.event.issue.title }}\" >> $GITHUB_ENV\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    {
      name: "issue 12.script-injection: an untrusted variable written to GITHUB_ENV and GITHUB_PATH",
      yaml: steps("      - run: |\n          echo \"TITLE=$TITLE\" >> \"$GITHUB_ENV\"\n          echo \"${DIR}\" >> $GITHUB_PATH\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n          DIR: ${{ github.head_ref }}\n"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 },
      ],
    },
    { name: "issue 12.script-injection: pwsh writing an untrusted variable to GITHUB_ENV", yaml: steps("      - shell: pwsh\n        run: Add-Content -Path $env:GITHUB_ENV -Value \"B=$env:BODY\"\n        env:\n          BODY: ${{ github.event.comment.body }}\n", "issue_comment"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 14 }] },
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
