import type { Json } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

// Events whose runs a new push to the pull request supersedes.
const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

export default defineRule({
  id: "concurrency-missing",
  severity: "warning",
  summary: "A pull-request workflow does not cancel superseded runs.",
  docs: {
    why: `Every push to a pull request starts a new run; without \`concurrency\` and \`cancel-in-progress\` the
old runs keep going, holding runners and delaying the run that matters.
See [\`concurrency\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#concurrency).`,
    invalid: `on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on: pull_request
concurrency:
  group: \${{ github.workflow }}-\${{ github.event.pull_request.number || github.ref }}
  cancel-in-progress: true
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Add a workflow-level `concurrency` whose group names the pull request, with `cancel-in-progress: true` — or `${{ github.event_name == 'pull_request' }}` when the workflow also runs on pushes whose runs must finish (releases, tags). Concurrency on every job counts too.",
  },
  workflow({ workflow, report }) {
    const event = PULL_REQUEST_EVENTS.map((name) => workflow.triggers.get(name)).find((trigger) => trigger !== undefined);
    if (!event) return;
    if (cancels(workflow.raw["concurrency"])) return;
    if (workflow.jobs.length > 0 && workflow.jobs.every((job) => cancels(job.raw["concurrency"]))) return;
    const concurrency = workflow.raw["concurrency"];
    report({
      path: isObject(concurrency) && concurrency["cancel-in-progress"] !== undefined ? ["concurrency", "cancel-in-progress"] : concurrency !== undefined ? ["concurrency"] : event.path,
      message: `this workflow runs on ${event.name} but does not cancel a run when a newer push supersedes it`,
      hint: "add concurrency: { group: \"${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}\", cancel-in-progress: true }",
    });
  },
});

// `cancel-in-progress: true`, or an expression that decides it (e.g. true for pull requests only).
function cancels(concurrency: Json | undefined): boolean {
  if (!isObject(concurrency)) return false;
  const cancel = concurrency["cancel-in-progress"];
  return cancel === true || (typeof cancel === "string" && cancel.includes("${{"));
}
