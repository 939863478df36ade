import { defineRule, type Finding } from "./_define-rule.js";
import { type TriggerView, isObject } from "./_workflow-view.js";

// The triggers whose inputs have a type and a default.
const INPUT_EVENTS = ["workflow_dispatch", "workflow_call"];

export default defineRule({
  id: "input-default-invalid",
  severity: "error",
  summary: "A workflow input's `default` is not a value of its type (a `choice` default that is no option, a `number` default that is no number, a `boolean` default that is neither true nor false), or is never used (a required input of a reusable workflow).",
  docs: {
    why: `A \`choice\` input can only take one of its \`options\`: the form to run the workflow offers nothing else,
so a \`default\` outside them (an option renamed or misspelt) starts the form with a value it cannot
submit. A \`number\` input's default must read as a number; \`default: many\` gives the run no number
to work with. A reusable workflow's required input always comes from its caller, so its \`default\`
is never used (a warning): one of the two is a mistake.
See [\`on.workflow_dispatch.inputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs)
and [\`on.workflow_call.inputs\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_callinputs).`,
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
    fix: "Make a choice's default one of its options, spelt the same (or add it to them), and a number's default a number. For a reusable workflow's input, keep either `required: true` or the default.",
  },
  workflow({ workflow, report }) {
    for (const event of INPUT_EVENTS) {
      const trigger = workflow.triggers.get(event);
      const inputs = trigger?.config?.["inputs"];
      if (!trigger || !isObject(inputs)) continue;
      for (const [name, input] of Object.entries(inputs)) if (isObject(input)) checkInput(trigger, name, input, report);
    }
  },
});

function checkInput(trigger: TriggerView, name: string, input: Record<string, unknown>, report: (finding: Finding) => void): void {
  const fallback = input["default"];
  // a default given by an expression is known only at run time
  if (fallback === undefined || fallback === null || (typeof fallback === "string" && fallback.includes("${{"))) return;
  const path = [...trigger.path, "inputs", name, "default"];
  if (trigger.name === "workflow_call" && input["required"] === true) {
    report({
      path,
      message: `input "${name}" is required, so every caller passes it and its default ${JSON.stringify(fallback)} is never used`,
      hint: "remove required: true to let callers leave it out, or remove the default",
      severity: "warning",
    });
  }
  if (input["type"] === "choice" && trigger.name === "workflow_dispatch") {
    const options = input["options"];
    if (!Array.isArray(options) || options.some((option) => typeof option !== "string" || option.includes("${{"))) return;
    if (typeof fallback !== "string" || options.includes(fallback)) return;
    report({
      path,
      message: `input "${name}" defaults to "${fallback}", which is not one of its options (${options.map((option) => `"${option}"`).join(", ")})`,
      hint: "make the default one of the options, or add it to them",
    });
  } else if (input["type"] === "boolean" && !isBoolean(fallback)) {
    report({
      path,
      message: `input "${name}" is a boolean, but its default ${JSON.stringify(fallback)} is neither true nor false`,
      hint: "give true or false as the default, or change the input's type",
    });
  } else if (input["type"] === "number" && !isNumber(fallback)) {
    report({
      path,
      message: `input "${name}" is a number, but its default ${JSON.stringify(fallback)} is not one`,
      hint: "give a number as the default, or change the input's type",
    });
  }
}

function isBoolean(value: unknown): boolean {
  return typeof value === "boolean" || (typeof value === "string" && /^(true|false)$/i.test(value.trim()));
}

function isNumber(value: unknown): boolean {
  if (typeof value === "number") return true;
  return typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value));
}
