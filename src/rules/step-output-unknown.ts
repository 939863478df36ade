import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { type ExpressionUse, type JobView, expressionsIn } from "./_workflow-view.js";

export default defineRule({
  id: "step-output-unknown",
  severity: "error",
  summary: "An expression reads `steps.<id>` where no earlier step of the job has that id, or a step property other than `outputs`, `outcome` and `conclusion`.",
  docs: {
    why: `The \`steps\` context only holds steps of the same job that have already run. Reading a step id
that does not exist, or a step that runs later, gives an empty string and no error, so a condition
is silently false or a value silently empty. A step has only \`outputs\`, \`outcome\` and
\`conclusion\`: \`steps.build.version\`, where \`steps.build.outputs.version\` was meant, is always empty too.
See [the \`steps\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#steps-context).`,
    invalid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
      - run: echo "releasing $VERSION"
        env:
          VERSION: \${{ steps.versoin.outputs.value }}
`,
    valid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
      - run: echo "releasing $VERSION"
        env:
          VERSION: \${{ steps.version.outputs.value }}
`,
    fix: "Give the step that produces the value an `id:`, place it before the step that reads it, and spell the id the same way. Read a step's values as `steps.<id>.outputs.<name>`.",
  },
  job({ job, report }) {
    // job outputs are evaluated after every step has run: any step id of the job is fine there
    const outputs = job.raw["outputs"];
    if (outputs !== undefined) {
      for (const use of expressionsIn(outputs, [...job.path, "outputs"])) checkUse(use, job, job.steps.length, report);
    }
  },
  step({ job, step, report }) {
    for (const use of step.expressions) checkUse(use, job, step.index, report);
  },
});

// The properties of an entry of the steps context.
const STEP_PROPERTIES = ["outputs", "outcome", "conclusion"];

function checkUse(use: ExpressionUse, job: JobView, before: number, report: (finding: { path: (string | number)[]; message: string; hint: string }) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      const [id, property] = reference.segments;
      if (reference.root !== "steps" || typeof id !== "string" || id === "*") continue;
      const text = formatReference(reference);
      if (typeof property === "string" && property !== "*" && !STEP_PROPERTIES.includes(property) && !seen.has(text)) {
        seen.add(text);
        report({
          path: use.path,
          message: `${text} reads "${property}" of step "${id}", but a step has only outputs, outcome and conclusion, so it is always empty`,
          hint: `did you mean "steps.${id}.outputs.${property}"?`,
        });
      }
      if (seen.has(id)) continue;
      seen.add(id);
      const index = job.stepIndexById.get(id);
      if (index !== undefined && index < before) continue;
      if (index === undefined) {
        const suggestion = suggestName(id, job.stepIndexById.keys());
        report({
          path: use.path,
          message: `${text} reads step "${id}", but no step of job "${job.id}" has that id`,
          hint: suggestion ? `did you mean "${suggestion}"?` : `give the step that sets the value \`id: ${id}\``,
        });
      } else {
        report({
          path: use.path,
          message: `${text} reads step "${id}", which has not run yet at this point of job "${job.id}"`,
          hint: `move the step with id "${id}" before this one`,
        });
      }
    }
  }
}
