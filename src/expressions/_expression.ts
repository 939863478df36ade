// The value a typed expression is at run time, and the phantom types that let the compiler check
// where it is used. Internal: the public surface is re-exported by ./index.ts.

/** Marks a typed expression; registered so a second copy of trunkline (the CLI bundle) recognises it. */
export const EXPRESSION = Symbol.for("trunkline.expression");

// Phantom keys: never set at run time, they only carry types.
declare const USES: unique symbol;
declare const VALUE: unique symbol;

/**
 * Something written as `${{ … }}` text into the YAML: a typed expression, or a string with typed
 * expressions in it (see {@link expr}). `Uses` names the contexts and status functions it reads, so a
 * key whose GitHub definition forbids one of them rejects it.
 */
export interface Rendered<Uses extends string = string, Value = unknown> {
  /** The text written to the YAML, e.g. `${{ matrix.os }}` or `echo ${{ inputs.tag }}`. */
  readonly [EXPRESSION]: { readonly text: string; readonly body?: string; readonly precedence?: number };
  readonly [USES]?: Uses;
  readonly [VALUE]?: Value;
}

/** A whole `${{ … }}` expression whose value has type `Value`: usable as an operand of other expressions. */
export interface TypedExpression<Uses extends string = string, Value = unknown> extends Rendered<Uses, Value> {
  readonly [EXPRESSION]: { readonly text: string; readonly body: string; readonly precedence: number };
}

/** The contexts and status functions a rendered value reads. */
export type UsesOf<T> = T extends Rendered<infer Uses> ? Uses : never;

/** The value type of a typed expression, or of a literal operand. */
export type ValueOf<T> = T extends TypedExpression<string, infer Value> ? Value : T;

// How tightly an expression binds, to parenthesise only where GitHub's grammar needs it.
export const PRECEDENCE = { or: 0, and: 1, equality: 2, comparison: 3, not: 4, primary: 5 } as const;

/** Wraps an expression body. */
export function typedExpression<Uses extends string, Value>(body: string, precedence: number = PRECEDENCE.primary): TypedExpression<Uses, Value> {
  return Object.freeze({ [EXPRESSION]: { text: `\${{ ${body} }}`, body, precedence }, toString: renderedText, toJSON: renderedText }) as TypedExpression<Uses, Value>;
}

/** A string built from literal text and typed expressions. */
export function renderedString<Uses extends string>(text: string): Rendered<Uses, string> {
  return Object.freeze({ [EXPRESSION]: { text }, toString: renderedText, toJSON: renderedText }) as Rendered<Uses, string>;
}

function renderedText(this: Rendered): string {
  return this[EXPRESSION].text;
}

/** Whether `value` is a typed expression or a string built with {@link expr}. */
export function isRendered(value: unknown): value is Rendered {
  return (typeof value === "object" || typeof value === "function") && value !== null && EXPRESSION in value;
}

/** The YAML text of a rendered value. */
export function renderedTextOf(value: Rendered): string {
  return value[EXPRESSION].text;
}
