import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { type WorkflowView, isObject, objectAt, undeclaredReads } from "./_workflow-view.js";

// The triggers whose runs have inputs, declared under `on.<event>.inputs`.
const INPUT_EVENTS = ["workflow_call", "workflow_dispatch"];

export default defineRule({
  id: "workflow-input-unknown",
  severity: "error",
  summary: "An expression reads `inputs.<name>` that neither `workflow_call` nor `workflow_dispatch` declares.",
  docs: {
    why: `The \`inputs\` context holds the inputs a reusable workflow (\`on.workflow_call.inputs\`) or a manually
run workflow (\`on.workflow_dispatch.inputs\`) declares. Any other name reads as empty, with no error:
a misspelt \`inputs.enviroment\` deploys nowhere, silently. Secrets are checked by \`workflow-secret-unknown\`, as a
warning: with \`secrets: inherit\` a reusable workflow may read secrets it does not declare.
See [the \`inputs\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#inputs-context).`,
    invalid: `on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh "\${{ inputs.enviroment }}"
`,
    valid: `on:
  workflow_call:
    inputs:
      environment:
        type: string
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh "\${{ inputs.environment }}"
`,
    fix: "Spell the input as it is declared (names are compared without case), or declare it under `on.workflow_call.inputs` or `on.workflow_dispatch.inputs`. In a workflow with neither trigger, every `inputs.<name>` is empty.",
  },
  workflow({ workflow, report }) {
    const declared = declaredInputs(workflow);
    if (!declared) return;
    for (const { use, reference, name } of undeclaredReads(workflow, "inputs", declared)) {
      const suggestion = suggestName(name, declared.values());
      report({
        path: use.path,
        message: `${formatReference(reference)} reads input "${name}", which this workflow does not declare, so it is always empty`,
        hint: suggestion ? `did you mean "inputs.${suggestion}"?` : declared.size > 0 ? `the declared inputs are ${[...declared.values()].map((known) => `"${known}"`).join(", ")}` : "declare it under on.workflow_call.inputs or on.workflow_dispatch.inputs; runs of other events have no inputs",
      });
    }
  },
});

/** The declared input names as written, by lowercased name; undefined when no trigger has inputs. */
function declaredInputs(workflow: WorkflowView): Map<string, string> | undefined {
  const triggers = INPUT_EVENTS.map((event) => workflow.triggers.get(event)).filter((trigger) => trigger !== undefined);
  // runs of other events have no inputs: the context is empty (unknown triggers say nothing)
  if (triggers.length === 0) return workflow.triggers.size > 0 ? new Map() : undefined;
  const names = new Map<string, string>();
  for (const trigger of triggers) {
    const inputs = trigger.config?.["inputs"];
    if (inputs === undefined || inputs === null) continue;
    // inputs written by an expression, or in a shape the parser rejects: nothing can be said
    if (!isObject(inputs)) return undefined;
    for (const name of Object.keys(objectAt(trigger.config, "inputs") ?? {})) names.set(name.toLowerCase(), name);
  }
  return names;
}
