import { job, step, workflow } from "../../../src/index.js";

const checkout = step({ uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", with: { "persist-credentials": false } });

const lint = job({ name: "Lint", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [checkout, step({ run: "npm run lint" })] });

const test = job({
  name: "Test (${{ matrix.os }}, node ${{ matrix.node }})",
  "runs-on": "${{ matrix.os }}",
  "timeout-minutes": 20,
  strategy: { "fail-fast": false, matrix: { os: ["ubuntu-latest", "windows-latest"], node: [20, 22] } },
  steps: [
    checkout,
    step({ uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", with: { "node-version": "${{ matrix.node }}" } }),
    step({ run: "npm ci" }),
    step({ id: "test", run: "npm test" }),
  ],
});

const build = job({
  needs: [lint, test],
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 15,
  outputs: { version: "${{ steps.version.outputs.value }}" },
  steps: [checkout, step({ id: "version", run: 'echo "value=$(node -p "require(\'./package.json\').version")" >> "$GITHUB_OUTPUT"' })],
});

const release = job({
  needs: [build],
  if: "github.ref == 'refs/heads/main'",
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  environment: { name: "npm", url: "https://www.npmjs.com/package/example" },
  permissions: { contents: "read", "id-token": "write" },
  env: { VERSION: "${{ needs.build.outputs.version }}" },
  steps: [checkout, step({ run: 'echo "releasing $VERSION"' })],
});

export default workflow("pipeline", {
  name: "Pipeline",
  on: { push: { branches: ["main"] }, pull_request: { branches: ["main"] } },
  permissions: { contents: "read" },
  // A newer push to a pull request cancels its superseded run; runs on main always finish.
  concurrency: { group: "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}", "cancel-in-progress": "${{ github.event_name == 'pull_request' }}" },
  jobs: { lint, test, build, release },
});
