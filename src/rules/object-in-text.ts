import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { findExpressions, formatReference, tokenize } from "./_expressions.js";
import { isObjectReference } from "./_github-context.js";
import { textMemo } from "./_text-memo.js";
import type { ExpressionUse } from "./_workflow-view.js";

export default defineRule({
  id: "object-in-text",
  severity: "error",
  summary: "A `${{ }}` inside a text reads an object (`github.event`, `matrix`, `needs.build`), which cannot be written into text.",
  docs: {
    why: `A \`\${{ }}\` inside a longer text puts its value into the text, which a string, number or boolean can be.
An object or a list cannot: \`echo \${{ github.event }}\` does not print the event. \`toJSON(…)\` turns it
into text, and a property (\`github.event.action\`) reads one value of it.
See [expressions](https://docs.github.com/actions/reference/workflows-and-actions/expressions).`,
    invalid: `on: push
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: echo "The event was \${{ github.event }}"
`,
    valid: `on: push
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: echo "The event was \${{ toJSON(github.event) }}"
`,
    fix: "Write `toJSON(…)` around the object to put it into the text as JSON, or read the one property meant.",
  },
  ...eachExpressionUse(checkUse),
});

// The reference an expression body is made of alone (`github.event`, `needs['build']`), if it is one.
const singleReferences = textMemo<string | undefined>(5_000);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  // a condition is not text, and a value that is one whole `${{ }}` keeps the object's type
  if (use.isCondition) return;
  const embedded = findExpressions(use.text);
  if (embedded.length === 1 && use.text.trim() === use.text.slice(embedded[0]!.start, embedded[0]!.end)) return;
  embedded.forEach((expression, index) => {
    const facts = use.expressions[index];
    if (!facts || facts.functions.size > 0 || facts.references.length !== 1) return;
    const reference = facts.references[0]!;
    if (!isObjectReference(reference)) return;
    const text = singleReferences(expression.body, () => (isSingleReference(expression.body) ? formatReference(reference) : undefined));
    if (text === undefined) return;
    report({
      path: use.path,
      message: `\${{ ${text} }} reads an object, which cannot be written into this text`,
      hint: `write \${{ toJSON(${text}) }} for its JSON, or read one property of it`,
    });
  });
}

// Only names, dots, brackets with literals and `*`: no operator or literal beside the reference.
function isSingleReference(body: string): boolean {
  const tokens = tokenize(body);
  return tokens.length > 0 && tokens[0]!.kind === "name" && tokens.every((token) => token.kind === "name" || token.kind === "string" || token.kind === "number" || [".", "[", "]", "*"].includes(token.text));
}
