import { defineRule } from "./_define-rule.js";
import { callsAny, isGate } from "./_gate.js";

export default defineRule({
  id: "gate-cancelled",
  severity: "error",
  summary: "A gate job runs on `!cancelled()` (or `failure()`), so a cancelled run skips it and reports green.",
  docs: {
    why: `\`if: \${{ !cancelled() }}\` looks like \`always()\` but is not: when the run is cancelled — a newer push, a
timeout, someone pressing Cancel — the gate is skipped, and a skipped required check counts as
passing. The pull request shows green although nothing finished.
See [handling skipped but required checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks#handling-skipped-but-required-checks).`,
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
    if: \${{ !cancelled() }}
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure')
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
    fix: "Use `if: always()` on the gate and fail it when any needed result is `cancelled` or `failure`.",
  },
  job({ job, report }) {
    if (!isGate(job) || callsAny(job.conditionFacts, "always") || !callsAny(job.conditionFacts, "cancelled", "failure")) return;
    report({
      path: [...job.path, "if"],
      message: `gate job "${job.id}" is skipped when the run is cancelled, and a skipped required check passes`,
      hint: "use `if: always()` and fail the gate when any needed result is cancelled or failure",
    });
  },
});
