import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type RepositoryView, viewRepository } from "../../src/rules/_repository-view.js";
import rule from "../../src/rules/required-check-unknown.js";
import { rulesetRequiring, testRepositoryRule } from "./_test-repository-rule.js";

const RULESET = "rulesets/main.json";
const CI = ".github/workflows/ci.yml";
const job = (id: string, extra = "") => `  ${id}:\n${extra}    runs-on: x\n    steps: [{ run: make }]\n`;
const workflow = (on: string, jobs: string) => `on:\n${on}jobs:\n${jobs}`;
const onPullRequests = "  pull_request:\n    branches: [main]\n";
// the position of the first required check's context in the pretty-printed ruleset
const FIRST_CHECK = { file: RULESET, path: ["rules", 0, "parameters", "required_status_checks", 0, "context"], line: 20, column: 24 };

testRepositoryRule(rule, {
  valid: [
    { name: "the gate, by its name", workflows: { [CI]: workflow(onPullRequests, job("gate", "    name: Gate\n")) }, rulesets: { [RULESET]: rulesetRequiring(["Gate"]) } },
    { name: "a job without a name, by its id", workflows: { [CI]: workflow(onPullRequests, job("test")) }, rulesets: { [RULESET]: rulesetRequiring(["test"]) } },
    {
      name: "one matrix leg",
      workflows: { [CI]: workflow(onPullRequests, job("test", "    name: Test\n    strategy:\n      matrix:\n        node: [18, 20]\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test (20)"]) },
    },
    {
      name: "a job of a reusable workflow, as caller / callee",
      workflows: {
        [CI]: workflow(onPullRequests, "  checks:\n    name: Checks\n    uses: ./.github/workflows/lint.yml\n"),
        ".github/workflows/lint.yml": workflow("  workflow_call:\n", job("lint", "    name: Lint\n")),
      },
      rulesets: { [RULESET]: rulesetRequiring(["Checks / Lint"]) },
    },
    {
      name: "a job of a remote reusable workflow, whose names are not known here",
      workflows: { [CI]: workflow(onPullRequests, "  shared:\n    uses: org/ci/.github/workflows/build.yml@v1\n") },
      rulesets: { [RULESET]: rulesetRequiring(["shared / build"]) },
    },
    {
      name: "a matrix from an expression, whose legs are known only when it runs",
      workflows: { [CI]: workflow(onPullRequests, job("test", "    name: Test\n    strategy:\n      matrix: ${{ fromJSON(vars.TARGETS) }}\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test (linux)"]) },
    },
    { name: "a check of another app", workflows: { [CI]: workflow(onPullRequests, job("test")) }, rulesets: { [RULESET]: rulesetRequiring([{ context: "codecov/patch", integration_id: 254 }]) } },
    { name: "a disabled ruleset", workflows: { [CI]: workflow(onPullRequests, job("test")) }, rulesets: { [RULESET]: rulesetRequiring(["Gate"], { enforcement: "disabled" }) } },
    { name: "a tag ruleset", workflows: { [CI]: workflow(onPullRequests, job("test")) }, rulesets: { [RULESET]: rulesetRequiring(["Gate"], { target: "tag", include: ["refs/tags/v*"] }) } },
    {
      name: "the default branch, by any pull-request workflow",
      workflows: { [CI]: workflow("  pull_request:\n", job("gate", "    name: Gate\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { include: ["~DEFAULT_BRANCH"] }) },
    },
    {
      name: "a branch filter leaving the branch out (required-check-path-filtered reports it, in the workflow)",
      workflows: { [CI]: workflow(onPullRequests, job("gate", "    name: Gate\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { include: ["refs/heads/main", "refs/heads/prod"] }) },
    },
  ],
  invalid: [
    {
      name: "the gate renamed",
      workflows: { [CI]: workflow(onPullRequests, job("gate", "    name: All green\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"]) },
      errors: [FIRST_CHECK],
    },
    {
      name: "a check only a push workflow reports",
      workflows: { [CI]: workflow(onPullRequests, job("test")), ".github/workflows/deploy.yml": workflow("  push:\n    branches: [main]\n", job("deploy", "    name: Deploy\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Deploy"]) },
      errors: [FIRST_CHECK],
    },
    {
      name: "a job of a reusable workflow, by its own name",
      workflows: {
        [CI]: workflow(onPullRequests, "  checks:\n    name: Checks\n    uses: ./.github/workflows/lint.yml\n"),
        ".github/workflows/lint.yml": workflow("  workflow_call:\n", job("lint", "    name: Lint\n")),
      },
      rulesets: { [RULESET]: rulesetRequiring(["Lint"]) },
      errors: [FIRST_CHECK],
    },
    {
      name: "a matrix job by its bare name, which no leg reports",
      workflows: { [CI]: workflow(onPullRequests, job("test", "    name: Test\n    strategy:\n      matrix:\n        node: [18, 20]\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Test"]) },
      errors: [FIRST_CHECK],
    },
    {
      name: "no workflow at all runs on pull requests",
      workflows: { [CI]: workflow("  push:\n", job("gate", "    name: Gate\n")) },
      rulesets: { [RULESET]: rulesetRequiring(["Gate"], { include: ["~DEFAULT_BRANCH"] }) },
      errors: [FIRST_CHECK],
    },
  ],
});

describe("required-check-unknown on a large repository", () => {
  it("issue 12.3: goes over the repository's checks a few times, not once per check", () => {
    // 300 pull-request workflows of one job each, and a ruleset requiring a check none reports
    const workflows = Array.from({ length: 300 }, (_, index) => ({ file: `.github/workflows/ci-${index}.yml`, model: parse(workflow(onPullRequests, job(`test-${index}`))) as unknown }));
    const repository = viewRepository(workflows, [{ file: RULESET, document: rulesetRequiring(["Gate"]) }]);
    let passes = 0;
    const counted: RepositoryView = {
      ...repository,
      get checks() {
        passes++;
        return repository.checks;
      },
    };
    const found: { message: string }[] = [];
    rule.repository!({ repository: counted, options: rule.options, report: (finding) => void found.push(finding) });
    expect(found.map((finding) => finding.message)).toEqual([expect.stringContaining('requires the check "Gate"')]);
    // one pass over all checks per check (300 × 300 comparisons) made a large repository's lint take seconds
    expect(passes).toBeLessThan(20);
  });
});
