import { defineRule } from "./_define-rule.js";
import { parseUses } from "./_uses.js";
import type { WorkflowView } from "./_workflow-view.js";

// Triggers that run with the base repository's token and secrets on behalf of a fork's pull request.
const DANGERS: Readonly<Record<string, { message: string; hint: string }>> = {
  pull_request_target: {
    message: "pull_request_target runs with the base repository's write token and secrets for pull requests from forks, whose code, branch names and text the fork's author controls",
    hint: "use pull_request unless the job must write (label, comment); then never check out or run the pull request's code, and pass its text through env:",
  },
  workflow_run: {
    message: "workflow_run runs with the base repository's write token and secrets after a workflow a fork's pull request can start; that run's artifacts, branch name and commit come from the fork",
    hint: "prefer calling a reusable workflow (workflow_call) or pull_request; if you keep workflow_run, treat downloaded artifacts and head_branch as untrusted data",
  },
};

export default defineRule({
  id: "dangerous-trigger",
  severity: "warning",
  summary: "A workflow runs on `pull_request_target` or `workflow_run`: privileged runs a fork's pull request can start.",
  docs: {
    why: `Both triggers run in the context of the base repository — its write token, its secrets, its caches —
yet a pull request from any fork can start them. Whatever such a run reads from the pull request
(checked-out code, titles, branch names, artifacts of the triggering run) is under the fork author's
control, so one mistake anywhere in the workflow becomes code execution with those privileges.
[\`dangerous-checkout\`](./dangerous-checkout.md) reports the worst case (checking out the head); this rule
marks the trigger itself, so the workflow gets the review it needs.
See [\`pull_request_target\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request_target),
[\`workflow_run\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_run)
and [preventing pwn requests](https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/).`,
    invalid: `on: pull_request_target
permissions:
  pull-requests: write
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: gh pr edit "$PR" --add-label triage
        env:
          PR: \${{ github.event.pull_request.number }}
          GH_TOKEN: \${{ github.token }}
`,
    valid: `on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Use `pull_request` for anything that builds or tests the pull request: forks then get a read-only token and no secrets. Keep `pull_request_target` only for jobs that must write (labels, comments) and never run the pull request's code there; replace `workflow_run` with a reusable workflow (`workflow_call`) where you can. A workflow whose only steps are `actions/labeler` is not reported: labelling pull requests from forks is what the trigger is for, and the labeler runs no code of the pull request. When the trigger is needed and reviewed, turn the finding off for that workflow with `# trunkline-ignore: dangerous-trigger` after `on:`, the line the finding is reported at.",
  },
  workflow({ workflow, report }) {
    if (onlyLabels(workflow)) return;
    for (const [name, danger] of Object.entries(DANGERS)) {
      const trigger = workflow.triggers.get(name);
      // at `on:` itself, where the workflow's triggers are read as a whole (and one ignore comment covers them)
      if (trigger) report({ path: ["on"], message: danger.message, hint: danger.hint });
    }
  },
});

// A workflow whose every step is actions/labeler: GitHub's documented use of pull_request_target,
// which reads no code of the pull request, only the names of the files it changes.
function onlyLabels(workflow: WorkflowView): boolean {
  if (workflow.jobs.length === 0) return false;
  return workflow.jobs.every((job) => job.raw["uses"] === undefined && job.steps.length > 0 && job.steps.every((step) => {
    const target = step.uses === undefined ? undefined : parseUses(step.uses);
    return target?.kind === "remote" && `${target.owner}/${target.repo}`.toLowerCase() === "actions/labeler" && target.subpath === "";
  }));
}
