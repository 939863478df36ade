import { defineRule } from "./_define-rule.js";

export default defineRule({
  id: "workflow-run-without-workflows",
  severity: "error",
  summary: "A `workflow_run` trigger names no workflow to follow, so it never fires.",
  docs: {
    why: `\`workflow_run\` starts this workflow when another workflow, named in its \`workflows\` list, is requested or
completes. With no \`workflows\`, there is nothing to follow and the trigger never fires.
See [\`on.workflow_run.<branches|branches-ignore>\`](https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows#workflow_run).`,
    invalid: `on:
  workflow_run:
    types: [completed]
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: echo done
`,
    valid: `on:
  workflow_run:
    workflows: [CI]
    types: [completed]
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: echo done
`,
    fix: "List the workflows to follow by their `name:` under `workflows:`.",
  },
  workflow({ workflow, report }) {
    const trigger = workflow.triggers.get("workflow_run");
    if (!trigger) return;
    const workflows = trigger.config?.["workflows"];
    // an expression or a string may name one; only an absent or empty list names none
    if (workflows !== undefined && workflows !== null && !(Array.isArray(workflows) && workflows.length === 0)) return;
    report({
      path: trigger.path,
      message: "workflow_run names no workflow in workflows, so it never fires",
      hint: "add `workflows: [<name of the workflow to follow>]` under workflow_run",
    });
  },
});
