import type { GeneratedWorkflowTypes } from "@github-actions-workflow-ts/lib";

// A plain typed object: the output is named after the source file (source.yml).
const nightly: GeneratedWorkflowTypes.Workflow = {
  name: "Nightly",
  on: { schedule: [{ cron: "17 3 * * 1-5" }], workflow_dispatch: {} },
  permissions: { contents: "read" },
  jobs: {
    audit: {
      "runs-on": "ubuntu-latest",
      "timeout-minutes": 15,
      steps: [{ run: "npm audit --audit-level=high" }],
    },
  },
};

export default nightly;
