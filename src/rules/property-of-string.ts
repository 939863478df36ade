import { defineRule, type Finding } from "./_define-rule.js";
import { type Reference, formatReference } from "./_expressions.js";
import { matrixValues } from "./_matrix.js";
import { type ExpressionUse, type JobView } from "./_workflow-view.js";

export default defineRule({
  id: "property-of-string",
  severity: "error",
  summary: "An expression reads a property of a value that is always a string: a step's or job's output, an env variable, a variable, a secret, an input, a matrix value listed as text.",
  docs: {
    why: `Outputs, env variables, configuration variables, secrets and inputs hold strings (inputs also
booleans and numbers), never objects: \`steps.meta.outputs.version.major\` reads a property of a string,
which is always empty, with no error. A JSON output has to be parsed first:
\`fromJSON(steps.meta.outputs.version).major\`. The same holds for a matrix key whose values are all
written as text or numbers (\`os: [ubuntu-latest, windows-latest]\`): \`matrix.os.name\` is always empty.
See [contexts](https://docs.github.com/actions/reference/workflows-and-actions/contexts).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        run: echo 'version={"major":1}' >> "$GITHUB_OUTPUT"
      - run: echo "\${{ steps.meta.outputs.version.major }}"
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        run: echo 'version={"major":1}' >> "$GITHUB_OUTPUT"
      - run: echo "\${{ fromJSON(steps.meta.outputs.version).major }}"
`,
    fix: "Parse a JSON string with `fromJSON(…)` before reading its properties, or read the value itself.",
  },
  workflow({ workflow, report }) {
    for (const use of workflow.expressions) checkUse(use, report);
  },
  job({ job, report }) {
    for (const use of job.expressions) {
      checkUse(use, report);
      checkMatrixUse(job, use, report);
    }
  },
});

// `matrix.os.name` where every value `matrix.os` takes (from the axis and `include` rows) is a string,
// a number or a boolean: the property is never there.
function checkMatrixUse(job: JobView, use: ExpressionUse, report: (finding: Finding) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      if (reference.root !== "matrix" || reference.segments.length < 2) continue;
      for (let depth = 1; depth < reference.segments.length; depth++) {
        const next = reference.segments[depth];
        const values = matrixValues(job, reference.segments.slice(0, depth));
        if (values === undefined || values.length === 0 || typeof next !== "string" || next === "*") break;
        if (!values.every((value) => typeof value === "string" || typeof value === "number" || typeof value === "boolean")) continue;
        const text = formatReference(reference);
        const value = formatReference({ root: "matrix", segments: reference.segments.slice(0, depth) });
        if (!seen.has(text)) {
          seen.add(text);
          report({
            path: use.path,
            message: `${text} reads "${next}" of ${value}, whose every value in the matrix is a ${typeof values[0]}, so it is always empty`,
            hint: `read ${value} itself, or make its values objects with a "${next}" key`,
          });
        }
        break;
      }
    }
  }
}

// How many segments after the root name a string, by context: `env.NAME`, `steps.ID.outputs.NAME`.
function stringDepth(reference: Reference): number | undefined {
  const second = reference.segments[1];
  switch (reference.root) {
    case "env":
    case "vars":
    case "secrets":
    case "inputs":
      return 1;
    case "steps":
      return second === "outputs" ? 3 : second === "outcome" || second === "conclusion" ? 2 : undefined;
    case "needs":
      return second === "outputs" ? 3 : second === "result" ? 2 : undefined;
    default:
      return undefined;
  }
}

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      const depth = stringDepth(reference);
      if (depth === undefined || reference.segments.length <= depth) continue;
      const named = reference.segments.slice(0, depth + 1);
      // a computed index or an object filter may stand for anything
      if (named.some((segment) => segment === null || segment === "*")) continue;
      const text = formatReference(reference);
      if (seen.has(text)) continue;
      seen.add(text);
      const value = formatReference({ root: reference.root, segments: named.slice(0, depth) });
      report({
        path: use.path,
        message: `${text} reads "${named[depth]}" of ${value}, which is a string, so it is always empty`,
        hint: `parse it first if it holds JSON: fromJSON(${value}).${named[depth]}`,
      });
    }
  }
}
