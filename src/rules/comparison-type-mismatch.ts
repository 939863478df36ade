import { type ExpressionScope, defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { COMPARISONS, FUNCTION_KINDS, type Reference, type Token, formatReference, tokenize } from "./_expressions.js";
import { isObjectReference } from "./_github-context.js";
import { type Kind, type KindsOf, NO_INPUTS, kindsIn, referenceKinds } from "./_value-kinds.js";
import type { ExpressionUse } from "./_workflow-view.js";
import { textMemo } from "./_text-memo.js";

export default defineRule({
  id: "comparison-type-mismatch",
  severity: "error",
  summary: "An expression compares values that never compare as meant: an object or list with a string or number (`github.event == 'release'`), a boolean with text (`inputs.debug == 'true'`), two different objects, or orders a boolean, null or object (`inputs.debug > 60`).",
  docs: {
    why: `When \`==\` or \`!=\` compares values of different types, GitHub converts both to numbers; an object
becomes \`NaN\`, which equals nothing. So \`github.event == 'release'\` is always false and
\`needs.build != 'success'\` always true, whatever happened; \`<\`, \`>\`, \`<=\` and \`>=\` with \`NaN\` are always false. The value meant is usually a string
property of the object: \`github.event_name\`, \`needs.build.result\`. Two objects or lists are equal
only when they are the same one, so \`matrix.a == matrix.b\` is always false.

A boolean compared with text is compared as a number: \`true\` is 1, and \`'true'\` is no number, so
\`inputs.debug == 'true'\` is always false for a \`type: boolean\` input (the \`inputs\` context keeps
booleans; \`github.event.inputs\` holds text).

Ordering means something between numbers, and between strings. A boolean orders as 1 or 0 and null as
0, so \`inputs.debug > 60\` (a boolean input) is always false and \`false < true\` always true.
The rule knows the kind of literals, of GitHub's functions, of the \`github\` context's properties, of
declared inputs (\`type: boolean\`, \`type: number\`) and of the job's matrix values; anything else
(\`fromJSON()\`, outputs, a value of several kinds) is not judged. Comparing an object with \`null\`
asks whether it is there, and is left alone.
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

/** One side of a comparison, as written: a literal, a context read or a function call. */
type Operand = { kind: "literal"; type: Kind; text: string } | { kind: "reference"; reference: Reference } | { kind: "call"; name: string };

interface Comparison {
  operator: string;
  left: Operand | undefined;
  right: Operand | undefined;
}

const ORDERING = new Set(["<", ">", "<=", ">="]);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void, scope: ExpressionScope): void {
  // only expressions with a comparison operator: most have none
  if (!/==|!=|<|>/.test(use.text) || (!use.isCondition && !use.text.includes("${{"))) return;
  const kindsOf = kindsIn(scope);
  for (const body of use.bodies) {
    const { fixed, contextual } = comparisonsByText(body, () => readComparisons(body));
    for (const problem of fixed) report({ path: use.path, ...problem });
    for (const comparison of contextual) {
      const problem = problemOf(comparison, kindsOf);
      if (problem) report({ path: use.path, ...problem });
    }
  }
}

/** A body's comparisons: the problems of those its text alone decides, and those whose kinds depend on the job. */
interface ReadComparisons {
  fixed: readonly Omit<Finding, "path">[];
  contextual: readonly Comparison[];
}

// The same conditions recur across jobs and files (`github.ref == 'refs/heads/main'`): a body is
// read once, and only comparisons of `matrix.*` or `inputs.*` are looked at again for each job.
const comparisonsByText = textMemo<ReadComparisons>(20_000);

function readComparisons(body: string): ReadComparisons {
  const fixed: Omit<Finding, "path">[] = [];
  const contextual: Comparison[] = [];
  for (const comparison of comparisonsOf(body)) {
    if (isContextual(comparison.left) || isContextual(comparison.right)) contextual.push(comparison);
    else {
      const problem = problemOf(comparison, (reference) => referenceKinds(reference, NO_INPUTS, undefined));
      if (problem) fixed.push(problem);
    }
  }
  return { fixed, contextual };
}


function isContextual(operand: Operand | undefined): boolean {
  return operand?.kind === "reference" && (operand.reference.root === "matrix" || operand.reference.root === "inputs");
}

function comparisonsOf(body: string): Comparison[] {
  const tokens = tokenize(body);
  const comparisons: Comparison[] = [];
  tokens.forEach((token, index) => {
    if (token.kind === "punct" && COMPARISONS.has(token.text)) comparisons.push({ operator: token.text, left: operandEndingAt(tokens, index - 1), right: operandStartingAt(tokens, index + 1) });
  });
  return comparisons;
}

function problemOf({ operator, left, right }: Comparison, kindsOf: KindsOf): Omit<Finding, "path"> | undefined {
  if (!left || !right) return undefined;
  const leftKind = kindOf(left, kindsOf);
  const rightKind = kindOf(right, kindsOf);
  if (!leftKind || !rightKind) return undefined;
  if (ORDERING.has(operator)) {
    const [meaningless, operand] = !orders(leftKind) ? [leftKind, left] : !orders(rightKind) ? [rightKind, right] : [];
    if (!meaningless || !operand) return undefined;
    return {
      message: `${describe(operand, meaningless)} is ordered with ${operator}; GitHub turns ${meaningless === "object" ? "an object or list into NaN, so the comparison is always false" : `${meaningless === "null" ? "null into 0" : "a boolean into 1 or 0"}, so the order says nothing of use`}`,
      hint: operand.kind === "reference" && meaningless === "object" ? hintFor(operand.reference) : "order numbers (or strings); compare a boolean or null with == instead",
    };
  }
  const [flag, word] = leftKind === "boolean" && right.kind === "literal" && right.type === "string" ? [left, right] : rightKind === "boolean" && left.kind === "literal" && left.type === "string" ? [right, left] : [];
  if (flag && word && word.kind === "literal" && Number.isNaN(word.text.trim() === "" ? 0 : Number(word.text))) {
    // GitHub compares a boolean with text as numbers: true is 1, and 'true' is no number
    return {
      message: `${describe(flag, "boolean")} is a boolean, which GitHub compares with text as a number: '${word.text}' is not one, so this ${operator} is always ${operator === "!=" ? "true" : "false"}`,
      hint: flag.kind === "reference" ? `compare with ${word.text.toLowerCase() === "false" ? "false" : "true"} (no quotes), or test ${formatReference(flag.reference)} itself` : "compare with true or false, without quotes",
    };
  }
  if (leftKind === "object" && rightKind === "object") {
    // the same reference on both sides is the same instance; two different references, two instances
    if (left.kind !== "reference" || right.kind !== "reference" || formatReference(left.reference) === formatReference(right.reference)) return undefined;
    return {
      message: `${formatReference(left.reference)} and ${formatReference(right.reference)} are objects or lists, which GitHub finds equal only when they are the same one, so this ${operator} is always ${operator === "!=" ? "true" : "false"}`,
      hint: "compare a string property of each, or toJSON() of both",
    };
  }
  const [object, other] = leftKind === "object" ? [left, right] : rightKind === "object" ? [right, left] : [];
  if (!object || !other) return undefined;
  const otherKind = object === left ? rightKind : leftKind;
  // `github.event.pull_request != null` asks whether the payload has one: a question, not a mistake
  if (otherKind === "null") return undefined;
  return {
    message: `${describe(object, "object")} is an object${object.kind === "reference" && isObjectReference(object.reference) ? "" : " or list"}, and an object is never equal to ${describe(other, otherKind)}, so this ${operator} is always ${operator === "!=" ? "true" : "false"}`,
    hint: object.kind === "reference" ? hintFor(object.reference) : "compare a string property of the object",
  };
}

// Ordering means something between numbers and between strings (GitHub turns a string into a number
// when the other side is one); a boolean, null, object or list orders as 1, 0 or NaN.
function orders(kind: Kind): boolean {
  return kind === "string" || kind === "number";
}

function describe(operand: Operand, kind: Kind): string {
  if (operand.kind === "reference") return formatReference(operand.reference);
  if (operand.kind === "call") return `${operand.name}()`;
  if (kind === "string") return `the string '${operand.text}'`;
  if (kind === "number") return `the number ${operand.text}`;
  return operand.text;
}

// An operand's kind when it has one kind only; undefined when unknown or when it may be of several.
function kindOf(operand: Operand, kindsOf: KindsOf): Kind | undefined {
  if (operand.kind === "literal") return operand.type;
  if (operand.kind === "call") return FUNCTION_KINDS.get(operand.name);
  const kinds = kindsOf(operand.reference);
  return kinds && kinds.length > 0 && kinds.every((kind) => kind === kinds[0]) ? kinds[0] : undefined;
}

function hintFor(reference: Reference): string {
  if (reference.root === "github" && reference.segments.length === 1) return "did you mean github.event_name?";
  if (reference.root === "needs" && reference.segments.length === 1) return `did you mean needs.${reference.segments[0]}.result?`;
  if (reference.root === "steps" && reference.segments.length === 1) return `did you mean steps.${reference.segments[0]}.outcome?`;
  return "compare one of its string properties, or use contains() for a list";
}

// The operand that ends at `end`: a literal, a reference, or a call's closing parenthesis.
function operandEndingAt(tokens: readonly Token[], end: number): Operand | undefined {
  const literal = literalAt(tokens, end, "before");
  if (literal) return literal;
  if (tokens[end]?.text === ")" && tokens[end]?.kind === "punct") {
    let depth = 0;
    for (let index = end; index >= 0; index--) {
      const text = tokens[index]!.kind === "punct" ? tokens[index]!.text : "";
      if (text === ")") depth++;
      else if (text === "(" && --depth === 0) {
        const name = tokens[index - 1];
        const before = tokens[index - 2];
        if (name?.kind !== "name" || (before?.kind === "punct" && [".", "!"].includes(before.text))) return undefined;
        return { kind: "call", name: name.text.toLowerCase() };
      }
    }
    return undefined;
  }
  const reference = referenceEndingAt(tokens, end);
  return reference && { kind: "reference", reference };
}

// The operand that starts at `start`: a literal, a reference, or a call.
function operandStartingAt(tokens: readonly Token[], start: number): Operand | undefined {
  const literal = literalAt(tokens, start, "after");
  if (literal) return literal;
  const name = tokens[start];
  if (name?.kind === "name" && tokens[start + 1]?.text === "(" && tokens[start + 1]?.kind === "punct") {
    let depth = 0;
    for (let index = start + 1; index < tokens.length; index++) {
      const text = tokens[index]!.kind === "punct" ? tokens[index]!.text : "";
      if (text === "(") depth++;
      else if (text === ")" && --depth === 0) return [".", "["].includes(tokens[index + 1]?.text ?? "") ? undefined : { kind: "call", name: name.text.toLowerCase() };
    }
    return undefined;
  }
  const reference = referenceStartingAt(tokens, start);
  return reference && { kind: "reference", reference };
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

// A literal standing alone as the operand next to an operator: a string, a number, true, false or null.
function literalAt(tokens: readonly Token[], index: number, side: "before" | "after"): Operand | undefined {
  const token = tokens[index];
  if (!token) return undefined;
  const type: Kind | undefined = token.kind === "string" ? "string" : token.kind === "number" ? "number" : token.kind !== "name" ? undefined : /^(true|false)$/i.test(token.text) ? "boolean" : /^null$/i.test(token.text) ? "null" : undefined;
  if (!type) return undefined;
  const neighbour = tokens[side === "before" ? index - 1 : index + 1];
  if (neighbour && neighbour.kind === "punct" && [".", "[", "!", "-"].includes(neighbour.text)) return undefined;
  return { kind: "literal", type, text: token.text };
}
