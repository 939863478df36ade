import { textMemo } from "./_text-memo.js";
// What rules need from GitHub expressions: where `${{ }}` sits in a string, which contexts an
// expression reads (`needs.build.outputs.version`) and which functions it calls. A small scanner,
// not a full parser: GitHub's parser has already judged the syntax, and rules run on every file.
// Syntax: https://docs.github.com/actions/reference/workflows-and-actions/expressions

/** One `${{ … }}` in a string: the text between the braces and where it sits. */
export interface EmbeddedExpression {
  /** The expression without `${{` and `}}`. */
  body: string;
  /** Offset of `${{` in the string. */
  start: number;
  /** Offset just after `}}`. */
  end: number;
}

/**
 * A context read, segment by segment, lowercased (property names are case-insensitive):
 * `needs.Build.outputs['v']` → root "needs", segments ["build", "outputs", "v"]. `*` is an object
 * filter or a literal list index (`commits[0]`); `null` an index computed at run time.
 */
export interface Reference {
  root: string;
  segments: readonly (string | null)[];
}

/** What one expression reads and calls. */
export interface ExpressionFacts {
  references: readonly Reference[];
  /**
   * The references whose text may end up in the expression's value: not one compared (`x == 'a'`),
   * negated (`!x`) or passed to a function that answers true or false (`contains(x, 'a')`).
   */
  flowing: readonly Reference[];
  /** Function names called, lowercased: `always`, `tojson`, … */
  functions: ReadonlySet<string>;
}

const OPEN = "${{";

/**
 * Finds every `${{ … }}` in `text` the way GitHub's template reader does: `}}` inside a
 * single-quoted string does not close the expression. An unclosed `${{` yields nothing more.
 */
export function findExpressions(text: string): EmbeddedExpression[] {
  const found: EmbeddedExpression[] = [];
  let start = text.indexOf(OPEN);
  while (start >= 0) {
    let inString = false;
    let end = -1;
    for (let i = start + OPEN.length; i < text.length; i++) {
      const char = text[i];
      // '' inside a string toggles twice, which keeps the state right for escaped quotes
      if (char === "'") inString = !inString;
      else if (!inString && char === "}" && text[i - 1] === "}" && i - 1 >= start + OPEN.length) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) break;
    found.push({ body: text.slice(start + OPEN.length, end - 2), start, end });
    start = text.indexOf(OPEN, end);
  }
  return found;
}

/** One token of an expression: a name, a string literal (unquoted), a number or punctuation. */
export type Token = { kind: "name" | "string" | "number" | "punct"; text: string };

// Expressions repeat across jobs and files (`github.ref`, `matrix.os`): scan each text once.
const factsCache = textMemo<ExpressionFacts>(20_000);

/** The contexts an expression reads and the functions it calls. */
export function expressionFacts(body: string): ExpressionFacts {
  return factsCache(body, () => scan(tokenize(body)));
}

const LITERAL_NAMES = new Set(["true", "false", "null", "nan", "infinity"]);

/**
 * GitHub's functions whose value is always of one kind, by lowercased name:
 * https://docs.github.com/actions/reference/workflows-and-actions/expressions#functions
 */
export const FUNCTION_KINDS: ReadonlyMap<string, "boolean" | "string"> = new Map([
  ...["contains", "startswith", "endswith", "success", "always", "failure", "cancelled"].map((name) => [name, "boolean"] as const),
  ...["format", "join", "tojson", "hashfiles"].map((name) => [name, "string"] as const),
]);

// Functions whose value carries none of their arguments' text: those answering true or false, and hashFiles.
function isOpaque(name: string): boolean {
  return FUNCTION_KINDS.get(name) === "boolean" || name === "hashfiles";
}
/** The comparison operators, which give true or false whatever they compare. */
export const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

function scan(tokens: readonly Token[]): ExpressionFacts {
  const references: Reference[] = [];
  const flowing: Reference[] = [];
  const functions = new Set<string>();
  // the parenthesis depth of each open call of an opaque function: references inside do not flow
  const opaqueDepths: number[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "punct") {
      if (token.text === "(") depth++;
      else if (token.text === ")") {
        if (opaqueDepths.at(-1) === depth) opaqueDepths.pop();
        depth--;
      }
      continue;
    }
    if (token.kind !== "name" || tokens[i - 1]?.text === ".") continue;
    const name = token.text.toLowerCase();
    if (tokens[i + 1]?.text === "(") {
      functions.add(name);
      if (isOpaque(name)) opaqueDepths.push(depth + 1);
      continue;
    }
    if (LITERAL_NAMES.has(name)) continue;
    const segments: (string | null)[] = [];
    let j = i + 1;
    for (;;) {
      const next = tokens[j];
      const after = tokens[j + 1];
      if (next?.text === "." && after && (after.kind === "name" || after.text === "*")) {
        segments.push(after.text.toLowerCase());
        j += 2;
      } else if (next?.text === "[" && after?.kind === "string" && tokens[j + 2]?.text === "]") {
        segments.push(after.text.toLowerCase());
        j += 3;
      } else if (next?.text === "[" && (after?.text === "*" || after?.kind === "number") && tokens[j + 2]?.text === "]") {
        // `commits[0]` reads one item of a list: for what it reads, that is any item, as `commits.*`
        segments.push("*");
        j += 3;
      } else if (next?.text === "[") {
        // a computed index: what follows is read at run time; names inside the brackets are
        // scanned as references of their own by the outer loop
        segments.push(null);
        break;
      } else break;
    }
    const reference = { root: name, segments };
    references.push(reference);
    const before = tokens[i - 1];
    const after = tokens[j];
    const answered = (before?.kind === "punct" && (before.text === "!" || COMPARISONS.has(before.text))) || (after?.kind === "punct" && COMPARISONS.has(after.text));
    if (opaqueDepths.length === 0 && !answered) flowing.push(reference);
  }
  return { references, flowing, functions };
}

/**
 * Whether the token at `index` calls a function (`name(`, not a property's `.name(`), and one named
 * `name` when given (function names are compared without case, as GitHub does).
 */
export function isCallAt(tokens: readonly Token[], index: number, name?: string): boolean {
  const token = tokens[index];
  return token?.kind === "name" && tokens[index + 1]?.text === "(" && tokens[index - 1]?.text !== "." && (name === undefined || token.text.toLowerCase() === name);
}

/** The tokens of each argument of the call whose first argument starts at `first` (just after its `(`). */
export function callArguments(tokens: readonly Token[], first: number): Token[][] {
  const found: Token[][] = [[]];
  let depth = 0;
  for (let j = first; j < tokens.length; j++) {
    const token = tokens[j]!;
    const text = token.kind === "punct" ? token.text : "";
    if (text === "(" || text === "[") depth++;
    else if (text === ")" || text === "]") {
      if (depth === 0) return found;
      depth--;
    } else if (text === "," && depth === 0) {
      found.push([]);
      continue;
    }
    found[found.length - 1]!.push(token);
  }
  return found;
}

/** The tokens of an expression body; `==`, `!=`, `<=`, `>=`, `&&` and `||` are one token each. */
export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    const char = body[i]!;
    if (char === " " || char === "\t" || char === "\n" || char === "\r") {
      i++;
    } else if (char === "'") {
      let text = "";
      i++;
      while (i < body.length) {
        if (body[i] === "'") {
          if (body[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += body[i];
        i++;
      }
      tokens.push({ kind: "string", text });
    } else if (isNameStart(char)) {
      let end = i + 1;
      while (end < body.length && isNamePart(body[end]!)) end++;
      tokens.push({ kind: "name", text: body.slice(i, end) });
      i = end;
    } else if (char >= "0" && char <= "9") {
      let end = i + 1;
      // numbers: 12, 1.5, 0x1F, 1e3; a following ".name" cannot occur after a number
      while (end < body.length && /[0-9a-fA-FxXoO.eE+_]/.test(body[end]!)) end++;
      tokens.push({ kind: "number", text: body.slice(i, end) });
      i = end;
    } else {
      const two = body.slice(i, i + 2);
      const text = two === "==" || two === "!=" || two === "<=" || two === ">=" || two === "&&" || two === "||" ? two : char;
      tokens.push({ kind: "punct", text });
      i += text.length;
    }
  }
  return tokens;
}

function isNameStart(char: string): boolean {
  return (char >= "a" && char <= "z") || (char >= "A" && char <= "Z") || char === "_";
}

function isNamePart(char: string): boolean {
  return isNameStart(char) || (char >= "0" && char <= "9") || char === "-";
}

/** `needs.build.outputs.version`, for messages. */
export function formatReference(reference: Reference): string {
  return [reference.root, ...reference.segments.map((segment) => segment ?? "[…]")].join(".");
}
