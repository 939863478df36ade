import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { isTruthy } from "./_expression-values.js";
import { type Token, findExpressions, tokenize } from "./_expressions.js";

export default defineRule({
  id: "if-constant",
  severity: "warning",
  summary: "An `if:` reads nothing: `true`, `false`, a literal string or a comparison of literals, so it decides the same way every run.",
  docs: {
    why: `A condition made only of literals (\`if: false\`, \`if: \${{ 'a' == 'b' }}\`, \`if: \${{ 'false' }}\`) is
decided when it is written: the job or step always runs (as if there were no \`if:\`) or never runs.
It is usually a left-over from debugging, a job switched off and forgotten, or a quoted string taken
for a boolean: \`'false'\` is a non-empty string, which GitHub takes as true.
See [expressions](https://docs.github.com/actions/reference/workflows-and-actions/expressions#literals)
and [\`jobs.<job_id>.if\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idif).`,
    invalid: `on: push
jobs:
  deploy:
    if: \${{ 'false' }}
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    valid: `on: push
jobs:
  deploy:
    if: github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    fix: "Write the condition you meant, reading a context (`github.ref == 'refs/heads/main'`) or an input; to switch a job off for a while, say so where it shows (`if: vars.DEPLOY_ENABLED == 'true'`), or delete the job. A condition that is always true is the same as none: drop it.",
  },
  job({ job, report }) {
    check(job.raw["if"], [...job.path, "if"], report);
  },
  step({ step, report }) {
    check(step.raw["if"], [...step.path, "if"], report);
  },
});

function check(condition: Json | undefined, path: WorkflowPath, report: (finding: Finding) => void): void {
  if (condition === undefined || condition === null) return;
  const text = typeof condition === "string" ? condition : typeof condition === "boolean" || typeof condition === "number" ? String(condition) : undefined;
  if (text === undefined) return;
  const body = conditionBody(text);
  if (body === undefined) return;
  const value = constantValue(body);
  if (value === undefined) return;
  const truthy = isTruthy(value);
  const stringNote = typeof value === "string" && value !== "" ? `, a non-empty string (${JSON.stringify(value)}), ` : " ";
  report({
    path,
    message: truthy
      ? `this if: reads no context${stringNote}and is always true: it runs exactly as if there were no if:`
      : `this if: reads no context${stringNote}and is always false: this never runs`,
    hint: truthy ? "write the condition you meant against a context, or drop the if:" : "write the condition you meant against a context (e.g. vars.ENABLED == 'true'), or delete what it switches off",
  });
}

// The expression of an `if:`: its text, or what is inside its one `${{ }}`. A value with text
// around the braces is if-always-true's.
function conditionBody(text: string): string | undefined {
  const embedded = findExpressions(text);
  if (embedded.length === 0) return text.includes("${{") ? undefined : text;
  const [only] = embedded;
  return embedded.length === 1 && only!.start === 0 && only!.end === text.length ? only!.body : undefined;
}

/**
 * The value of an expression made only of literals, operators and parentheses, as GitHub computes
 * it; undefined when it reads a context or calls a function (status functions included).
 */
export function constantValue(body: string): Json | undefined {
  const tokens = tokenize(body);
  if (tokens.length === 0) return undefined;
  const evaluator = new ConstantEvaluator(tokens);
  const value = evaluator.or();
  return evaluator.atEnd() ? value : undefined;
}

// Recursive descent in GitHub's precedence: `||` < `&&` < comparison < `!` < primary. Every method
// returns undefined as soon as something is not a literal.
// Operators: https://docs.github.com/actions/reference/workflows-and-actions/expressions#operators
class ConstantEvaluator {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  atEnd(): boolean {
    return this.index === this.tokens.length;
  }

  or(): Json | undefined {
    let left = this.and();
    while (this.peek() === "||") {
      this.index++;
      const right = this.and();
      if (left === undefined || right === undefined) return undefined;
      left = isTruthy(left) ? left : right;
    }
    return left;
  }

  and(): Json | undefined {
    let left = this.comparison();
    while (this.peek() === "&&") {
      this.index++;
      const right = this.comparison();
      if (left === undefined || right === undefined) return undefined;
      left = isTruthy(left) ? right : left;
    }
    return left;
  }

  comparison(): Json | undefined {
    let left = this.unary();
    for (let operator = this.peek(); operator === "==" || operator === "!=" || operator === "<" || operator === ">" || operator === "<=" || operator === ">="; operator = this.peek()) {
      this.index++;
      const right = this.unary();
      if (left === undefined || right === undefined) return undefined;
      left = compare(left, right, operator);
    }
    return left;
  }

  unary(): Json | undefined {
    if (this.peek() === "!") {
      this.index++;
      const value = this.unary();
      return value === undefined ? undefined : !isTruthy(value);
    }
    return this.primary();
  }

  primary(): Json | undefined {
    const token = this.tokens[this.index++];
    if (!token) return undefined;
    if (token.kind === "punct" && token.text === "(") {
      const value = this.or();
      if (this.peek() !== ")") return undefined;
      this.index++;
      return value;
    }
    if (token.kind === "string") return token.text;
    if (token.kind === "number") {
      const number = Number(token.text);
      return Number.isNaN(number) ? undefined : number;
    }
    if (token.kind === "name" && this.peek() !== "(" && this.peek() !== ".") {
      const name = token.text.toLowerCase();
      if (name === "true" || name === "false") return name === "true";
      if (name === "null") return null;
    }
    return undefined;
  }

  private peek(): string | undefined {
    const token = this.tokens[this.index];
    return token?.kind === "punct" ? token.text : undefined;
  }
}

// GitHub's loose comparison: strings without case; values of different types as numbers.
function compare(left: Json, right: Json, operator: string): boolean {
  let a: number | string;
  let b: number | string;
  if (typeof left === "string" && typeof right === "string") {
    a = left.toLowerCase();
    b = right.toLowerCase();
  } else {
    a = toNumber(left);
    b = toNumber(right);
    if (Number.isNaN(a) || Number.isNaN(b)) return operator === "!=";
  }
  switch (operator) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    default:
      return a >= b;
  }
}

function toNumber(value: Json): number {
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value.trim() === "" ? 0 : Number(value);
  return Number.NaN;
}
