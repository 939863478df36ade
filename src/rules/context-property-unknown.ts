import { suggestName } from "./_closest-match.js";
import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { type ExpressionUse } from "./_workflow-view.js";

// The contexts whose properties are fixed, lowercased, each with whether it holds an object (true)
// or a plain value. From https://docs.github.com/actions/reference/workflows-and-actions/contexts
const PROPERTIES: ReadonlyMap<string, ReadonlyMap<string, boolean>> = new Map([
  ["runner", new Map(["name", "os", "arch", "temp", "tool_cache", "debug", "environment"].map((name) => [name, false]))],
  [
    "job",
    new Map([
      ["container", true],
      ["services", true],
      ...["status", "check_run_id", "workflow_ref", "workflow_sha", "workflow_repository", "workflow_file_path"].map((name) => [name, false] as const),
    ]),
  ],
  ["strategy", new Map(["fail-fast", "job-index", "job-total", "max-parallel"].map((name) => [name, false]))],
]);

export default defineRule({
  id: "context-property-unknown",
  severity: "error",
  summary: "An expression reads a property the `runner`, `job` (its container and services too) or `strategy` context does not have.",
  docs: {
    why: `The \`runner\`, \`job\` and \`strategy\` contexts have a fixed set of properties. Reading any other gives
null, not an error: \`runner.osx\` or \`job.state\` is always empty, so a condition is silently false
and a value silently blank.
See [contexts](https://docs.github.com/actions/reference/workflows-and-actions/contexts).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - if: runner.system == 'Linux'
        run: make test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - if: runner.os == 'Linux'
        run: make test
`,
    fix: "Spell the property as the context has it: `runner.os`, `runner.arch`, `job.status`, `strategy.job-index`…",
  },
  ...eachExpressionUse(checkUse),
});

// Properties of the objects under `job`: its container, and each of its services (by any id).
const CONTAINER = new Set(["id", "network"]);
const SERVICE = new Set(["id", "network", "ports"]);

// The unknown property under `job.container` or `job.services.<id>`, if one is read.
function unknownJobProperty(segments: readonly (string | null)[]): { name: string; of: string; known: ReadonlySet<string> } | undefined {
  const [property, first, second] = segments;
  if (property === "container" && typeof first === "string" && first !== "*" && !CONTAINER.has(first)) return { name: first, of: "job.container", known: CONTAINER };
  if (property === "services" && typeof first === "string" && first !== "*" && typeof second === "string" && second !== "*" && !SERVICE.has(second)) return { name: second, of: `job.services.${first}`, known: SERVICE };
  return undefined;
}

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      const properties = PROPERTIES.get(reference.root);
      const [property, nested] = reference.segments;
      if (!properties || typeof property !== "string" || property === "*") continue;
      const text = formatReference(reference);
      if (seen.has(text)) continue;
      const isObject = properties.get(property);
      if (isObject === undefined) {
        seen.add(text);
        const suggestion = suggestName(property, properties.keys());
        report({
          path: use.path,
          message: `${text} reads "${property}", which the ${reference.root} context does not have, so it is always empty`,
          hint: suggestion ? `did you mean "${reference.root}.${suggestion}"?` : `the ${reference.root} context has ${[...properties.keys()].map((name) => `"${name}"`).join(", ")}`,
        });
      } else if (reference.root === "job" && unknownJobProperty(reference.segments)) {
        seen.add(text);
        const unknown = unknownJobProperty(reference.segments)!;
        const suggestion = suggestName(unknown.name, unknown.known);
        report({
          path: use.path,
          message: `${text} reads "${unknown.name}", which ${unknown.of} does not have, so it is always empty`,
          hint: suggestion ? `did you mean "${unknown.of}.${suggestion}"?` : `${unknown.of} has ${[...unknown.known].map((name) => `"${name}"`).join(", ")}`,
        });
      } else if (!isObject && typeof nested === "string" && nested !== "*") {
        seen.add(text);
        report({
          path: use.path,
          message: `${text} reads "${nested}" of ${reference.root}.${property}, which is not an object, so it is always empty`,
          hint: `read ${reference.root}.${property} itself`,
        });
      }
    }
  }
}
