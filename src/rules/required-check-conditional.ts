import type { JobAddress } from "../rulesets/check-contexts.js";
import { defineRule } from "./_define-rule.js";
import { callsAny, isGate } from "./_gate.js";
import { type RepositoryView, actionsChecksOf, branchesToCheck, pullRequestReporters } from "./_repository-view.js";
import { type JobView, conditionExpressions } from "./_workflow-view.js";

export default defineRule({
  id: "required-check-conditional",
  severity: "error",
  summary: "A required job can be skipped, and a skipped required check counts as passing.",
  docs: {
    why: `GitHub reports a job skipped by its \`if:\` as a successful check, so a required check behind a
condition passes without running: whenever the condition is false, the pull request merges untested.
A job that \`needs\` others has an implicit \`if: success()\` and is skipped the same way when one of them
fails. Only a gate that runs \`always()\` and judges every result is safe to require.
See [handling skipped but required checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks#handling-skipped-but-required-checks).`,
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
    if: github.actor != 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on:
  pull_request:
    branches: [main]
jobs:
  test:
    name: Test
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: `Require the always-run gate instead (\`alwaysRunGate\`: \`if: always()\`, needs every job, fails unless each
result is allowed) and let the gate decide which skips are fine; or drop the condition from the required
job and put it on its steps. A gate without \`always()\` is reported by \`gate-not-always\`.`,
  },
  repository({ repository, report }) {
    const reported = new Set<string>();
    for (const ruleset of repository.rulesets) {
      if (!ruleset.guardsBranches) continue;
      for (const check of actionsChecksOf(ruleset)) {
        for (const branch of branchesToCheck(ruleset)) {
          for (const reporter of pullRequestReporters(repository, check.context, branch)) {
            // a skipped caller skips the reusable workflow's jobs with it
            for (const address of [...reporter.callers, reporter.job]) {
              const job = jobAt(repository, address);
              const skip = job && skipOf(job);
              const key = `${address.file}\0${address.jobId}`;
              if (!job || !skip || reported.has(key)) continue;
              reported.add(key);
              report({
                file: address.file,
                path: skip.path,
                message: `job "${job.id}" ${skip.why}, and a skipped job reports success: the check "${check.context}" that ruleset "${ruleset.name}" (${ruleset.file}) requires passes without running`,
                hint: "require the always-run gate instead and let it judge this job's result, or move the condition into the job's steps",
              });
            }
          }
        }
      }
    }
  },
});

function jobAt(repository: RepositoryView, address: JobAddress): JobView | undefined {
  return repository.workflow(address.file)?.view.jobs.find((job) => job.id === address.jobId);
}

// How a job can be skipped, and where that is written; undefined when it always runs.
function skipOf(job: JobView): { why: string; path: (string | number)[] } | undefined {
  // a gate's own condition is gate-not-always's concern; with always() it runs whatever happened
  if (isGate(job)) return undefined;
  if (job.condition !== undefined && !isAlwaysTrue(job.condition)) return { why: `runs only \`if: ${job.condition}\``, path: [...job.path, "if"] };
  if (job.needs.length > 0 && !callsAny(job.conditionFacts, "always")) return { why: "is skipped when a job it needs fails", path: [...job.path, "needs"] };
  return undefined;
}

// `always()` or `true`, alone: the only conditions under which a job is never skipped.
function isAlwaysTrue(condition: string): boolean {
  const bodies = conditionExpressions(condition).map((body) => body.replace(/\s+/g, ""));
  return bodies.length === 1 && (bodies[0] === "always()" || bodies[0] === "true");
}
