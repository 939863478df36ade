import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Reference, type Token, formatReference, tokenize } from "./_expressions.js";
import { isObjectReference } from "./_github-context.js";
import type { ExpressionUse } from "./_workflow-view.js";
import { textMemo } from "./_text-memo.js";

export default defineRule({
  id: "comparison-type-mismatch",
  severity: "error",
  summary: "An expression compares an object (`github.event`, `needs.build`) with a string or number, which is never equal nor ordered.",
  docs: {
    why: `When \`==\` or \`!=\` compares values of different types, GitHub converts both to numbers; an object
becomes \`NaN\`, which equals nothing. So \`github.event == 'release'\` is always false and
\`needs.build != 'success'\` always true, whatever happened; \`<\`, \`>\`, \`<=\` and \`>=\` with \`NaN\` are always false. The value meant is usually a string
property of the object: \`github.event_name\`, \`needs.build.result\`.
See [operators](https://docs.github.com/actions/reference/workflows-and-actions/expressions#operators).`,
    invalid: `on: [push, release]
jobs:
  publish:
    if: github.event == 'release'
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`,
    valid: `on: [push, release]
jobs:
  publish:
    if: github.event_name == 'release'
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`,
    fix: "Compare a string property of the object (`github.event_name`, `needs.<id>.result`, `steps.<id>.outcome`), or use `contains()` to look for a value in a list (`contains(github.event.pull_request.labels.*.name, 'bug')`).",
  },
  ...eachExpressionUse(checkUse),
});

// Equality, and ordering: both convert an object to NaN, which equals nothing and orders with nothing.
const COMPARISON = new Set(["==", "!=", "<", ">", "<=", ">="]);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  // only expressions with a comparison operator: most have none
  if (!/==|!=|<|>/.test(use.text) || (!use.isCondition && !use.text.includes("${{"))) return;
  const problems = problemsByText(`${use.isCondition ? "if" : "value"}\0${use.text}`, () => problemsOf(use));
  for (const problem of problems) report({ path: use.path, ...problem });
}

// The same conditions recur across jobs and files (`github.ref == 'refs/heads/main'`): what one text
// gives depends on the text alone, so each is tokenized once.
const problemsByText = textMemo<readonly Omit<Finding, "path">[]>(20_000);

function problemsOf(use: ExpressionUse): Omit<Finding, "path">[] {
  const problems: Omit<Finding, "path">[] = [];
  for (const body of use.bodies) {
    const tokens = tokenize(body);
    tokens.forEach((token, index) => {
      if (token.kind !== "punct" || !COMPARISON.has(token.text)) return;
      const left = referenceEndingAt(tokens, index - 1);
      const right = referenceStartingAt(tokens, index + 1);
      const leftLiteral = literalAt(tokens, index - 1, "before");
      const rightLiteral = literalAt(tokens, index + 1, "after");
      const [object, literal] = left && isObjectReference(left) && rightLiteral ? [left, rightLiteral] : right && isObjectReference(right) && leftLiteral ? [right, leftLiteral] : [];
      if (!object || !literal) return;
      const text = formatReference(object);
      problems.push({
        message: `${text} is an object, and an object is never ${token.text === "==" || token.text === "!=" ? "equal to" : "ordered against"} ${literal.kind === "string" ? `the string '${literal.text}'` : `the number ${literal.text}`}, so this ${token.text} is always ${token.text === "!=" ? "true" : "false"}`,
        hint: hintFor(object),
      });
    });
  }
  return problems;
}

function hintFor(reference: Reference): string {
  if (reference.root === "github" && reference.segments.length === 1) return "did you mean github.event_name?";
  if (reference.root === "needs" && reference.segments.length === 1) return `did you mean needs.${reference.segments[0]}.result?`;
  if (reference.root === "steps" && reference.segments.length === 1) return `did you mean steps.${reference.segments[0]}.outcome?`;
  return "compare one of its string properties, or use contains() for a list";
}

// A reference written as `name(.name | ['name'])*` ending at `end`, and standing alone as an operand
// (no `.`, `!`, `]` or `)` before it, which would make it part of a larger operand).
function referenceEndingAt(tokens: readonly Token[], end: number): Reference | undefined {
  let start = end;
  const segments: string[] = [];
  for (;;) {
    const token = tokens[start];
    if (token?.kind === "name" && tokens[start - 1]?.text === ".") {
      segments.unshift(token.text.toLowerCase());
      start -= 2;
    } else if (token?.text === "]" && tokens[start - 1]?.kind === "string" && tokens[start - 2]?.text === "[") {
      segments.unshift(tokens[start - 1]!.text.toLowerCase());
      start -= 3;
    } else break;
  }
  const root = tokens[start];
  const before = tokens[start - 1];
  if (root?.kind !== "name" || (before && before.kind === "punct" && [".", "!", "]", ")"].includes(before.text))) return undefined;
  return { root: root.text.toLowerCase(), segments };
}

// The same, starting at `start`, and not followed by `(` (a call), `.` or `[` (a larger operand).
function referenceStartingAt(tokens: readonly Token[], start: number): Reference | undefined {
  const root = tokens[start];
  if (root?.kind !== "name") return undefined;
  const segments: string[] = [];
  let index = start + 1;
  for (;;) {
    if (tokens[index]?.text === "." && tokens[index + 1]?.kind === "name") {
      segments.push(tokens[index + 1]!.text.toLowerCase());
      index += 2;
    } else if (tokens[index]?.text === "[" && tokens[index + 1]?.kind === "string" && tokens[index + 2]?.text === "]") {
      segments.push(tokens[index + 1]!.text.toLowerCase());
      index += 3;
    } else break;
  }
  const after = tokens[index];
  if (after && [".", "[", "("].includes(after.text)) return undefined;
  return { root: root.text.toLowerCase(), segments };
}

// A string or number literal standing alone as the operand next to an operator.
function literalAt(tokens: readonly Token[], index: number, side: "before" | "after"): Token | undefined {
  const token = tokens[index];
  if (token?.kind !== "string" && token?.kind !== "number") return undefined;
  const neighbour = tokens[side === "before" ? index - 1 : index + 1];
  if (neighbour && neighbour.kind === "punct" && [".", "[", "!", "-"].includes(neighbour.text)) return undefined;
  return token;
}
