import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "needs-unknown",
  severity: "error",
  summary: "A job needs a job that is not in the workflow.",
  docs: {
    why: `GitHub refuses to run a workflow whose \`needs\` names a job id it does not have, and only says so
when the workflow is triggered. A renamed or deleted job leaves such a dangling \`needs\` behind.
See [\`jobs.<job_id>.needs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  deploy:
    needs: biuld
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    fix: `Name a job of the same workflow. In TypeScript, pass the job object itself (\`needs: [build]\`):
trunkline writes its id, so a rename can never leave a dangling \`needs\`.`,
  },
  job({ job, workflow, report }) {
    for (const need of job.needs) {
      if (workflow.job(need.id)) continue;
      const suggestion = suggestName(need.id, workflow.jobs.map((other) => other.id));
      // at the job's id, where a reader of the job starts (GitHub's parser points at the entry itself)
      report({
        path: job.path,
        message: `job "${job.id}" needs "${need.id}", which is not a job in this workflow`,
        hint: suggestion ? `did you mean "${suggestion}"?` : `use one of the job ids: ${workflow.jobs.map((other) => `"${other.id}"`).join(", ")}`,
      });
    }
  },
});
