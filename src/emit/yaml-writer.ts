// Writes a normalized workflow as YAML text directly, without building a YAML document tree first.
//
// The bytes are exactly those trunkline has always emitted (the `yaml` package's output for the same
// value, with block sequences indented by two, no folding, single quotes preferred, literal blocks for
// multi-line text and the styles chosen in `valueStyle`/`keyStyle` below), so a switch of emitter
// changes no generated file. test/emit/yaml-writer.test.ts compares the two on every workflow the
// project generates and on random values. Building and then walking a document tree cost about a
// third of a cold `gen`; this does one pass over the value.
//
// The value is a tree, as normalize builds it: an object reached twice is written out twice (the
// yaml package wrote an anchor and an alias instead; no model ever shares an object).
import type { Json, JsonObject } from "../model/json.js";
import { isRetypedAsPlain } from "./needs-quotes.js";

/** What the writer needs besides the value. */
export interface YamlWriteOptions {
  /** The comment to write after a `uses:` string value (without the `#`), or undefined for none. */
  usesComment?: (uses: string) => string | undefined;
}

/** A workflow (or action) as YAML text: block style, keys in the value's order, ending in one newline. */
export function writeYaml(root: JsonObject, options: YamlWriteOptions = {}): string {
  return `${new YamlWriter(options.usesComment).root(root)}\n`;
}

const STEP = "  ";

// How a string is written. `plain` is the default: plain when it reads back as the same string.
type Style = "plain" | "single" | "double" | "literal";

// Control characters and lone surrogates can only be written as escapes, in double quotes. The
// first pattern, without Unicode mode, is the quick one: it also takes surrogates that are paired.
const MAY_NEED_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]/;
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|\p{Cs}/u;
// Text that cannot be a plain scalar: starts with an indicator, is a lone `-`/`?`, holds `: `
// or ` #`, or ends with a blank or a colon.
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// At the start of a line, these would read as a directive or a document marker.
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;
// A blank next to a line break would be lost in single quotes.
const BLANK_AT_BREAK = /[ \t]\n|\n[ \t]/;
// Whitespace a literal block cannot carry exactly: leading or trailing blanks, blank-only lines, tabs, CR.
const NOT_BLOCK_SAFE = /[\r\t]|[ ]\n|^\s|\s$/;

class YamlWriter {
  // Whether the text just written ends in a keep-chomped block (`|+`), whose trailing line breaks
  // already separate it from what follows: no blank line is added after it.
  private endsKept = false;
  // Whether the comment passed to the last scalar was written into its block header.
  private commentTaken = false;

  constructor(private readonly usesComment: YamlWriteOptions["usesComment"]) {}

  /** The top-level map: a blank line between its keys, and between the jobs. */
  root(value: JsonObject): string {
    return this.map(value, "", "root");
  }

  // A block map whose entries start at `indent`; "{}" when empty.
  private map(value: JsonObject, indent: string, place: "root" | "jobs" | "inner"): string {
    let text = "";
    let first = true;
    let kept = false;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue; // an absent value is no entry, as in JSON
      const entry = this.pair(key, item, indent, place === "root");
      if (first) text = entry;
      else text += (place !== "inner" && !kept ? "\n\n" : "\n") + indent + entry;
      kept = this.endsKept;
      first = false;
    }
    this.endsKept = kept;
    return first ? "{}" : text;
  }

  // A block sequence whose dashes start at `indent`; "[]" when empty.
  private sequence(value: readonly (Json | undefined)[], indent: string): string {
    if (value.length === 0) {
      this.endsKept = false;
      return "[]";
    }
    const itemIndent = indent + STEP;
    let text = "";
    for (let index = 0; index < value.length; index++) {
      const item = value[index] ?? null; // a hole reads as null, as in JSON
      const written = typeof item === "object" && item !== null ? this.collection(item, itemIndent, "inner") : this.scalar(item, itemIndent, undefined);
      text += index === 0 ? `- ${written}` : `\n${indent}- ${written}`;
    }
    return text;
  }

  private collection(value: Json[] | JsonObject, indent: string, place: "jobs" | "inner"): string {
    return Array.isArray(value) ? this.sequence(value, indent) : this.map(value, indent, place);
  }

  // `key: value`, where the entry starts at `indent`.
  private pair(key: string, value: Json, indent: string, atRoot: boolean): string {
    const valueIndent = indent + STEP;
    const keyText = this.key(key, valueIndent, atRoot);
    // A key longer than 1024 characters cannot be an implicit key.
    const explicit = keyText.length > 1024;
    const head = explicit ? `? ${keyText}\n${indent}:` : `${keyText}:`;
    if (typeof value === "object" && value !== null) {
      const body = this.collection(value, valueIndent, atRoot && key === "jobs" ? "jobs" : "inner");
      const flow = body === "[]" || body === "{}";
      return head + (explicit || flow ? " " : `\n${valueIndent}`) + body;
    }
    const comment = key === "uses" && typeof value === "string" ? this.usesComment?.(value) : undefined;
    const withComment = comment ? ` ${comment}` : undefined;
    let text = `${head} ${this.scalar(value, valueIndent, withComment)}`;
    if (withComment !== undefined && !this.commentTaken) {
      text += lineComment(text, valueIndent, commentLines(withComment));
      this.endsKept = false;
    }
    return text;
  }

  private key(key: string, indent: string, atRoot: boolean): string {
    this.endsKept = false;
    // `on` stays a plain key at the root: GitHub reads YAML 1.2, where it is a string.
    const style: Style = !(atRoot && key === "on") && isRetypedAsPlain(key) ? "single" : "plain";
    return this.string(key, style, indent, true, atRoot, undefined);
  }

  // A scalar value written at `indent`; `comment` goes into a block header when the text is a block.
  private scalar(value: Exclude<Json, object> | bigint, indent: string, comment: string | undefined): string {
    this.endsKept = false;
    this.commentTaken = false;
    if (typeof value === "string") return this.string(value, valueStyle(value), indent, false, false, comment);
    if (typeof value === "number") return numberText(value);
    if (typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return value ? "true" : "false";
    if (value === null) return "null";
    throw new Error(`cannot write a ${typeof value} as YAML`);
  }

  private string(text: string, style: Style, indent: string, isKey: boolean, atRoot: boolean, comment: string | undefined): string {
    if (style !== "double" && MAY_NEED_ESCAPES.test(text) && NEEDS_ESCAPES.test(text)) style = "double";
    switch (style) {
      case "double":
        return doubleQuoted(text);
      case "single":
        return singleQuoted(text, indent, isKey);
      case "literal":
        return isKey ? quoted(text, indent, isKey) : this.block(text, indent, comment);
      case "plain":
        return this.plain(text, indent, isKey, atRoot, comment);
    }
  }

  private plain(text: string, indent: string, isKey: boolean, atRoot: boolean, comment: string | undefined): string {
    const multiLine = text.includes("\n");
    if (isKey && multiLine) return quoted(text, indent, isKey);
    if (NOT_PLAIN.test(text)) return isKey || !multiLine ? quoted(text, indent, isKey) : this.block(text, indent, comment);
    if (!isKey && multiLine) return this.block(text, indent, comment);
    // A root key is written at the start of a line, where `---` or `...` would end the document.
    if (isKey && atRoot && DOCUMENT_MARKER.test(text)) return quoted(text, indent, isKey);
    // Plain text that would read back as a number, boolean or null never gets here: every style
    // passes through isRetypedAsPlain, which covers all the YAML 1.2 core schema retypes.
    return text;
  }

  // A literal block (`|`), its content at `indent`.
  private block(text: string, indent: string, comment: string | undefined): string {
    // A block cannot end in blanks after its last line break.
    if (/\n[\t ]+$/.test(text)) return quoted(text, indent, false);
    if (text === "") return "|\n";
    // Chomping: from the blanks and line breaks at the end.
    let endStart = text.length;
    while (endStart > 0 && "\n\t ".includes(text[endStart - 1]!)) endStart--;
    let end = text.slice(endStart);
    const endBreak = end.indexOf("\n");
    let chomp = "";
    if (endBreak === -1) chomp = "-";
    else if (text === end || endBreak !== end.length - 1) {
      chomp = "+";
      this.endsKept = true;
    }
    let body = text;
    if (end) {
      body = text.slice(0, -end.length);
      if (end.endsWith("\n")) end = end.slice(0, -1);
      end = end.replace(/(^|(?<!\n))\n+(?!\n|$)/g, `$&${indent}`);
    }
    // An indentation indicator when the content starts with a blank.
    let startsWithBlank = false;
    let lastLeadingBreak = -1;
    let startEnd = 0;
    for (; startEnd < body.length; startEnd++) {
      const char = body[startEnd];
      if (char === " ") startsWithBlank = true;
      else if (char === "\n") lastLeadingBreak = startEnd;
      else break;
    }
    let start = body.slice(0, lastLeadingBreak + 1);
    if (start) {
      body = body.slice(start.length);
      start = start.replace(/\n+/g, `$&${indent}`);
    }
    let header = (startsWithBlank ? "2" : "") + chomp;
    if (comment !== undefined) {
      header += ` ${commentLines(comment.replace(/ ?[\r\n]+/g, " "))}`;
      this.commentTaken = true;
    }
    return `|${header}\n${indent}${start}${body.replace(/\n+/g, `$&${indent}`)}${end}`;
  }
}

// The style a string value is written in, before the checks every style makes.
function valueStyle(text: string): Style {
  if (text.includes("\n")) {
    // A literal block reads like the script it holds; text whose whitespace a block cannot carry
    // exactly is double-quoted instead.
    return NOT_BLOCK_SAFE.test(text.replace(/\n+$/, "")) ? "double" : "literal";
  }
  return isRetypedAsPlain(text) ? "single" : "plain";
}

// Single quotes unless the text holds a single quote and no double one.
function quoted(text: string, indent: string, isKey: boolean): string {
  const hasDouble = text.includes('"');
  const hasSingle = text.includes("'");
  return hasSingle && !hasDouble ? doubleQuoted(text) : singleQuoted(text, indent, isKey);
}

function singleQuoted(text: string, indent: string, isKey: boolean): string {
  if ((isKey && text.includes("\n")) || BLANK_AT_BREAK.test(text)) return doubleQuoted(text);
  // In single quotes a line break is written as a blank line; the next line is indented.
  return `'${text.replaceAll("'", "''").replace(/\n+/g, (breaks) => `${breaks}\n${indent}`)}'`;
}

// JSON's escapes, with YAML's shorter ones for some control characters; a blank before a line
// break is escaped so no reader trims it. Never broken across lines.
function doubleQuoted(text: string): string {
  const json = JSON.stringify(text);
  if (!json.includes("\\")) return json;
  let out = "";
  let index = 0;
  while (index < json.length) {
    const char = json[index]!;
    if (char === "\\") {
      const next = json[index + 1]!;
      if (next === "u") {
        out += yamlEscape(json.slice(index + 2, index + 6));
        index += 6;
      } else {
        out += char + next;
        index += 2;
      }
    } else if (char === " " && json[index + 1] === "\\" && json[index + 2] === "n") {
      out += "\\ ";
      index += 1;
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { "0000": "\\0", "0007": "\\a", "000b": "\\v", "001b": "\\e" };

// A `\uXXXX` escape of JSON as YAML writes it: a short name, `\xXX`, or unchanged.
function yamlEscape(hex: string): string {
  return SHORT_ESCAPES[hex] ?? (hex.startsWith("00") ? `\\x${hex.slice(2)}` : `\\u${hex}`);
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return ".nan";
  if (!Number.isFinite(value)) return value < 0 ? "-.inf" : ".inf";
  return Object.is(value, -0) ? "-0" : JSON.stringify(value);
}

// `#` before each line of a comment; a line of one blank becomes a bare `#`.
function commentLines(comment: string): string {
  return comment.replace(/^(?!$)(?: $)?/gm, "#");
}

// A comment after `text`: on the same line, or on the lines below when it has several.
function lineComment(text: string, indent: string, comment: string): string {
  if (text.endsWith("\n")) return indentComment(comment, indent);
  if (comment.includes("\n")) return `\n${indentComment(comment, indent)}`;
  return (text.endsWith(" ") ? "" : " ") + comment;
}

function indentComment(comment: string, indent: string): string {
  if (/^\n+$/.test(comment)) return comment.slice(1);
  return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
