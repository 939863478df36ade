import { EXPRESSION, PRECEDENCE, type TypedExpression, isRendered } from "./_expression.js";

/** What an operand may be: a typed expression, or a literal written into the expression. */
export type Operand<Value = unknown> = TypedExpression<string, Value> | (Value & (string | number | boolean | null));

/** The expression text of an operand, parenthesised when it binds looser than `precedence`. */
export function operandBody(operand: unknown, precedence: number = PRECEDENCE.primary): string {
  if (isRendered(operand)) {
    const { body, precedence: own } = operand[EXPRESSION];
    if (body === undefined) throw new TypeError("a string built with expr`…` is text, not an operand; use format() to build a string inside an expression");
    return own !== undefined && own < precedence ? `(${body})` : body;
  }
  return literal(operand);
}

// GitHub's literals: single-quoted strings with '' for a quote, numbers, true/false/null.
function literal(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${String(value)} has no literal in GitHub's expressions`);
    return String(value);
  }
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  throw new TypeError(`a ${typeof value} cannot be an operand of an expression`);
}
