import { type Expression, unwrap } from "../blocks/expressions.js";
import { type Rendered, type UsesOf, isRendered, renderedString, renderedTextOf } from "./_expression.js";

type UsesOfAll<T extends readonly unknown[]> = UsesOf<T[number]>;

/**
 * Writes `${{ }}` text. As a tag, a string with typed expressions in it, accepted only where every
 * context it reads is allowed: expr`npm publish --tag ${inputs.tag}` → `npm publish --tag ${{ inputs.tag }}`.
 * Called with a string, wraps an expression body as it is (unchecked): expr("github.ref") → `${{ github.ref }}`.
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
 */
// NOTE: a part must have a string, number, boolean or null value: an object or a list would be
// written as "Object" or "Array" text (`${{ github.event }}`); use toJSON() to write one out.
export function expr<const Parts extends readonly (Rendered<string, string | number | boolean | null> | string | number | boolean)[]>(strings: TemplateStringsArray, ...parts: Parts): Rendered<UsesOfAll<Parts>, string>;
export function expr(body: string): Expression;
export function expr(strings: TemplateStringsArray | string, ...parts: readonly unknown[]): Rendered | Expression {
  if (typeof strings === "string") return `\${{ ${unwrap(strings)} }}`;
  let text = strings[0] ?? "";
  parts.forEach((part, index) => {
    text += (isRendered(part) ? renderedTextOf(part) : String(part)) + (strings[index + 1] ?? "");
  });
  return renderedString(text);
}
