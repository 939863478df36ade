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
    { name: "the whole event of a label event, serialized: no outsider writes it", yaml: steps("      - run: echo '${{ toJSON(github.event) }}'\n", "label") },
    { name: "untrusted text compared, negated or tested by contains(): only true or false reaches the script", yaml: steps("      - run: |\n          echo \"${{ github.event.pull_request.title == 'foo' }}\"\n          echo \"${{ contains(github.event.pull_request.title, 'wip') }} ${{ !github.event.pull_request.body }}\"\n") },
    { name: "a matrix value written from a context the repository controls", yaml: "on: pull_request\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        include:\n          - bar: abc\n          - bar: prefix-${{ github.repository_owner }}\n    steps:\n      - run: echo ${{ matrix.bar }}\n" },
    { name: "issue 12.script-injection: a yq expression input of another action", yaml: steps("      - uses: some/yq@" + "0".repeat(40) + "\n        with:\n          cmd: ${{ github.event.issue.title }}\n", "issues") },
    { name: "issue 12.zizmor: boolean, number and choice inputs", yaml: "on:\n  workflow_dispatch:\n    inputs:\n      dry: { type: boolean }\n      n: { type: number }\n      level: { type: choice, options: [a, b] }\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./go ${{ inputs.dry }} ${{ inputs.n }} ${{ github.event.inputs.level }}\n" },
    { name: "issue 12.zizmor: a step's outcome and a job's result", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - id: t\n        run: make\n      - run: echo ${{ steps.t.outcome }} ${{ steps.t.conclusion }}\n  b:\n    needs: a\n    runs-on: x\n    steps:\n      - run: echo ${{ needs.a.result }}\n" },
    { name: "issue 12.zizmor: an output passed through env", yaml: steps("      - id: v\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n      - run: echo \"$V\"\n        env:\n          V: ${{ steps.v.outputs.v }}\n", "push") },
    { name: "issue 12.zizmor: a literal written to GITHUB_ENV in a pull_request_target workflow", yaml: steps("      - run: echo \"MODE=ci\" >> \"$GITHUB_ENV\"\n", "pull_request_target") },
    { name: "issue 12.zizmor: a step output written to GITHUB_ENV on push", yaml: steps("      - run: echo \"V=$V\" >> \"$GITHUB_ENV\"\n        env:\n          V: ${{ steps.v.outputs.v }}\n", "push") },
    { name: "issue 12.zizmor: a computed value written to GITHUB_ENV on push", yaml: steps("      - run: echo \"V=$(cat VERSION)\" >> \"$GITHUB_ENV\"\n", "push") },
  ],
  invalid: [
    { name: "issue 12.zizmor: a computed value written to GITHUB_ENV in a pull_request_target workflow", yaml: steps("      - run: |\n          make\n          echo \"V=$(cat VERSION)\" >> \"$GITHUB_ENV\"\n", "pull_request_target"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 11, severity: "warning" }] },
    { name: "issue 12.zizmor: a variable written to GITHUB_PATH in a workflow_run workflow", yaml: steps("      - run: echo \"$TOOL_DIR\" >> $GITHUB_PATH\n", "workflow_run"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14, severity: "warning" }] },
    { name: "issue 12.script-injection: a numeric index into commits", yaml: steps("      - run: echo '${{ github.event.commits[0].author.name }}'\n", "push"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    { name: "issue 12.script-injection: bracket property access to a PR title", yaml: steps("      - run: echo \"${{ github.event['pull_request']['title'] }}\"\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    { name: "issue 12.script-injection: a pwsh script", yaml: steps("      - shell: pwsh\n        run: Write-Output \"${{ github.event.issue.body }}\"\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 28 }] },
    { name: "issue 12: a PowerShell script input (amadevus/pwsh-script)", yaml: steps("      - uses: Amadevus/pwsh-script@" + "0".repeat(40) + "\n        with:\n          script: Write-Output '${{ github.event.pull_request.title }}'\n", "pull_request"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "script"], line: 8, column: 33 }] },
    { name: "issue 12: one of two code inputs (addnab/docker-run-action's run)", yaml: steps("      - uses: addnab/docker-run-action@" + "0".repeat(40) + "\n        with:\n          image: alpine\n          run: echo ${{ github.event.issue.body }}\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "run"], line: 9, column: 21 }] },
    { name: "the whole event, serialized into a script", yaml: steps("      - run: echo '${{ toJSON(github.event) }}' | jq .\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    { name: "the event serialized in a reusable workflow: its caller's event may be a pull request", yaml: steps("      - run: echo '${{ toJSON(github.event) }}' | jq .\n", "workflow_call"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    {
      name: "text passed through format(), join() (label names: a warning) and || still reaches the script, each on its own line",
      yaml: steps("      - run: |\n          echo \"${{ format('{0}', github.event.pull_request.title) }}\"\n          echo \"${{ join(github.event.pull_request.labels.*.name) }}\"\n          echo \"${{ false || github.event.pull_request.title }}\"\n"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 17 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 17, severity: "warning" },
        { path: ["jobs", "a", "steps", 0, "run"], line: 9, column: 17 },
      ],
    },
    {
      name: "a matrix value written from untrusted text, pasted into a script",
      yaml: "on: issues\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        include:\n          - title: fixed\n          - title: pre-${{ github.event.issue.title }}\n    steps:\n      - run: echo ${{ matrix.title }}\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 11, column: 19 }],
    },
    { name: "issue 12.script-injection: mikefarah/yq's cmd", yaml: steps("      - uses: mikefarah/yq@" + "0".repeat(40) + "\n        with:\n          cmd: yq '.title = \"${{ github.event.issue.title }}\"' data.yml\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "cmd"], line: 8, column: 30 }] },
    {
      name: "issue 12.script-injection: a run inside parallel:",
      yaml: steps("      - parallel:\n          - run: echo ok\n          - run: echo \"${{ github.head_ref }}\"\n"),
      errors: [{ path: ["jobs", "a", "steps", 0, "parallel", 1, "run"], line: 8, column: 24 }],
    },
    {
      name: "issue 12.script-injection: ${{ env.T }} where T holds an issue title (step, job and workflow env)",
      yaml: `on: issues\nenv:\n  W: \${{ github.event.issue.body }}\njobs:\n  a:\n    runs-on: x\n    env:\n      J: \${{ github.event.issue.title }}\n    steps:\n      - run: echo \${{ env.T }} \${{ env.J }} \${{ env.W }}\n        env:\n          T: \${{ github.event.issue.title }}\n`,
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 19 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 32 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 45 },
      ],
    },
    { name: "issue 12.script-injection: an issue title written to GITHUB_ENV directly", yaml: steps("      - run: echo \"X=${{ github.event.issue.title }}\" >> $GITHUB_ENV\n", "issues"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 22 }] },
    {
      name: "issue 12.script-injection: an untrusted variable written to GITHUB_ENV and GITHUB_PATH",
      yaml: steps("      - run: |\n          echo \"TITLE=$TITLE\" >> \"$GITHUB_ENV\"\n          echo \"${DIR}\" >> $GITHUB_PATH\n        env:\n          TITLE: ${{ github.event.pull_request.title }}\n          DIR: ${{ github.head_ref }}\n"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 11 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 11 },
      ],
    },
    { name: "issue 12.script-injection: pwsh writing an untrusted variable to GITHUB_ENV", yaml: steps("      - shell: pwsh\n        run: Add-Content -Path $env:GITHUB_ENV -Value \"B=$env:BODY\"\n        env:\n          BODY: ${{ github.event.comment.body }}\n", "issue_comment"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 14 }] },
    { name: "a PR title in run", yaml: steps("      - run: echo \"${{ github.event.pull_request.title }}\"\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    {
      name: "head ref and a commit message in a block script: two findings",
      yaml: steps("      - run: |\n          git checkout ${{ github.head_ref }}\n          echo '${{ github.event.head_commit.message }}'\n          echo '${{ github.head_ref }}'\n", "push"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 24 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 17 },
      ],
    },
    { name: "an object filter over commits", yaml: steps("      - run: echo '${{ join(github.event.commits.*.message) }}'\n", "push"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
    { name: "a comment body in github-script", yaml: steps("      - uses: actions/github-script@v7\n        with:\n          script: |\n            const body = `${{ github.event.comment.body }}`\n", "issue_comment"), errors: [{ path: ["jobs", "a", "steps", 0, "with", "script"], line: 9, column: 27 }] },
    { name: "a review body via bracket access", yaml: steps("      - run: echo ${{ github.event['review']['body'] }}\n", "pull_request_review"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 19 }] },
    { name: "issue 12.zizmor: a string input of a reusable workflow is a warning", yaml: "on:\n  workflow_call:\n    inputs:\n      tag: { type: string }\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          set -e\n          docker push app:${{ inputs.tag }}\n", errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 11, column: 27, severity: "warning" }] },
    { name: "issue 12.zizmor: an untyped input of a manual run, through github.event.inputs, is a warning", yaml: "on:\n  workflow_dispatch:\n    inputs:\n      msg:\n        description: x\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.event.inputs.msg }}\n", errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 10, column: 19, severity: "warning" }] },
    { name: "issue 12.zizmor: step and job outputs are warnings", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    outputs:\n      v: ${{ steps.v.outputs.v }}\n    steps:\n      - id: v\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n      - run: echo ${{ steps.v.outputs.v }}\n  b:\n    needs: a\n    runs-on: x\n    steps:\n      - run: echo ${{ needs.a.outputs.v }}\n", errors: [{ path: ["jobs", "a", "steps", 1, "run"], line: 10, column: 19, severity: "warning" }, { path: ["jobs", "b", "steps", 0, "run"], line: 15, column: 19, severity: "warning" }] },
    { name: "issue 12.zizmor: a label name and a URL of the event are warnings", yaml: steps("      - run: |\n          echo ${{ github.event.label.name }}\n          curl ${{ github.event.pull_request.head.repo.clone_url }}\n          echo ${{ github.event.pull_request.head.sha }} ${{ github.event.repository.name }} ${{ github.event.sender.login }}\n", "pull_request_target"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 16, severity: "warning" }, { path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 16, severity: "warning" }] },
    { name: "issue 12.zizmor: env holding a step output, expanded with env., is a warning", yaml: steps("      - id: v\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n      - run: echo ${{ env.V }}\n        env:\n          V: ${{ steps.v.outputs.v }}\n", "push"), errors: [{ path: ["jobs", "a", "steps", 1, "run"], line: 8, column: 19, severity: "warning" }] },
    { name: "issue 12.zizmor: release notes are an error", yaml: steps("      - run: echo \"${{ github.event.release.body }}\" > notes.md\n", "release"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 20 }] },
  ],
});
