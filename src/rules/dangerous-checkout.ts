import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { isCheckout } from "./_uses.js";

// Events that run with the base repository's token and secrets, even for a fork's pull request.
const PRIVILEGED_EVENTS = ["pull_request_target", "workflow_run"];
// Values that name the pull request's head: its code is the fork author's.
const HEAD_REFERENCES: readonly (readonly string[])[] = [
  "head_ref",
  "event.number",
  "event.pull_request.number",
  "event.pull_request.head.sha",
  "event.pull_request.head.ref",
  "event.pull_request.head.repo.full_name",
  "event.pull_request.merge_commit_sha",
  "event.workflow_run.head_sha",
  "event.workflow_run.head_branch",
  "event.workflow_run.head_repository.full_name",
].map((path) => path.split("."));

export default defineRule({
  id: "dangerous-checkout",
  severity: "error",
  summary: "A `pull_request_target` or `workflow_run` workflow checks out the pull request's head.",
  docs: {
    why: `\`pull_request_target\` and \`workflow_run\` run with the base repository's write token and secrets, even
for pull requests from forks. Checking out the pull request's head and then building or testing it
runs the fork author's code with those privileges ("pwn request").
See [\`pull_request_target\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request_target)
and [GitHub Security Lab: preventing pwn requests](https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/).`,
    invalid: `on: pull_request_target
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: make test
`,
    valid: `on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
      - run: make test
`,
    fix: "Build and test pull requests on `pull_request`, which has no secrets and a read-only token for forks. Keep `pull_request_target` for labelling or commenting, without checking out the head; hand results from an unprivileged run to a privileged one as artifacts treated as data.",
  },
  step({ step, workflow, report }) {
    const event = PRIVILEGED_EVENTS.find((name) => workflow.triggers.has(name));
    if (!event || !isCheckout(step.uses)) return;
    for (const use of step.expressions) {
      const key = use.path[5];
      if (use.path[4] !== "with" || (key !== "ref" && key !== "repository")) continue;
      const head = use.expressions.flatMap((facts) => facts.references).find((reference) => reference.root === "github" && HEAD_REFERENCES.some((pattern) => pattern.length === reference.segments.length && pattern.every((segment, index) => reference.segments[index] === segment)));
      if (!head) continue;
      report({
        path: use.path,
        message: `this ${event} workflow checks out ${formatReference(head)}, the pull request's code, with the base repository's token and secrets`,
        hint: "run builds and tests of pull requests on pull_request instead; never check out the head under pull_request_target or workflow_run",
      });
      return;
    }
  },
});
