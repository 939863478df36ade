import { defineRule } from "./_define-rule.js";
import { isGate } from "./_gate.js";
import type { JobView, WorkflowView } from "./_workflow-view.js";

export default defineRule({
  id: "gate-incomplete",
  severity: "error",
  summary: "A gate job does not need every job of its workflow, so a failure there does not block merging.",
  docs: {
    why: `The gate is the single required check: it only sees the results of jobs in its own \`needs\`. A job
left out — often one added after the gate was written — can fail and the pull request still merges.
A job needed only through another job is not enough: the gate reads \`needs.<id>.result\` of its
direct needs only, and a skipped middle job hides why.
See [\`jobs.<job_id>.needs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds).`,
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
    needs: [lint]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
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
    fix: "Add every job to the gate's `needs`, except jobs that run after the gate (they need it). In TypeScript, build the gate's `needs` from the workflow's job list so a new job cannot be forgotten.",
  },
  job({ job, workflow, report }) {
    if (!isGate(job)) return;
    const needed = new Set(job.needs.map((need) => need.id.toLowerCase()));
    const after = jobsAfter(job, workflow);
    const missing = workflow.jobs.filter((other) => other !== job && !needed.has(other.id.toLowerCase()) && !after.has(other));
    if (missing.length === 0) return;
    const names = missing.map((other) => `"${other.id}"`).join(", ");
    report({
      path: job.raw["needs"] === undefined ? job.path : [...job.path, "needs"],
      message: `gate job "${job.id}" does not need ${names}, so ${missing.length === 1 ? "its failure does" : "their failures do"} not block merging`,
      hint: `add ${names} to the needs of "${job.id}"`,
    });
  },
});

// Jobs that need the gate, directly or through others: they run after it, so it cannot need them.
function jobsAfter(gate: JobView, workflow: WorkflowView): Set<JobView> {
  const after = new Set<JobView>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const job of workflow.jobs) {
      if (after.has(job) || job === gate) continue;
      if (job.needs.some((need) => { const target = workflow.job(need.id); return target === gate || (target !== undefined && after.has(target)); })) {
        after.add(job);
        grew = true;
      }
    }
  }
  return after;
}
