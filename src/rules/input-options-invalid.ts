import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "input-options-invalid",
  severity: "warning",
  summary: "A `workflow_dispatch` choice input has no options or lists one twice, or an input has `options` without being a `choice` input.",
  docs: {
    why: `Only an input of \`type: choice\` offers its \`options\`, as a drop-down in the "Run workflow" form. On any
other type the list is ignored: the form shows a free text field (or a checkbox), so any value can
arrive, not only the ones listed. A choice with an empty list offers nothing to choose, so the workflow
cannot be run from the form. The same option twice shows twice in the drop-down, and is usually
a slip where another value was meant.
See [\`on.workflow_dispatch.inputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs).`,
    invalid: `on:
  workflow_dispatch:
    inputs:
      level:
        type: string
        options: [low, high]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make LEVEL="$LEVEL"
        env:
          LEVEL: \${{ inputs.level }}
`,
    valid: `on:
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [low, high]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make LEVEL="$LEVEL"
        env:
          LEVEL: \${{ inputs.level }}
`,
    fix: "Make the input `type: choice` if only the listed values may be chosen, or remove `options`; list each option once.",
  },
  workflow({ workflow, report }) {
    const trigger = workflow.triggers.get("workflow_dispatch");
    const inputs = trigger?.config?.["inputs"];
    if (!trigger || !isObject(inputs)) return;
    for (const [name, input] of Object.entries(inputs)) {
      if (!isObject(input) || !Array.isArray(input["options"])) continue;
      const path = [...trigger.path, "inputs", name, "options"];
      if (input["type"] !== "choice") {
        // at the input, the declaration whose type is wrong (actionlint places it there too)
        report({
          path: [...trigger.path, "inputs", name],
          message: `input "${name}" has options but is not a choice input, so the options are ignored and any value can be given`,
          hint: "add type: choice to offer only these values, or remove options",
        });
        continue;
      }
      if (input["options"].length === 0) {
        report({ path, message: `choice input "${name}" has no options, so the workflow cannot be run by hand`, hint: "list the values that may be chosen" });
        continue;
      }
      const seen = new Set<unknown>();
      input["options"].forEach((option: unknown, index) => {
        if (seen.has(option)) {
          report({ path: [...path, index], message: `input "${name}" lists option ${JSON.stringify(option)} more than once`, hint: "list each option once" });
        }
        seen.add(option);
      });
    }
  },
});
