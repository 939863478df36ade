import { defineRule } from "./_define-rule.js";
import { objectAt } from "./_workflow-view.js";

// GitHub's limit on the inputs of one manually run workflow.
const MAX_INPUTS = 25;

export default defineRule({
  id: "dispatch-inputs-too-many",
  severity: "error",
  summary: `\`workflow_dispatch\` declares more than ${MAX_INPUTS} inputs, more than GitHub takes.`,
  docs: {
    why: `A manually run workflow takes at most ${MAX_INPUTS} inputs. With more, GitHub does not accept the workflow
file, and the run button does not appear.
See [\`on.workflow_dispatch.inputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs).`,
    invalid: `on:
  workflow_dispatch:
    inputs:
${Array.from({ length: MAX_INPUTS + 1 }, (_, index) => `      option-${index + 1}: { type: boolean }\n`).join("")}jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: ./run.sh
`,
    valid: `on:
  workflow_dispatch:
    inputs:
      config:
        description: The options, as JSON
        default: "{}"
jobs:
  run:
    runs-on: ubuntu-latest
    steps:
      - run: ./run.sh '\${{ inputs.config }}'
        shell: bash
`,
    fix: "Group related options into one input (a `choice`, or a JSON text read with `fromJSON()`), or split the workflow.",
  },
  workflow({ workflow, report }) {
    const trigger = workflow.triggers.get("workflow_dispatch");
    const inputs = objectAt(trigger?.config, "inputs");
    if (!trigger || !inputs) return;
    const count = Object.keys(inputs).length;
    if (count <= MAX_INPUTS) return;
    report({ path: trigger.path, message: `workflow_dispatch declares ${count} inputs, but GitHub takes at most ${MAX_INPUTS}`, hint: "group related options into one input, or split the workflow" });
  },
});
