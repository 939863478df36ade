import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "permissions-missing",
  severity: "warning",
  summary: "Neither the workflow nor the job sets `permissions`, so the token gets the repository's default.",
  fixable: true,
  docs: {
    why: `Without \`permissions\`, \`GITHUB_TOKEN\` gets the repository's or organisation's default, which is
read-write for every scope in many older repositories. Any step — or a compromised action — can
then push code, publish releases or approve pull requests.
See [\`permissions\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#permissions).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on: push
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Set `permissions: { contents: read }` (or `{}`) at the top of the workflow, and grant more on the jobs that need it.",
  },
  job({ job, workflow, path, report }) {
    if (workflow.raw["permissions"] !== undefined || job.raw["permissions"] !== undefined) return;
    report({
      path,
      message: `job "${job.id}" runs with the repository's default token permissions: neither it nor the workflow sets permissions`,
      hint: "set permissions: { contents: read } on the workflow, and grant more only on jobs that need it",
    });
  },
});
