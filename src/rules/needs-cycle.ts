import { defineRule } from "./_define-rule.js";
import type { WorkflowView } from "./_workflow-view.js";

export default defineRule({
  id: "needs-cycle",
  severity: "error",
  summary: "Jobs need each other in a circle, so none of them can start.",
  docs: {
    why: `A job starts only after every job in its \`needs\` has finished. When jobs need each other in a
circle, GitHub rejects the whole workflow run.
See [\`jobs.<job_id>.needs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds).`,
    invalid: `on: push
jobs:
  build:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - run: make
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  test:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Decide which job runs first and remove the `needs` entry that points back at an earlier job.",
  },
  workflow({ workflow, report }) {
    for (const cycle of findCycles(workflow)) {
      const names = [...cycle.jobs, cycle.jobs[0]!].map((id) => `"${id}"`).join(" → ");
      // at the id of the job the cycle was entered by: the first of its jobs in the file, most often
      report({
        path: ["jobs", cycle.jobs[0]!],
        message: `jobs need each other in a circle: ${names}; none of them can start`,
        hint: `remove one of these needs, e.g. "${cycle.jobs.at(-1)}" needing "${cycle.jobs[0]}"`,
      });
    }
  },
});

interface Cycle {
  /** Job ids along the cycle, starting at the job the search entered it by. */
  jobs: string[];
}

// Depth-first search over `needs` in job order; each back edge closes one cycle, reported once.
function findCycles(workflow: WorkflowView): Cycle[] {
  const cycles: Cycle[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string) => {
    const job = workflow.job(id);
    if (!job) return;
    const key = job.id.toLowerCase();
    state.set(key, "open");
    stack.push(job.id);
    for (const need of job.needs) {
      const needed = workflow.job(need.id);
      if (!needed) continue;
      const neededKey = needed.id.toLowerCase();
      const seen = state.get(neededKey);
      if (seen === "open") cycles.push({ jobs: stack.slice(stack.indexOf(needed.id)) });
      else if (seen === undefined) visit(needed.id);
    }
    stack.pop();
    state.set(key, "done");
  };
  for (const job of workflow.jobs) if (!state.has(job.id.toLowerCase())) visit(job.id);
  return cycles;
}
