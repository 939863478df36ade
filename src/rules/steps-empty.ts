import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "steps-empty",
  severity: "warning",
  summary: "A job's `steps` is an empty list, so the job does nothing.",
  docs: {
    why: `A job either runs steps or calls a reusable workflow with \`uses:\`. With \`steps: []\` it does neither: it
takes a runner, runs nothing and succeeds, so a check that waits for it passes without anything having
been checked. It is usually a job whose steps were removed or not written yet.
See [\`jobs.<job_id>.steps\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idsteps).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps: []
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Give the job its steps, or remove the job.",
  },
  job({ job, report }) {
    const steps = job.raw["steps"];
    if (!Array.isArray(steps) || steps.length > 0 || job.raw["uses"] !== undefined) return;
    // at the empty list, the thing to fill in or remove
    report({ path: [...job.path, "steps"], message: `job "${job.id}" has no steps, so it runs nothing and always succeeds`, hint: "give the job its steps, or remove it" });
  },
});
