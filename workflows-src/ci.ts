import { eq, expr, github, job, or, ruleset, step, workflow } from "trunkline";

// Actions are pinned to full commit SHAs; the tag each SHA was published as is in the comment.
const checkout = step({
  name: "Check out",
  uses: "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", // v7.0.1
  with: { "persist-credentials": false },
});
const setupNode = step({
  name: "Set up Node",
  uses: "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020", // v7.0.0
  with: { "node-version": 20, cache: "npm" },
});

const test = job({
  name: "Typecheck, test, check generated files",
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 20,
  steps: [
    checkout,
    setupNode,
    step({ name: "Install", run: "npm ci" }),
    step({ name: "Typecheck", run: "npm run typecheck" }),
    step({ name: "Test", run: "npm test" }),
    // Fails when a committed workflow differs from what its TypeScript source generates.
    step({ name: "Generated files are up to date", run: "npm run check" }),
  ],
});

/** This repository's CI: every pull request into main, and every push to main. */
export default workflow("ci", {
  name: "CI",
  on: { pull_request: { branches: ["main"] }, push: { branches: ["main"] } },
  permissions: { contents: "read" },
  // A new push to a pull request cancels its superseded run; runs on main always finish.
  concurrency: {
    group: expr`${github.workflow}-${or(github.event.pull_request.number, github.ref)}`,
    "cancel-in-progress": eq(github.event_name, "pull_request"),
  },
  jobs: { test },
});

/** Protection of main: changes land by reviewed pull request, with the CI job above green. */
export const main = ruleset("main", {
  conditions: { ref_name: { include: ["refs/heads/main"] } },
  rules: [
    {
      type: "pull_request",
      parameters: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, required_review_thread_resolution: true, allowed_merge_methods: ["squash", "rebase"] },
    },
    // the job itself: its name is what GitHub reports, and the ruleset follows a rename
    { type: "required_status_checks", parameters: { required_status_checks: [test] } },
    { type: "required_linear_history" },
    { type: "non_fast_forward" },
    { type: "deletion" },
  ],
});
