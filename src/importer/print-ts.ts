/**
 * A small tree of TypeScript expressions, enough for workflow sources: literals, object and array
 * literals with comments, calls and casts. The printer lays it out the way a person would: short
 * things on one line, long or commented ones one entry per line.
 */
export type Code =
  | { kind: "text"; text: string }
  | { kind: "object"; entries: CodeEntry[]; end: string[]; multiline?: boolean }
  | { kind: "array"; items: CodeItem[]; end: string[] }
  | { kind: "call"; callee: string; args: Code[] }
  | { kind: "cast"; value: Code }
  | { kind: "arrow"; params: string; body: Code }
  /** `head.method(link).method(link)…`, one link a line when it does not fit on one. */
  | { kind: "chain"; head: string; method: string; links: CodeItem[] };

/** One `key: value` of an object literal; `shorthand` prints `{ test }` for `{ test: test }`. */
export interface CodeEntry {
  key: string;
  value: Code;
  shorthand?: boolean;
  /** Full-line comments above the entry (text after `//`). */
  before: string[];
  /** A comment at the end of the entry's first line. */
  trailing?: string;
}

/** One element of an array literal. */
export interface CodeItem {
  value: Code;
  before: string[];
  trailing?: string;
}

// Lines longer than this are broken up (template literals excepted: their lines are the text's).
const LINE_WIDTH = 100;
const INDENT = "  ";

/** Prints `code` starting at `column` of a line whose indentation is `indent`. */
export function printCode(code: Code, indent = "", column = indent.length): string {
  const flat = printFlat(code);
  if (flat !== undefined && column + flat.length <= LINE_WIDTH) return flat;
  switch (code.kind) {
    case "text":
      return code.text;
    case "cast":
      return `${printCode(code.value, indent, column)} as never`;
    case "arrow": {
      const [open, close] = arrowParens(code);
      const head = `${code.params} => ${open}`;
      return `${head}${printCode(code.body, indent, column + head.length)}${close}`;
    }
    case "chain": {
      const inner = indent + INDENT;
      const lines = code.links.map((link) => {
        const head = `.${code.method}(`;
        const value = printCode(link.value, inner, inner.length + head.length);
        return commented(inner, link.before, `${head}${value})`, link.trailing, /[{[]$/.test(value.split("\n", 1)[0]!));
      });
      return [code.head, ...lines].join("\n");
    }
    case "call": {
      const head = `${code.callee}(`;
      const args = code.args.map((arg, index) => printCode(arg, indent, index === 0 ? column + head.length : indent.length));
      return `${head}${args.join(", ")})`;
    }
    case "object": {
      const inner = indent + INDENT;
      const lines = code.entries.map((entry) => {
        const prefix = entry.shorthand ? "" : `${entry.key}: `;
        const value = entry.shorthand ? entry.key : printCode(entry.value, inner, inner.length + prefix.length);
        return commented(inner, entry.before, `${prefix}${value},`, entry.trailing, canTrail(entry.value, value));
      });
      return `{\n${[...lines, ...commentLines(inner, code.end)].join("\n")}\n${indent}}`;
    }
    case "array": {
      const inner = indent + INDENT;
      const lines = code.items.map((item) => {
        const value = printCode(item.value, inner, inner.length);
        return commented(inner, item.before, `${value},`, item.trailing, canTrail(item.value, value));
      });
      return `[\n${[...lines, ...commentLines(inner, code.end)].join("\n")}\n${indent}]`;
    }
  }
}

// Each node's one-line form is asked for at every level above it; computing it once keeps
// printing linear in the depth of the workflow.
const flatForms = new WeakMap<Code, string | undefined>();

// The one-line form, or undefined when the code holds comments or a multi-line literal.
function printFlat(code: Code): string | undefined {
  if (flatForms.has(code)) return flatForms.get(code);
  const flat = computeFlat(code);
  flatForms.set(code, flat);
  return flat;
}

function computeFlat(code: Code): string | undefined {
  switch (code.kind) {
    case "text":
      return code.text.includes("\n") ? undefined : code.text;
    case "cast": {
      const value = printFlat(code.value);
      return value === undefined ? undefined : `${value} as never`;
    }
    case "arrow": {
      const body = printFlat(code.body);
      const [open, close] = arrowParens(code);
      return body === undefined ? undefined : `${code.params} => ${open}${body}${close}`;
    }
    case "chain": {
      if (code.links.some((link) => link.before.length || link.trailing !== undefined)) return undefined;
      const links = code.links.map((link) => printFlat(link.value));
      return links.every((link) => link !== undefined) ? `${code.head}${links.map((link) => `.${code.method}(${link})`).join("")}` : undefined;
    }
    case "call": {
      const args = code.args.map(printFlat);
      return args.every((arg) => arg !== undefined) ? `${code.callee}(${args.join(", ")})` : undefined;
    }
    case "object": {
      if (code.multiline || code.end.length || code.entries.some((entry) => entry.before.length || entry.trailing !== undefined)) return undefined;
      if (code.entries.length === 0) return "{}";
      const entries = code.entries.map((entry) => (entry.shorthand ? entry.key : withFlat(entry.value, (value) => `${entry.key}: ${value}`)));
      return entries.every((entry) => entry !== undefined) ? `{ ${entries.join(", ")} }` : undefined;
    }
    case "array": {
      if (code.end.length || code.items.some((item) => item.before.length || item.trailing !== undefined)) return undefined;
      const items = code.items.map((item) => printFlat(item.value));
      return items.every((item) => item !== undefined) ? `[${items.join(", ")}]` : undefined;
    }
  }
}

// An arrow returning an object literal needs parentheses, or its braces would open a block.
function arrowParens(code: { body: Code }): [string, string] {
  return code.body.kind === "object" ? ["(", ")"] : ["", ""];
}

function withFlat(code: Code, then: (flat: string) => string): string | undefined {
  const flat = printFlat(code);
  return flat === undefined ? undefined : then(flat);
}

/** Comment lines at an indentation; an empty YAML comment stays an empty `//`. */
export function commentLines(indent: string, comments: readonly string[]): string[] {
  return comments.map((comment) => `${indent}//${comment}`);
}

// A trailing comment goes after the first line of a value, unless that line is inside a template
// literal (it would become part of the string): then it moves above the entry.
function commented(indent: string, before: readonly string[], line: string, trailing: string | undefined, trailsFirstLine: boolean): string {
  const above = [...before];
  let text = line;
  if (trailing !== undefined) {
    const firstBreak = text.indexOf("\n");
    if (firstBreak < 0) text = `${text} //${trailing}`;
    else if (trailsFirstLine) text = `${text.slice(0, firstBreak)} //${trailing}${text.slice(firstBreak)}`;
    else above.push(trailing);
  }
  return [...commentLines(indent, above), `${indent}${text}`].join("\n");
}

// A value printed over several lines starts with `{`, `[` or `call(` only when it is a collection.
function canTrail(code: Code, printed: string): boolean {
  if (!printed.includes("\n")) return true;
  const inner = code.kind === "cast" ? code.value : code;
  return inner.kind === "object" || inner.kind === "array" || inner.kind === "chain" || (inner.kind === "call" && /^[\w.]+\(\s*[{[]$/.test(printed.slice(0, printed.indexOf("\n"))));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key as TypeScript wants it: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  // NOTE: a literal `__proto__` key sets the prototype instead of adding a property
  if (key === "__proto__") return '["__proto__"]';
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

/**
 * A string literal that reads like the original: one-line text in double quotes; a multi-line
 * script as a template literal (String.raw when it has backslashes and nothing to escape, so shell
 * line continuations stay as written).
 */
export function stringLiteral(text: string): string {
  const isMultiLine = text.replace(/\n$/, "").includes("\n");
  // carriage returns and other control characters are invisible in a template literal
  if (!isMultiLine || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(text)) return JSON.stringify(text);
  if (text.includes("\\") && !text.includes("`") && !text.includes("${") && !text.endsWith("\\")) return `String.raw\`${text}\``;
  return `\`${text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${")}\``;
}

/** A number literal that evaluates to exactly `value` (`-0`, `Infinity` and `NaN` included). */
export function numberLiteral(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

// Reserved words, and names a source file already uses, cannot name a job's constant.
const TAKEN_NAMES = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends",
  "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
  "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface", "package", "private",
  "protected", "public", "await", "arguments", "eval", "undefined", "NaN", "Infinity", "async", "of", "type",
  "job", "step", "workflow", "expr", "github", "runner", "inputs", "on", "needs", "matrix", "defineTriggers", "inputsOf",
  "jobSteps", "steps", "strategy", "jobContext", "always", "success", "failure", "cancelled", "hashFiles", "contains", "startsWith", "endsWith",
  "format", "join", "toJSON", "fromJSON", "eq", "ne", "not", "and", "or", "String", "Object", "Array", "Number", "Boolean", "JSON", "Math", "Symbol", "Promise", "Error", "globalThis",
]);

/**
 * A constant name for a job id: the id itself when it is a usable identifier, else a camelCase
 * form of it (`build-and-test` → `buildAndTest`), made unique among `used`.
 */
export function constantName(id: string, used: Set<string>): string {
  let name = IDENTIFIER.test(id) ? id : id.replace(/[^A-Za-z0-9_$]+(.)?/g, (_, next: string | undefined) => (next ? next.toUpperCase() : ""));
  if (name === "" || /^[0-9]/.test(name)) name = `job${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  if (TAKEN_NAMES.has(name)) name = `${name}Job`;
  let unique = name;
  for (let counter = 2; used.has(unique); counter++) unique = `${name}${counter}`;
  used.add(unique);
  return unique;
}
