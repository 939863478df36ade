import { type ExpressionScope, defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Reference, findExpressions, formatReference, isCallAt, tokenize } from "./_expressions.js";
import { isObjectReference } from "./_github-context.js";
import { matrixShape, matrixValues } from "./_matrix.js";
import { textMemo } from "./_text-memo.js";
import type { ExpressionUse, JobView } from "./_workflow-view.js";

export default defineRule({
  id: "object-in-text",
  severity: "error",
  summary: "A `${{ }}` inside a text reads an object or list (`github.event`, `needs.build`, a matrix key of `{ os, node }` rows, `fromJSON('[1]')`) or null, which cannot be written into text.",
  docs: {
    why: `A \`\${{ }}\` inside a longer text puts its value into the text, which a string, number or boolean can be.
An object or a list cannot: \`echo \${{ github.event }}\` does not print the event. \`toJSON(…)\` turns it
into text, and a property (\`github.event.action\`) reads one value of it. The same holds for a matrix key
whose every value is an object or a list, and for \`fromJSON()\` of a literal object or list;
\`\${{ null }}\` writes nothing at all.
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

function checkUse(use: ExpressionUse, report: (finding: Finding) => void, { job }: ExpressionScope): void {
  // a condition is not text, and a value that is one whole `${{ }}` keeps the object's type
  if (use.isCondition) return;
  const embedded = findExpressions(use.text);
  if (embedded.length === 1 && use.text.trim() === use.text.slice(embedded[0]!.start, embedded[0]!.end)) return;
  // one finding per expression text, on the line it is first written (a multi-line value)
  let reported: Set<string> | undefined;
  const firstTime = (within: string) => {
    if (reported?.has(within)) return false;
    (reported ??= new Set()).add(within);
    return true;
  };
  embedded.forEach((expression, index) => {
    const facts = use.expressions[index];
    if (!facts) return;
    const literal = literalProblem(expression.body);
    if (literal) {
      const within = use.text.slice(expression.start, expression.end);
      if (firstTime(within)) report({ path: use.path, within, ...literal });
      return;
    }
    if (facts.functions.size > 0 || facts.references.length !== 1) return;
    const reference = facts.references[0]!;
    const whole = isObjectReference(reference) || (job !== undefined && reference.root === "matrix" && isMatrixObject(job, reference));
    if (!whole) return;
    const text = singleReferences(expression.body, () => (isSingleReference(expression.body) ? formatReference(reference) : undefined));
    const within = use.text.slice(expression.start, expression.end);
    if (text === undefined || !firstTime(within)) return;
    report({
      path: use.path,
      within,
      message: `\${{ ${text} }} reads an object${reference.root === "matrix" ? " or list" : ""}, which cannot be written into this text`,
      hint: `write \${{ toJSON(${text}) }} for its JSON, or read one property of it`,
    });
  });
}

// `matrix.<key>` whose every value is an object or a list (a matrix of `{ os, node }` rows).
function isMatrixObject(job: JobView, reference: Reference): boolean {
  if (!matrixShape(job).objects) return false;
  const values = matrixValues(job, reference.segments);
  return values !== undefined && values.length > 0 && values.every((value) => value !== null && typeof value === "object");
}

// `${{ null }}` and `${{ fromJSON('{…}') }}` of a literal object, list or null: written into text
// they become an empty string or nothing readable.
function literalProblem(body: string): Omit<Finding, "path"> | undefined {
  // most expressions are neither: tokenize only those that may be
  if (!/null|fromjson/i.test(body)) return undefined;
  const tokens = tokenize(body);
  if (tokens.length === 1 && tokens[0]!.kind === "name" && tokens[0]!.text.toLowerCase() === "null") {
    return { message: "${{ null }} writes nothing into this text", hint: "remove it, or write the value meant" };
  }
  if (tokens.length !== 4 || !isCallAt(tokens, 0, "fromjson") || tokens[2]!.kind !== "string" || tokens[3]!.text !== ")") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(tokens[2]!.text);
  } catch {
    return undefined; // from-json-invalid reports it
  }
  if (value !== null && typeof value !== "object") return undefined;
  return {
    message: `fromJSON() gives ${value === null ? "null, which writes nothing" : Array.isArray(value) ? "a list, which cannot be written" : "an object, which cannot be written"} into this text`,
    hint: "write the JSON text itself, or read one property of the value",
  };
}
// Only names, dots, brackets with literals and `*`: no operator or literal beside the reference.
function isSingleReference(body: string): boolean {
  const tokens = tokenize(body);
  return tokens.length > 0 && tokens[0]!.kind === "name" && tokens.every((token) => token.kind === "name" || token.kind === "string" || token.kind === "number" || [".", "[", "]", "*"].includes(token.text));
}
