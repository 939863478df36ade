// The values an expression can take, when every context it reads has a known set of values (a
// matrix axis, an input that is empty in this run). Enough to follow `a || 'b'`, `c && 'd'`,
// parentheses and literals; anything else (a function call, an unknown context) is unknown.
// Operators and truthiness: https://docs.github.com/actions/reference/workflows-and-actions/expressions#operators
import type { Json } from "../model/json.js";
import { COMPARISONS, type Reference, type Token, findExpressions, tokenize } from "./_expressions.js";

/** The values a context reference can take, or undefined when they are not known. */
export type ResolveReference = (reference: Reference) => readonly Json[] | undefined;

// More combinations than this are not worth following: the answer is "unknown".
const MAX_VALUES = 64;

/** The values an expression body can take, or undefined when one of them is not known. */
export function possibleValues(body: string, resolve: ResolveReference): Json[] | undefined {
  const parser = new Parser(tokenize(body), resolve);
  const values = parser.or();
  return parser.atEnd() ? values : undefined;
}

/**
 * The strings a value with `${{ }}` can become, or undefined when one is not known. A value that
 * is a single expression gives that expression's values as they are (a list stays a list).
 */
export function possibleTemplateValues(text: string, resolve: ResolveReference): Json[] | undefined {
  const expressions = findExpressions(text);
  if (expressions.length === 0) return [text];
  const [only] = expressions;
  if (expressions.length === 1 && only!.start === 0 && only!.end === text.length) return possibleValues(only!.body, resolve);
  let results = [""];
  let offset = 0;
  for (const expression of expressions) {
    const values = possibleValues(expression.body, resolve);
    const texts = values?.map(toText);
    if (!texts || texts.some((value) => value === undefined)) return undefined;
    const literal = text.slice(offset, expression.start);
    results = results.flatMap((prefix) => (texts as string[]).map((value) => prefix + literal + value));
    if (results.length > MAX_VALUES) return undefined;
    offset = expression.end;
  }
  return [...new Set(results.map((prefix) => prefix + text.slice(offset)))];
}

// How GitHub writes a value into a string; objects and lists are not followed.
function toText(value: Json): string | undefined {
  if (value === null) return "";
  if (typeof value === "object") return undefined;
  return String(value);
}

/** Whether GitHub takes a value as true in `&&`, `||`, `!` and `if:`. */
export function isTruthy(value: Json): boolean {
  return !(value === null || value === false || value === 0 || value === "" || (typeof value === "number" && Number.isNaN(value)));
}

// Recursive descent in GitHub's precedence: `||` < `&&` < comparison < `!` < primary.
// Every method returns undefined as soon as a value is unknown.
class Parser {
  private index = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly resolve: ResolveReference,
  ) {}

  atEnd(): boolean {
    return this.index === this.tokens.length;
  }

  or(): Json[] | undefined {
    let values = this.and();
    while (this.peek() === "||") {
      this.index++;
      const right = this.and();
      if (!values || !right) return undefined;
      // the left value when truthy, else the right one
      values = values.some((value) => !isTruthy(value)) ? [...values.filter(isTruthy), ...right] : values;
      values = unique(values);
    }
    return values;
  }

  and(): Json[] | undefined {
    let values = this.comparison();
    while (this.peek() === "&&") {
      this.index++;
      const right = this.comparison();
      if (!values || !right) return undefined;
      values = values.some(isTruthy) ? [...values.filter((value) => !isTruthy(value)), ...right] : values;
      values = unique(values);
    }
    return values;
  }

  comparison(): Json[] | undefined {
    const values = this.unary();
    if (!COMPARISONS.has(this.peek() ?? "")) return values;
    while (COMPARISONS.has(this.peek() ?? "")) {
      this.index++;
      this.unary();
    }
    // which way a comparison goes is not followed: both are possible
    return [true, false];
  }

  unary(): Json[] | undefined {
    if (this.peek() === "!") {
      this.index++;
      const values = this.unary();
      return values && unique(values.map((value) => !isTruthy(value)));
    }
    return this.primary();
  }

  primary(): Json[] | undefined {
    const token = this.tokens[this.index];
    if (!token) return undefined;
    this.index++;
    if (token.text === "(" && token.kind === "punct") {
      const values = this.or();
      if (this.peek() !== ")") return undefined;
      this.index++;
      return values;
    }
    if (token.kind === "string") return [token.text];
    if (token.kind === "number") {
      const number = Number(token.text);
      return Number.isNaN(number) ? undefined : [number];
    }
    if (token.kind !== "name") return undefined;
    const name = token.text.toLowerCase();
    if (name === "true" || name === "false") return [name === "true"];
    if (name === "null") return [null];
    if (this.peek() === "(") {
      this.skipArguments();
      return undefined;
    }
    const segments: (string | null)[] = [];
    for (;;) {
      const next = this.tokens[this.index];
      const after = this.tokens[this.index + 1];
      if (next?.text === "." && after && (after.kind === "name" || after.text === "*")) {
        segments.push(after.text.toLowerCase());
        this.index += 2;
      } else if (next?.text === "[" && after?.kind === "string" && this.tokens[this.index + 2]?.text === "]") {
        segments.push(after.text.toLowerCase());
        this.index += 3;
      } else if (next?.text === "[") {
        return undefined;
      } else break;
    }
    const values = this.resolve({ root: name, segments });
    return values && [...values];
  }

  // Moves past a call's parenthesised arguments, so parsing can go on and fail cleanly.
  private skipArguments(): void {
    let depth = 0;
    while (this.index < this.tokens.length) {
      const text = this.tokens[this.index]!.text;
      this.index++;
      if (text === "(") depth++;
      else if (text === ")" && --depth === 0) return;
    }
  }

  private peek(): string | undefined {
    const token = this.tokens[this.index];
    return token?.kind === "punct" ? token.text : undefined;
  }
}

function unique(values: Json[]): Json[] | undefined {
  const seen = new Set<string>();
  const result = values.filter((value) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return result.length > MAX_VALUES ? undefined : result;
}
