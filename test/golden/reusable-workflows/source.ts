import { job, step, workflow } from "../../../src/index.js";

const build = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 15,
  outputs: { digest: "${{ steps.push.outputs.digest }}" },
  steps: [step({ id: "push", run: 'echo "digest=sha256:0000000000000000000000000000000000000000000000000000000000000000" >> "$GITHUB_OUTPUT"' })],
});

/** A reusable workflow: other workflows call it with `uses:`. */
export const reusable = workflow("build-image", {
  name: "Build image",
  on: {
    workflow_call: {
      inputs: { context: { description: "Docker build context", type: "string", default: "." } },
      outputs: { digest: { description: "The pushed image digest", value: "${{ jobs.build.outputs.digest }}" } },
      secrets: { registry_token: { description: "Token for the registry", required: false } },
    },
  },
  permissions: { contents: "read" },
  jobs: { build },
});

const image = job({
  uses: "./.github/workflows/build-image.yml",
  with: { context: "services/api" },
  secrets: { registry_token: "${{ secrets.REGISTRY_TOKEN }}" },
});
const report = job({
  needs: [image],
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 5,
  steps: [step({ run: 'echo "built ${DIGEST}"', env: { DIGEST: "${{ needs.image.outputs.digest }}" } })],
});

/** The caller. */
export const caller = workflow("images", {
  name: "Images",
  on: { push: { branches: ["main"] } },
  permissions: { contents: "read" },
  jobs: { image, report },
});
