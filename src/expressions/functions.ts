import { PRECEDENCE, type TypedExpression, type UsesOf, typedExpression } from "./_expression.js";
import { type Operand, operandBody } from "./_literal.js";

// GitHub's functions and operators, with their arities; each result is a typed expression whose
// `Uses` gathers its operands' contexts (and the status function, which only some keys allow).
// https://docs.github.com/actions/learn-github-actions/expressions

type UsesOfAll<T extends readonly unknown[]> = UsesOf<T[number]>;
type Primitive = string | number | boolean | null;

function call<Uses extends string, Value>(name: string, args: readonly unknown[]): TypedExpression<Uses, Value> {
  return typedExpression(`${name}(${args.map((arg) => operandBody(arg, PRECEDENCE.or)).join(", ")})`);
}

/** `always()`: true even when an earlier job or step failed or the run was cancelled. */
export function always(): TypedExpression<"always", boolean> {
  return call("always", []);
}
/** `success()`: true when nothing before failed or was cancelled. */
export function success(): TypedExpression<"success", boolean> {
  return call("success", []);
}
/** `failure()`: true when something before failed. */
export function failure(): TypedExpression<"failure", boolean> {
  return call("failure", []);
}
/** `cancelled()`: true when the run was cancelled. */
export function cancelled(): TypedExpression<"cancelled", boolean> {
  return call("cancelled", []);
}
/** `hashFiles(…patterns)`: one hash of the files matching the patterns (steps only). */
export function hashFiles<const P extends readonly [Operand<string>, ...Operand<string>[]]>(...patterns: P): TypedExpression<"hashFiles" | UsesOfAll<P>, string> {
  return call("hashFiles", patterns);
}
/** `contains(search, item)`: whether a string contains a substring, or a list an item. */
export function contains<A extends Operand, B extends Operand<Primitive>>(search: A, item: B): TypedExpression<UsesOf<A> | UsesOf<B>, boolean> {
  return call("contains", [search, item]);
}
/** `startsWith(text, prefix)`, case-insensitive. */
export function startsWith<A extends Operand<Primitive>, B extends Operand<Primitive>>(text: A, prefix: B): TypedExpression<UsesOf<A> | UsesOf<B>, boolean> {
  return call("startsWith", [text, prefix]);
}
/** `endsWith(text, suffix)`, case-insensitive. */
export function endsWith<A extends Operand<Primitive>, B extends Operand<Primitive>>(text: A, suffix: B): TypedExpression<UsesOf<A> | UsesOf<B>, boolean> {
  return call("endsWith", [text, suffix]);
}
/** `format('{0} and {1}', …)`: a string with the values put in. */
export function format<const A extends readonly Operand[]>(template: string, ...values: A): TypedExpression<UsesOfAll<A>, string> {
  return call("format", [template, ...values]);
}
/** `join(list, separator?)`. */
export function join<A extends Operand, S extends Operand<string> = never>(list: A, separator?: S): TypedExpression<UsesOf<A> | UsesOf<S>, string> {
  return call("join", separator === undefined ? [list] : [list, separator]);
}
/** `toJSON(value)`: pretty-printed JSON. */
export function toJSON<A extends Operand>(value: A): TypedExpression<UsesOf<A>, string> {
  return call("toJSON", [value]);
}
/** `fromJSON(text)`: the value a JSON string holds (typed `unknown`: say what you expect with a cast). */
export function fromJSON<A extends Operand<string>>(text: A): TypedExpression<UsesOf<A>, unknown> {
  return call("fromJSON", [text]);
}

/** `a == b` (GitHub compares strings case-insensitively). Objects and lists are not comparable. */
export function eq<A extends Operand<Primitive>, B extends Operand<Primitive>>(a: A, b: B): TypedExpression<UsesOf<A> | UsesOf<B>, boolean> {
  return typedExpression(`${operandBody(a, PRECEDENCE.comparison)} == ${operandBody(b, PRECEDENCE.comparison)}`, PRECEDENCE.equality);
}
/** `a != b`. */
export function ne<A extends Operand<Primitive>, B extends Operand<Primitive>>(a: A, b: B): TypedExpression<UsesOf<A> | UsesOf<B>, boolean> {
  return typedExpression(`${operandBody(a, PRECEDENCE.comparison)} != ${operandBody(b, PRECEDENCE.comparison)}`, PRECEDENCE.equality);
}
/** `!a`. */
export function not<A extends Operand>(a: A): TypedExpression<UsesOf<A>, boolean> {
  return typedExpression(`!${operandBody(a, PRECEDENCE.not)}`, PRECEDENCE.not);
}
/** `a && b && …`. */
export function and<const A extends readonly [Operand, Operand, ...Operand[]]>(...operands: A): TypedExpression<UsesOfAll<A>, boolean> {
  return typedExpression(operands.map((operand) => operandBody(operand, PRECEDENCE.and + 0.5)).join(" && "), PRECEDENCE.and);
}
/** `a || b || …`. */
export function or<const A extends readonly [Operand, Operand, ...Operand[]]>(...operands: A): TypedExpression<UsesOfAll<A>, boolean> {
  return typedExpression(operands.map((operand) => operandBody(operand, PRECEDENCE.or + 0.5)).join(" || "), PRECEDENCE.or);
}
