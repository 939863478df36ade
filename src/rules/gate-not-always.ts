import { defineRule } from "./_define-rule.js";
import { callsAny, isGate } from "./_gate.js";

export default defineRule({
  id: "gate-not-always",
  severity: "error",
  summary: "A gate job is skipped when a job it needs fails, and a skipped required check passes.",
  docs: {
    why: `A gate aggregates the jobs it needs into the one required check. Without a status function in its
\`if:\`, GitHub adds \`success()\`: when a needed job fails the gate is skipped, and a skipped job counts
as passing for branch protection. The pull request can merge with failing tests.
See [required status checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks#handling-skipped-but-required-checks)
and [status check functions](https://docs.github.com/actions/reference/workflows-and-actions/expressions#status-check-functions).`,
    invalid: `on: pull_request
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: make lint
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  gate:
    needs: [lint, test]
    runs-on: ubuntu-latest
    steps:
      - run: echo "all passed"
`,
    valid: `on: pull_request
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: make lint
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  gate:
    needs: [lint, test]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
`,
    fix: "Give the gate `if: always()` and make it fail unless every needed result is allowed (`success`, or `skipped` where a skip is expected). A job is taken for a gate when it is named like one (`gate`, `all-green`, `required`, …), uses `re-actors/alls-green`, or runs `always()` over two or more needed results.",
  },
  job({ job, report }) {
    if (!isGate(job)) return;
    // failure() or cancelled() also stop the implicit success(); gate-cancelled covers those
    if (callsAny(job.conditionFacts, "always", "failure", "cancelled")) return;
    report({
      path: job.condition === undefined ? job.path : [...job.path, "if"],
      message: `gate job "${job.id}" is skipped when a job it needs fails, and a skipped required check passes`,
      hint: "add `if: always()` and make the gate fail unless every needed result is allowed",
    });
  },
});
