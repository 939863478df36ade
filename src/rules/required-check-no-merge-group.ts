import { defineRule } from "./_define-rule.js";
import { actionsChecksOf, branchesToCheck, pullRequestReporters } from "./_repository-view.js";

export default defineRule({
  id: "required-check-no-merge-group",
  severity: "error",
  summary: "A ruleset with a merge queue requires a check whose workflow does not run on merge_group, so the queue never merges.",
  docs: {
    why: `A merge queue tests each group of pull requests on a temporary branch and merges it only when the
required checks pass there. Those checks come from workflows triggered by \`merge_group\`; a workflow
that runs only on \`pull_request\` never reports on the queue's branch, so every entry waits until the
queue's timeout and is removed.
See [managing a merge queue](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue#triggering-merge-group-checks-with-github-actions)
and [\`merge_group\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#merge_group).`,
    ruleset: `{
  "name": "main",
  "target": "branch",
  "enforcement": "active",
  "conditions": { "ref_name": { "include": ["refs/heads/main"], "exclude": [] } },
  "rules": [
    {
      "type": "merge_queue",
      "parameters": {
        "merge_method": "SQUASH",
        "grouping_strategy": "ALLGREEN",
        "max_entries_to_build": 5,
        "min_entries_to_merge": 1,
        "max_entries_to_merge": 5,
        "min_entries_to_merge_wait_minutes": 5,
        "check_response_timeout_minutes": 60
      }
    },
    {
      "type": "required_status_checks",
      "parameters": {
        "strict_required_status_checks_policy": false,
        "required_status_checks": [{ "context": "Test", "integration_id": 15368 }]
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
    name: Test
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on:
  pull_request:
    branches: [main]
  merge_group:
jobs:
  test:
    name: Test
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: `Add \`merge_group\` to the workflow's triggers (\`onMergeGroup()\`; \`trunkBasedCi({ mergeQueue: true })\` and
\`gitopsGate({ mergeQueue: true })\` do it for you), or remove the merge queue from the ruleset.`,
  },
  repository({ repository, report }) {
    const reported = new Set<string>();
    for (const ruleset of repository.rulesets) {
      if (!ruleset.guardsBranches || !ruleset.mergeQueuePath) continue;
      for (const check of actionsChecksOf(ruleset)) {
        const runs = new Set(branchesToCheck(ruleset).flatMap((branch) => pullRequestReporters(repository, check.context, branch).map((reporter) => reporter.runFile)));
        // another workflow may report the same check in the queue
        const inQueue = repository.checks.reported.some((reporter) => reporter.context === check.context && repository.workflow(reporter.runFile)?.view.triggers.has("merge_group"));
        if (inQueue) continue;
        for (const file of runs) {
          const workflow = repository.workflow(file)!;
          if (reported.has(file)) continue;
          reported.add(file);
          report({
            file,
            path: workflow.view.triggers.get("pull_request")?.path ?? workflow.view.triggers.get("pull_request_target")?.path ?? ["on"],
            message: `ruleset "${ruleset.name}" (${ruleset.file}) merges through a merge queue and requires "${check.context}", which this workflow reports, but it does not run on merge_group: every queued pull request waits for the check until the queue gives up`,
            hint: "add merge_group to the workflow's triggers (onMergeGroup(), or mergeQueue: true in the templates)",
          });
        }
      }
    }
  },
});
