import { defineRule } from "./_define-rule.js";
import { holdsGateRole } from "./_gate.js";
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
See [\`jobs.<job_id>.needs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds).

**Which job is a gate.** A job is checked when it is shaped like a gate and holds the gate's role:

- *shaped like a gate*: it needs at least one job and uses \`re-actors/alls-green\`; or it runs
  under \`always()\`, needs two jobs or more and reads their results (\`needs.*.result\`,
  \`needs.<id>.result\`, \`toJSON(needs)\`); or it is named like one (\`gate\`, \`ci-gate\`,
  \`all-green\`, \`required\`, …);
- *in the gate's role*: a required check names it (by name or id: a ruleset, or
  \`lint.requiredChecks\` in \`trunkline.config.ts\`); or its workflow runs for pull requests or the
  merge queue (\`pull_request\`, \`pull_request_target\`, \`merge_group\`) and the job only judges
  the jobs it needs: its steps run scripts or \`re-actors/alls-green\` and use no other action, and it
  calls no reusable workflow.

So a release job of a \`push\` workflow that waits for its jobs under \`always()\`, or a test job
that reads \`needs.*.result\` under \`always()\` and checks out code, is not a gate here.`,
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
  job({ job, workflow, project, report }) {
    if (!holdsGateRole(job, workflow, project)) return;
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
