import { defineRule, type Finding } from "./_define-rule.js";

export default defineRule({
  id: "timeout-not-positive",
  severity: "error",
  summary: "A job or step sets `timeout-minutes` to zero or less, so it has no time to run.",
  docs: {
    why: `\`timeout-minutes\` is how long GitHub lets a job or step run before cancelling it. Zero or a negative
number leaves it no time at all; it is usually a sign typed the wrong way round or a placeholder.
See [\`jobs.<job_id>.timeout-minutes\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idtimeout-minutes).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: -15
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
    fix: "Write the number of minutes the job or step may take, more than zero. An expression is not checked.",
  },
  job({ job, report }) {
    check(job.raw["timeout-minutes"], [...job.path, "timeout-minutes"], report);
  },
  step({ step, report }) {
    check(step.raw["timeout-minutes"], [...step.path, "timeout-minutes"], report);
  },
});

function check(value: unknown, path: (string | number)[], report: (finding: Finding) => void): void {
  // a string (expression or not) is the schema's and GitHub's parser's to judge
  if (typeof value !== "number" || value > 0) return;
  report({ path, message: `timeout-minutes is ${value}, so it is cancelled before it can run`, hint: "write a number of minutes more than zero, or leave timeout-minutes out for GitHub's default of 360" });
}
