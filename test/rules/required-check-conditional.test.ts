import rule from "../../src/rules/required-check-conditional.js";
import { rulesetRequiring, testRepositoryRule } from "./_test-repository-rule.js";

const RULESET = "rulesets/main.json";
const CI = ".github/workflows/ci.yml";
const job = (id: string, extra = "") => `  ${id}:\n${extra}    runs-on: x\n    steps: [{ run: make }]\n`;
const onPullRequests = (jobs: string) => `on:\n  pull_request:\n    branches: [main]\njobs:\n${jobs}`;
const gate = (condition: string) => job("gate", `    name: Gate\n    needs: [test, lint]\n    if: ${condition}\n`).replace("steps: [{ run: make }]", "steps: [{ run: 'exit 1', if: \"contains(needs.*.result, 'failure')\" }]");

testRepositoryRule(rule, {
  valid: [
    { name: "a job without a condition or needs", workflows: { [CI]: onPullRequests(job("test", "    name: Test\n")) }, rulesets: { [RULESET]: rulesetRequiring(["Test"]) } },
    { name: "a gate with always()", workflows: { [CI]: onPullRequests(job("test") + job("lint") + gate("always()")) }, rulesets: { [RULESET]: rulesetRequiring(["Gate"]) } },
    { name: "a job with if: ${{ always() }}", workflows: { [CI]: onPullRequests(job("build") + job("test", "    name: Test\n    needs: build\n    if: ${{ always() }}\n")) }, rulesets: { [RULESET]: rulesetRequiring(["Test"]) } },
    { name: "a conditional job nobody requires", workflows: { [CI]: onPullRequests(job("test", "    name: Test\n") + job("docs", "    if: github.event_name == 'push'\n")) }, rulesets: { [RULESET]: rulesetRequiring(["Test"]) } },
    {
      name: "a conditional job that only a push workflow runs",
      workflows: { [CI]: onPullRequests(job("test", "    name: Test\n")), ".github/workflows/post.yml": `on: push\njobs:\n${job("test", "    name: Test\n    if: github.ref == 'refs/heads/main'\n")}` },
      rulesets: { [RULESET]: rulesetRequiring(["Test"]) },
    },
    {
      name: "suppressed where it is, with the reason",
      workflows: { [CI]: onPullRequests(job("test", "    name: Test\n    if: github.actor != 'renovate[bot]' # trunkline-ignore: required-check-conditional -- renovate PRs run elsewhere\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test"]) },
    },
  ],
  invalid: [
    {
      name: "a required job behind a condition",
      workflows: { [CI]: onPullRequests(job("test", "    name: Test\n    if: github.actor != 'dependabot[bot]'\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test"]) },
      errors: [{ file: CI, path: ["jobs", "test", "if"], line: 7, column: 9 }],
    },
    {
      name: "a required job that needs another (skipped when it fails)",
      workflows: { [CI]: onPullRequests(job("build") + job("deploy", "    name: Deploy preview\n    needs: [build]\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Deploy preview"]) },
      errors: [{ file: CI, path: ["jobs", "deploy", "needs"], line: 10, column: 5 }],
    },
    {
      name: "a required matrix leg behind a condition",
      workflows: { [CI]: onPullRequests(job("test", "    name: Test\n    if: success()\n    strategy:\n      matrix:\n        node: [18, 20]\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test (18)", "Test (20)"]) },
      errors: [{ file: CI, path: ["jobs", "test", "if"], line: 7, column: 9 }],
    },
    {
      name: "the caller of a required reusable workflow behind a condition",
      workflows: {
        [CI]: onPullRequests("  checks:\n    name: Checks\n    if: github.event.pull_request.draft == false\n    uses: ./.github/workflows/lint.yml\n"),
        ".github/workflows/lint.yml": `on:\n  workflow_call:\njobs:\n${job("lint", "    name: Lint\n")}`,
      },
      rulesets: { [RULESET]: rulesetRequiring(["Checks / Lint"]) },
      errors: [{ file: CI, path: ["jobs", "checks", "if"], line: 7, column: 9 }],
    },
  ],
});
