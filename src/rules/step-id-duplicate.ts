import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "step-id-duplicate",
  severity: "error",
  summary: "Two steps of a job have ids that differ only in case, which GitHub takes as the same id.",
  docs: {
    why: `Step ids are compared without case, as every context property is: \`steps.Build\` and
\`steps.build\` are one entry of the \`steps\` context, so an expression reading it sees only one of
the two steps, and which one is not what the reader expects. Job ids are compared the same way;
GitHub's parser already reports those, and step ids repeated exactly.
See [\`jobs.<job_id>.steps[*].id\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsid).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "value=1" >> "$GITHUB_OUTPUT"
      - id: Version
        run: echo "value=2" >> "$GITHUB_OUTPUT"
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "value=1" >> "$GITHUB_OUTPUT"
      - id: next-version
        run: echo "value=2" >> "$GITHUB_OUTPUT"
`,
    fix: "Give each step an id that is unique in its job whatever the case, and update the `steps.<id>` expressions that read it.",
  },
  job({ job, report }) {
    const first = new Map<string, string>();
    for (const step of job.steps) {
      if (step.id === undefined) continue;
      const key = step.id.toLowerCase();
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, step.id);
        continue;
      }
      // an id repeated exactly is GitHub's parser's finding: report only what it lets through
      if (earlier === step.id) continue;
      report({
        path: [...step.path, "id"],
        message: `step id "${step.id}" in job "${job.id}" is the same as the earlier step id "${earlier}": GitHub compares step ids without case`,
        hint: `rename one of them, so steps.${key} names one step`,
      });
    }
  },
});
