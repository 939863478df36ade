import { PRECEDENCE, type TypedExpression, typedExpression } from "./_expression.js";

/**
 * A context, or a property inside one, typed by `Shape`: it is itself an expression
 * (`matrix.os` → `${{ matrix.os }}`), and its properties are the properties of `Shape`, so a
 * misspelt one is a type error and the editor completes the right ones.
 */
export type Context<Uses extends string, Shape> = TypedExpression<Uses, Shape> & ContextProperties<Uses, Shape>;

// Lists and primitives have no properties to read; objects and records do.
type ContextProperties<Uses extends string, Shape> = [Shape] extends [readonly unknown[]]
  ? unknown
  : [Shape] extends [object]
    ? { readonly [K in keyof Shape]-?: Context<Uses, NonNullable<Shape[K]>> }
    : unknown;

// Names GitHub's lexer reads as something else, so a property with one of them is written as ['name'].
const RESERVED = new Set(["true", "false", "null", "NaN", "Infinity"]);
// The members of an expression value itself, which are never a property read.
const OWN = new Set<PropertyKey>(["toString", "toJSON", "valueOf", "then", "constructor", "inspect"]);

/** The expression for `context`, whose properties read further into it. */
export function contextOf<Uses extends string, Shape>(body: string): Context<Uses, Shape> {
  const expression = typedExpression<Uses, Shape>(body, PRECEDENCE.primary);
  return new Proxy(expression, {
    get(target, key, receiver) {
      if (typeof key === "symbol" || OWN.has(key)) return Reflect.get(target, key, receiver);
      return contextOf(`${body}${propertyAccess(key)}`);
    },
    has(target, key) {
      return Reflect.has(target, key);
    },
  }) as Context<Uses, Shape>;
}

/** `.name` when GitHub's grammar reads it as a property name, `['name']` otherwise. */
export function propertyAccess(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !RESERVED.has(name) ? `.${name}` : `['${name.replaceAll("'", "''")}']`;
}
