import { job, step, workflow } from "../../../src/index.js";

const deploy = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 30,
  environment: "${{ inputs.environment }}",
  concurrency: { group: "deploy-${{ inputs.environment }}", "cancel-in-progress": false },
  steps: [
    step({
      name: "Deploy",
      run: 'echo "deploying ${VERSION} to ${ENVIRONMENT} (dry run: ${DRY_RUN})"',
      env: { VERSION: "${{ inputs.version }}", ENVIRONMENT: "${{ inputs.environment }}", DRY_RUN: "${{ inputs.dry-run }}" },
    }),
  ],
});

export default workflow("deploy", {
  name: "Deploy",
  "run-name": "Deploy ${{ inputs.version }} to ${{ inputs.environment }}",
  on: {
    push: { tags: ["v*"], "paths-ignore": ["docs/**"] },
    workflow_dispatch: {
      inputs: {
        environment: { description: "Where to deploy", type: "choice", options: ["staging", "production"], required: true },
        version: { description: "Version to deploy", type: "string", required: true },
        "dry-run": { description: "Only print what would happen", type: "boolean", default: false },
      },
    },
  },
  permissions: { contents: "read" },
  jobs: { deploy },
});
