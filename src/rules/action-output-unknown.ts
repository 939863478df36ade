import { suggestName } from "./_closest-match.js";
import { specOfStep } from "./_action-step.js";
import type { ActionCatalog } from "./_action-catalog.js";
import { defineRule, type Finding } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { type ExpressionUse, type JobView, expressionsIn } from "./_workflow-view.js";

// Actions that run the user's own code, which may set any output (`core.setOutput('foo', …)`).
const SCRIPT_ACTIONS = new Set(["actions/github-script"]);

export default defineRule({
  id: "action-output-unknown",
  severity: "error",
  summary: "An expression reads `steps.<id>.outputs.<name>` that the action the step uses does not have.",
  docs: {
    why: `A step's outputs are those its action sets. Reading a name the action does not have gives an empty
string and no error, so a condition is silently false and a value silently blank. trunkline knows the
outputs of the actions in its table of popular actions and of those the lockfile pins; an action that
sets outputs named by its inputs (\`dorny/paths-filter\`) or runs a script that may set any
(\`actions/github-script\`) is not checked.
See [the \`steps\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#steps-context).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: checkout
        uses: actions/checkout@v4
      - run: echo "built \${{ steps.checkout.outputs.sha }}"
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: checkout
        uses: actions/checkout@v4
      - run: echo "built \${{ steps.checkout.outputs.commit }}"
`,
    fix: "Spell the output as the action's `action.yml` declares it (the hint names the closest one).",
  },
  job({ job, project, comment, report }) {
    // job outputs are evaluated after every step has run
    const outputs = job.raw["outputs"];
    if (outputs !== undefined) for (const use of expressionsIn(outputs, [...job.path, "outputs"])) checkUse(use, job, project.actions, comment, report);
  },
  step({ job, step, project, comment, report }) {
    for (const use of step.expressions) checkUse(use, job, project.actions, comment, report);
  },
});

function checkUse(use: ExpressionUse, job: JobView, actions: ActionCatalog, comment: (path: WorkflowPath) => string | undefined, report: (finding: Finding) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      const [id, property, name] = reference.segments;
      if (reference.root !== "steps" || typeof id !== "string" || property !== "outputs" || typeof name !== "string" || name === "*") continue;
      const text = formatReference(reference);
      if (seen.has(text)) continue;
      const index = job.stepIndexById.get(id);
      const step = index === undefined ? undefined : job.steps.find((candidate) => candidate.index === index);
      const found = step && specOfStep(step, actions, comment);
      if (!found || found.spec.anyOutputs || SCRIPT_ACTIONS.has(found.used.action.toLowerCase()) || found.spec.outputs.some((output) => output.toLowerCase() === name)) continue;
      seen.add(text);
      const suggestion = suggestName(name, found.spec.outputs);
      report({
        path: use.path,
        message: `${text} reads output "${name}" of step "${id}", but ${found.used.action} (${found.spec.spec}, from ${found.used.versionSource}) has no such output, so it is always empty`,
        hint: suggestion ? `did you mean "steps.${id}.outputs.${suggestion}"?` : found.spec.outputs.length ? `its outputs are ${found.spec.outputs.map((output) => `"${output}"`).join(", ")}` : "the action has no outputs",
      });
    }
  }
}
