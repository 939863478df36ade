import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "needs-duplicate",
  severity: "warning",
  summary: "A job's `needs` names the same job twice (job ids are compared case-insensitively).",
  docs: {
    why: `GitHub compares job ids without regard to case, so \`needs: [build, Build]\` names one job twice. The
second entry adds nothing; it is usually a copy-and-paste slip where another job was meant, which
then runs without waiting for it.
See [\`jobs.<job_id>.needs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idneeds).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  deploy:
    needs: [build, build]
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
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  deploy:
    needs: [build, test]
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    fix: "Remove the repeated entry, or name the job that was meant.",
  },
  job({ job, report }) {
    const seen = new Set<string>();
    for (const need of job.needs) {
      const key = need.id.toLowerCase();
      if (seen.has(key)) {
        report({
          path: need.path,
          message: `job "${job.id}" needs "${need.id}" more than once (job ids are compared case-insensitively)`,
          hint: "remove the repeated entry, or name the job that was meant",
        });
      }
      seen.add(key);
    }
  },
});
