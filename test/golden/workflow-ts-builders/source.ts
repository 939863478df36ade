import { NormalJob, Step, Workflow } from "@github-actions-workflow-ts/lib";

const test = new NormalJob("test", { "runs-on": "ubuntu-latest", "timeout-minutes": 10 }).addSteps([
  new Step({ name: "Checkout", uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", with: { "persist-credentials": false } }),
  new Step({ name: "Test", run: "make test" }),
]);
const docs = new NormalJob("docs", { "runs-on": "ubuntu-latest", "timeout-minutes": 10 })
  .addStep(new Step({ name: "Build docs", run: "make docs" }))
  .needs([test]);

// A workflow written with github-actions-workflow-ts, accepted as it is.
export const checks = new Workflow("checks", {
  name: "Checks",
  on: { pull_request: { branches: ["main"], paths: ["src/**", "docs/**"] } },
  permissions: { contents: "read" },
  // A newer push to the pull request cancels its superseded run.
  concurrency: { group: "${{ github.workflow }}-${{ github.event.pull_request.number }}", "cancel-in-progress": true },
}).addJobs([test, docs]);
