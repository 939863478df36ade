import { suggestName } from "./_closest-match.js";
import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { GITHUB_PROPERTIES } from "./_github-context.js";
import { type ExpressionUse } from "./_workflow-view.js";

export default defineRule({
  id: "github-property-unknown",
  severity: "error",
  summary: "An expression reads a property the `github` context does not have, or a property or an item (`[0]`, `.*`) of one of its strings.",
  docs: {
    why: `Reading a property that does not exist gives null, not an error: \`github.events.pull_request\`
(for \`github.event\`) or \`github.repository.default_branch\` (\`github.repository\` is the string
\`owner/name\`) is always empty, so a condition is silently false and a value silently blank. An
index or an object filter on a string (\`github.sha[0]\`, \`github.ref.*\`) gives nothing either:
expressions do not slice strings.
See [the \`github\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#github-context).`,
    invalid: `on: push
jobs:
  deploy:
    if: github.ref_name == github.repository.default_branch
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
`,
    valid: `on: push
jobs:
  deploy:
    if: github.ref_name == github.event.repository.default_branch
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
`,
    fix: "Spell the property as the `github` context has it; values of the event that triggered the run (the webhook payload) are under `github.event`, e.g. `github.event.repository.default_branch`.",
  },
  ...eachExpressionUse(checkUse),
});

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  const seen = new Set<string>();
  for (const expression of use.expressions) {
    for (const reference of expression.references) {
      const [property, nested] = reference.segments;
      if (reference.root !== "github" || typeof property !== "string" || property === "*") continue;
      const text = formatReference(reference);
      if (seen.has(text)) continue;
      const kind = GITHUB_PROPERTIES.get(property);
      if (kind === undefined) {
        seen.add(text);
        const suggestion = suggestName(property, GITHUB_PROPERTIES.keys());
        report({
          path: use.path,
          message: `${text} reads "${property}", which the github context does not have, so it is always empty`,
          hint: suggestion ? `did you mean "github.${suggestion}"?` : "values of the triggering event are under github.event",
        });
      } else if (kind !== "object" && nested === "*") {
        // `github.sha[0]` and `github.sha.*` index or filter a string, which gives nothing
        seen.add(text);
        report({
          path: use.path,
          message: `${text} reads an item of github.${property}, which is a ${kind}, not a list or an object, so it is always empty`,
          hint: `read github.${property} itself, or the payload under github.event`,
        });
      } else if (kind !== "object" && typeof nested === "string") {
        seen.add(text);
        report({
          path: use.path,
          message: `${text} reads "${nested}" of github.${property}, which is a ${kind}, so it is always empty`,
          hint: property === "repository" ? `did you mean "github.event.repository.${nested}"?` : `read github.${property} itself, or the payload under github.event`,
        });
      }
    }
  }
}
