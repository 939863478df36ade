import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "timeout-missing",
  severity: "warning",
  summary: "A job has no `timeout-minutes`, so a hung run holds a runner for six hours.",
  fixable: true,
  docs: {
    why: `Without \`timeout-minutes\` a job may run for 360 minutes. A hung test or a prompt waiting for input
keeps a runner busy (and billed) that long, and blocks the runs queued behind it.
See [\`jobs.<job_id>.timeout-minutes\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idtimeout-minutes).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
      - run: make test
`,
    fix: "Set `timeout-minutes` on the job to a few times its usual duration. Jobs that call a reusable workflow take the timeouts of the called jobs and are not checked.",
  },
  job({ job, path, report }) {
    if (job.isCall || job.raw["timeout-minutes"] !== undefined) return;
    report({ path, message: `job "${job.id}" has no timeout-minutes, so a hung run keeps its runner for 6 hours`, hint: "set timeout-minutes to a few times the job's usual duration" });
  },
});
