import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { type RepositoryView, type RulesetView, actionsChecksOf, branchesToCheck, describeBranch, describeJob, pullRequestReporters, pullRequestTrigger } from "./_repository-view.js";

export default defineRule({
  id: "required-check-unknown",
  severity: "error",
  summary: "A ruleset requires a status check that no job of a pull-request workflow reports, so pull requests wait for it forever.",
  docs: {
    why: `A required status check is matched by name. When no workflow that runs on pull requests into the
protected branch has a job reporting that name — the job was renamed, its workflow only runs on
\`push\`, or the name is misspelt — the check stays "Expected — Waiting for status to be reported" and
no pull request can merge. GitHub does not warn when a ruleset names a check nothing reports.
See [required status checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/available-rules-for-rulesets#require-status-checks-to-pass-before-merging)
and [troubleshooting required status checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks).`,
    ruleset: `{
  "name": "main",
  "target": "branch",
  "enforcement": "active",
  "conditions": { "ref_name": { "include": ["refs/heads/main"], "exclude": [] } },
  "rules": [
    {
      "type": "required_status_checks",
      "parameters": {
        "strict_required_status_checks_policy": false,
        "required_status_checks": [{ "context": "Gate", "integration_id": 15368 }]
      }
    }
  ]
}
`,
    invalid: `on:
  pull_request:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  all-green:
    name: All green
    needs: [test]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
`,
    valid: `on:
  pull_request:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  all-green:
    name: Gate
    needs: [test]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
`,
    fix: `Require a check that a job of a \`pull_request\` workflow reports: the job's \`name\` (its id without
one), \`name (value, …)\` per matrix leg, \`caller / job\` for a job of a reusable workflow. In TypeScript,
give \`ruleset()\` the job itself (\`required_status_checks: [ci.gate]\`): trunkline writes the name, so a
rename cannot leave the ruleset behind. A check another app reports needs that app's \`integration_id\`
in the ruleset; trunkline leaves those alone. The finding is in the ruleset's file, so it cannot be
suppressed on a job: to accept it, list that file under \`lint.ignores\` for this rule.`,
  },
  repository({ repository, report }) {
    for (const ruleset of repository.rulesets) {
      if (!ruleset.guardsBranches) continue;
      for (const check of actionsChecksOf(ruleset)) {
        const missing = branchesToCheck(ruleset).filter((branch) => !isReported(repository, check.context, branch) && !isBranchFiltered(repository, check.context, branch));
        if (missing.length === 0) continue;
        const branches = missing.map(describeBranch).join(", ");
        const runs = repository.workflows.filter((workflow) => pullRequestTrigger(workflow.view, missing[0]) !== undefined).map((workflow) => workflow.file);
        const where = runs.length > 0 ? `none of the workflows pull requests into ${branches} run (${runs.join(", ")}) reports it` : `no workflow runs on pull requests into ${branches}`;
        report({
          file: ruleset.file,
          path: check.path,
          message: `ruleset "${ruleset.name}" requires the check "${check.context}", but ${where}; those pull requests wait for it forever`,
          hint: hintFor(repository, ruleset, check.context, missing[0]),
        });
      }
    }
  },
});

// Reported by a known job, or possibly by a job whose name is only known at run time.
function isReported(repository: RepositoryView, context: string, branch: string | undefined): boolean {
  if (pullRequestReporters(repository, context, branch).length > 0) return true;
  return repository.checks.unpredictable.some((check) => {
    const run = repository.workflow(check.runFile);
    return check.pattern.test(context) && run !== undefined && pullRequestTrigger(run.view, branch) !== undefined;
  });
}

// A job of a pull-request workflow reports it, but the workflow's branch filter leaves `branch`
// out: required-check-path-filtered reports that at the filter, in the workflow.
function isBranchFiltered(repository: RepositoryView, context: string, branch: string | undefined): boolean {
  if (branch === undefined) return false;
  return repository.checks.reported.some((check) => {
    if (check.context !== context || check.callers.length > 0) return false;
    const run = repository.workflow(check.runFile);
    return run !== undefined && pullRequestTrigger(run.view, undefined) !== undefined;
  });
}

function hintFor(repository: RepositoryView, ruleset: RulesetView, context: string, branch: string | undefined): string {
  const elsewhere = repository.checks.reported.find((check) => check.context === context);
  if (elsewhere) {
    return `"${context}" is reported by ${describeJob(elsewhere.job)}, which pull requests never run; require a job of a workflow triggered by pull_request instead`;
  }
  // every check whose name a pull-request run reports, found in one pass: asking per check was
  // quadratic in the repository's jobs
  const reportedOnPullRequests = new Set(
    repository.checks.reported.filter((check) => {
      const run = repository.workflow(check.runFile);
      return run !== undefined && pullRequestTrigger(run.view, branch) !== undefined;
    }).map((check) => check.context),
  );
  const onPullRequests = repository.checks.reported.filter((check) => reportedOnPullRequests.has(check.context));
  const suggestion = suggestName(context, onPullRequests.map((check) => check.context));
  if (suggestion) {
    const job = onPullRequests.find((check) => check.context === suggestion)!.job;
    return `did you mean "${suggestion}" (${describeJob(job)})? In TypeScript, give ruleset() the job itself and ${ruleset.file} follows its name`;
  }
  const known = [...new Set(onPullRequests.map((check) => `"${check.context}"`))];
  const listed = known.length > 0 && known.length <= 8 ? ` (they report ${known.join(", ")})` : "";
  return `require a job of a workflow triggered by pull_request${listed}, ideally the always-run gate, or remove the check`;
}
