import { defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "choice-default-not-an-option",
  severity: "error",
  summary: "A `workflow_dispatch` choice input's `default` is not one of its `options`.",
  docs: {
    why: `A \`choice\` input can only take one of its \`options\`: the form to run the workflow offers nothing else.
A \`default\` outside them is usually an option renamed or misspelt, and the form starts with a value
it cannot submit, or with none.
See [\`on.workflow_dispatch.inputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs).`,
    invalid: `on:
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [low, high]
        default: medium
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh "\${{ inputs.level }}"
`,
    valid: `on:
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [low, medium, high]
        default: medium
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh "\${{ inputs.level }}"
`,
    fix: "Make the default one of the options, spelt the same, or add it to the options.",
  },
  workflow({ workflow, report }) {
    const trigger = workflow.triggers.get("workflow_dispatch");
    const inputs = trigger?.config?.["inputs"];
    if (!trigger || !isObject(inputs)) return;
    for (const [name, input] of Object.entries(inputs)) {
      if (!isObject(input) || input["type"] !== "choice") continue;
      const options = input["options"];
      const fallback = input["default"];
      // options or a default given by an expression are known only at run time
      if (!Array.isArray(options) || options.some((option) => typeof option !== "string" || option.includes("${{"))) continue;
      if (typeof fallback !== "string" || fallback.includes("${{") || options.includes(fallback)) continue;
      report({
        path: [...trigger.path, "inputs", name, "default"],
        message: `input "${name}" defaults to "${fallback}", which is not one of its options (${options.map((option) => `"${option}"`).join(", ")})`,
        hint: "make the default one of the options, or add it to them",
      });
    }
  },
});
