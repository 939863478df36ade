// Turns the source tokens of `sourceTokens` into the Document `yaml`'s own Composer builds from
// them: the same node classes, values, ranges, comments, blank lines, anchors and source tokens.
// It follows that composer step by step (yaml/dist/compose/*) for the token shapes of the subset
// only, without its general paths (tags, directives, flow maps, multi-line flow scalars, error
// recovery), which is most of its cost. Where that composer would report an error or a warning,
// or meets a shape not handled here, this gives undefined and the caller composes with `yaml`,
// which reports it. test/yaml-reader/compose-tokens.test.ts compares both, node by node.
import { Alias, type CST, Document, type DocumentOptions, isCollection, isPair, type ParseOptions, Pair, Scalar, type Schema, YAMLMap, YAMLSeq } from "yaml";

type SourceToken = CST.SourceToken;
type Token = CST.Token;
type Node = Scalar | Alias | YAMLMap | YAMLSeq;

/** Thrown where `yaml`'s composer would report something or take a path not followed here. */
class NotComposed extends Error {}
const NOT_COMPOSED = new NotComposed("outside the composed subset");
const notComposed = (): never => {
  throw NOT_COMPOSED;
};

// `yaml` keeps the stream's directives beside each document's; its class is not exported.
const Directives = new Document().directives!.constructor as new (yaml: { version: "1.2" }) => NonNullable<DocumentOptions["_directives"]>;

// The core schema's tags other than the string one match only texts that are empty or start with
// one of these (null: ~ n N; booleans: t T f F; numbers: digits, + - and .): any other plain
// scalar is a string without testing every tag.
const MAY_NOT_BE_STRING = /^[~nNtTfF0-9+.-]/;

/**
 * The document `yaml`'s `Composer` gives for `tokens` (from `sourceTokens`) with `options`, or
 * undefined when it would have an error or a warning, or the tokens hold a shape not composed here.
 */
export function composeTokens(tokens: readonly Token[], options: ParseOptions & DocumentOptions): Document.Parsed | undefined {
  try {
    return new TokenComposer(options).compose(tokens);
  } catch (error) {
    // a stack too deep for the nesting: `yaml` reports it as an error
    if (error === NOT_COMPOSED || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** What the tokens before a node (spaces, comments, line breaks, an indicator, an anchor) say of it. */
interface Lead {
  /** The `-`, `:`, `?` or `---` before the node. */
  indicator: SourceToken | null;
  anchor: SourceToken | null;
  /** A flow collection's `,` before the item. */
  comma: SourceToken | null;
  comment: string;
  blankLineBefore: boolean;
  lineBreak: boolean;
  lineBreakAfterAnchor: SourceToken | null;
  /** Offset after the last token. */
  end: number;
}

type Indicator = "doc-start" | "explicit-key-ind" | "map-value-ind" | "seq-item-ind";

class TokenComposer {
  private schema!: Schema;
  private documentOptions!: Document.Parsed["options"];

  constructor(private readonly options: ParseOptions & DocumentOptions) {}

  compose(tokens: readonly Token[]): Document.Parsed {
    let prelude: string[] = [];
    let document: Document.Parsed | undefined;
    for (const token of tokens) {
      switch (token.type) {
        case "document":
          if (document) notComposed();
          document = this.document(token);
          placeStreamComments(document, prelude, false);
          prelude = [];
          break;
        case "space":
          break;
        case "comment":
        case "newline":
          prelude.push(token.source);
          break;
        default:
          notComposed();
      }
    }
    if (!document) return notComposed();
    placeStreamComments(document, prelude, true);
    return document;
  }

  private document({ offset, start, value, end }: CST.Document): Document.Parsed {
    const document = new Document(undefined, { _directives: new Directives({ version: "1.2" }), ...this.options }) as Document.Parsed;
    this.schema = document.schema;
    this.documentOptions = document.options;
    // options that read keys or scalars otherwise (merge keys, string keys, a compatibility schema): `yaml`'s
    if (document.options.stringKeys || document.schema.compat || document.schema.tags.some((tag) => tag.default === "key")) notComposed();
    const lead = readLead(start, "doc-start", value ?? end?.[0], offset, false, true);
    if (lead.indicator) {
      document.directives.docStart = true;
      if (value && (value.type === "block-map" || value.type === "block-seq") && !lead.lineBreak) notComposed();
    }
    document.contents = (value ? this.node(value, lead) : this.emptyNode(lead.end, start, lead)) as Document.Parsed["contents"];
    const contentEnd = document.contents!.range[2];
    const after = readTrail(end, contentEnd, false);
    if (after.comment) document.comment = after.comment;
    document.range = [offset, contentEnd, after.offset];
    return document;
  }

  private node(token: Token, lead: Lead): Node {
    const { anchor } = lead;
    let node: Node;
    switch (token.type) {
      case "alias":
        if (anchor) notComposed();
        node = aliasOf(token);
        break;
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
        node = this.flowScalar(token);
        break;
      case "block-scalar":
        node = this.blockScalar(token);
        break;
      case "block-map":
        node = this.blockMap(token);
        break;
      case "block-seq":
        // `yaml` wants a newline between an anchor and the sequence's first `-`
        if (anchor && (!lead.lineBreakAfterAnchor || lead.lineBreakAfterAnchor.offset < anchor.offset)) notComposed();
        node = this.blockSequence(token);
        break;
      case "flow-collection":
        node = this.flowCollection(token);
        break;
      default:
        return notComposed();
    }
    if (anchor) {
      node.anchor = anchor.source.substring(1);
      if (node.anchor === "") notComposed();
    }
    if (lead.blankLineBefore) node.spaceBefore = true;
    if (lead.comment) {
      if (token.type === "scalar" && token.source === "") node.comment = lead.comment;
      else node.commentBefore = lead.comment;
    }
    node.srcToken = token;
    return node;
  }

  // A node for what is not written (`key:` with nothing after it): a null plain scalar, no source token.
  private emptyNode(offset: number, before: readonly SourceToken[] | undefined, { blankLineBefore, comment, anchor, end }: Lead): Scalar {
    const position = emptyScalarPosition(offset, before);
    const node = this.plainScalar("");
    node.range = [position, position, position];
    node.source = "";
    node.type = Scalar.PLAIN;
    if (anchor) {
      node.anchor = anchor.source.substring(1);
      if (node.anchor === "") notComposed();
    }
    if (blankLineBefore) node.spaceBefore = true;
    if (comment) {
      node.comment = comment;
      node.range[2] = end;
    }
    return node;
  }

  private flowScalar(token: CST.FlowScalar): Scalar {
    const { offset, source } = token;
    // one line each in the subset; `yaml` folds the lines of longer ones
    if (source.includes("\n")) notComposed();
    let value: string;
    let node: Scalar;
    let type: Scalar.Type;
    switch (token.type) {
      case "scalar":
        if (BAD_PLAIN_START.has(source[0]!)) notComposed();
        value = source;
        node = this.plainScalar(value);
        type = Scalar.PLAIN;
        break;
      case "single-quoted-scalar":
        if (source.length === 1 || source[source.length - 1] !== "'") notComposed();
        value = source.slice(1, -1);
        if (value.includes("''")) value = value.replace(/''/g, "'");
        node = new Scalar(value);
        type = Scalar.QUOTE_SINGLE;
        break;
      default:
        // escapes are read by `yaml`
        if (source.length === 1 || source[source.length - 1] !== '"' || source.includes("\\")) notComposed();
        value = source.slice(1, -1);
        node = new Scalar(value);
        type = Scalar.QUOTE_DOUBLE;
    }
    const valueEnd = offset + source.length;
    const after = readTrail(token.end, valueEnd, true);
    node.range = [offset, valueEnd, after.offset];
    node.source = value;
    node.type = type;
    if (after.comment) node.comment = after.comment;
    return node;
  }

  // A plain scalar's value as the core schema reads it: a string unless a tag's test matches.
  private plainScalar(value: string): Scalar {
    if (value !== "" && !MAY_NOT_BE_STRING.test(value)) return new Scalar(value);
    for (const tag of this.schema.tags) {
      if (tag.default !== true || !("test" in tag) || !tag.test?.test(value)) continue;
      const resolved = tag.resolve(value, notComposed, this.documentOptions);
      const node = resolved instanceof Scalar ? resolved : new Scalar(resolved);
      if (tag.format) node.format = tag.format;
      return node;
    }
    return new Scalar(value);
  }

  private blockScalar(token: CST.BlockScalar): Scalar {
    const start = token.offset;
    const header = blockScalarHeader(token);
    const type = header.folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const value = blockScalarValue(token, header);
    const end = start + header.length + token.source.length;
    const node = new Scalar(value);
    node.range = [start, end, end];
    node.source = value;
    node.type = type;
    if (header.comment) node.comment = header.comment;
    return node;
  }

  private blockMap(token: CST.BlockMap): YAMLMap {
    const map = new YAMLMap(this.schema);
    let offset = token.offset;
    let commentEnd: number | null = null;
    for (const item of token.items) {
      const { start, key, sep, value } = item;
      const keyLead = readLead(start, "explicit-key-ind", key ?? sep?.[0], offset, false, true);
      // `? key`, a sequence as a key, a key off the map's column
      if (keyLead.indicator) notComposed();
      if (key && (key.type === "block-seq" || ("indent" in key && key.indent !== token.indent))) notComposed();
      if (!keyLead.anchor && !sep) {
        // comments after the last value, at the map's indent
        commentEnd = keyLead.end;
        if (keyLead.comment) map.comment = map.comment ? `${map.comment}\n${keyLead.comment}` : keyLead.comment;
        continue;
      }
      if (keyLead.lineBreakAfterAnchor || containsNewline(key)) notComposed();
      const keyNode = key ? this.node(key, keyLead) : this.emptyNode(keyLead.end, start, keyLead);
      const valueLead = readLead(sep ?? [], "map-value-ind", value, keyNode.range![2], false, !key || key.type === "block-scalar");
      offset = valueLead.end;
      // a key without `:`; `a: b: c`; a key over 1024 characters
      if (!valueLead.indicator) notComposed();
      if (value?.type === "block-map" && !valueLead.lineBreak) notComposed();
      if ((keyLead.anchor?.offset ?? keyLead.end) < valueLead.indicator!.offset - 1024) notComposed();
      const valueNode = value ? this.node(value, valueLead) : this.emptyNode(offset, sep, valueLead);
      offset = valueNode.range![2];
      const pair = new Pair(keyNode, valueNode);
      pair.srcToken = item;
      map.items.push(pair);
    }
    if (commentEnd !== null && commentEnd < offset) notComposed();
    map.range = [token.offset, offset, commentEnd ?? offset];
    return map;
  }

  private blockSequence(token: CST.BlockSequence): YAMLSeq {
    const sequence = new YAMLSeq(this.schema);
    let offset = token.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of token.items) {
      const lead = readLead(start, "seq-item-ind", value, offset, false, true);
      if (!lead.indicator) {
        // an item without `-`
        if (lead.anchor || value) notComposed();
        commentEnd = lead.end;
        if (lead.comment) sequence.comment = lead.comment;
        continue;
      }
      const node = value ? this.node(value, lead) : this.emptyNode(lead.end, start, lead);
      offset = node.range![2];
      sequence.items.push(node);
    }
    sequence.range = [token.offset, offset, commentEnd ?? offset];
    return sequence;
  }

  // `{}`, `[]` and one-line sequences of scalars; anything with a `:` or a comment inside is `yaml`'s.
  private flowCollection(token: CST.FlowCollection): YAMLMap | YAMLSeq {
    const isMap = token.start.source === "{";
    const collection = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    collection.flow = true;
    let offset = token.offset + token.start.source.length;
    const last = token.items.length - 1;
    token.items.forEach(({ start, key, sep, value }, index) => {
      if (key || sep) notComposed();
      const lead = readLead(start, "explicit-key-ind", undefined, offset, true, false);
      if (lead.indicator || lead.comment) notComposed();
      if (!lead.anchor && !value) {
        // a leading comma, or an empty item before the last
        if ((index === 0 && lead.comma) || index < last) notComposed();
        offset = lead.end;
        return;
      }
      // a comma before the first item, or none between two
      if (index === 0 ? lead.comma : !lead.comma) notComposed();
      if (isMap || value?.type === "block-map" || value?.type === "block-seq") notComposed();
      const node = value ? this.node(value, lead) : this.emptyNode(lead.end, undefined, lead);
      collection.items.push(node as never);
      offset = node.range![2];
    });
    const [close, ...rest] = token.end;
    if (close?.source !== (isMap ? "}" : "]")) notComposed();
    const closeEnd = close!.offset + close!.source.length;
    if (rest.length > 0) {
      const after = readTrail(rest, closeEnd, true);
      if (after.comment) collection.comment = after.comment;
      collection.range = [token.offset, closeEnd, after.offset];
    } else {
      collection.range = [token.offset, closeEnd, closeEnd];
    }
    return collection;
  }
}

// Plain scalars may not start with these (`yaml` reports it).
const BAD_PLAIN_START = new Set(["\t", ",", "%", "|", ">", "@", "`"]);

function aliasOf({ offset, source, end }: CST.FlowScalar): Alias {
  const alias = new Alias(source.substring(1));
  if (alias.source === "" || alias.source.endsWith(":")) notComposed();
  const valueEnd = offset + source.length;
  const after = readTrail(end, valueEnd, true);
  alias.range = [offset, valueEnd, after.offset];
  if (after.comment) alias.comment = after.comment;
  return alias;
}

// Comment lines joined as `yaml` joins them, from the first comment on (made there: most nodes
// have none): the line break that ends a comment's line is held, and written only when another
// comment follows; a blank line after a comment is written at once.
class CommentText {
  private held = "";

  constructor(public text: string) {}

  add(source: string): void {
    this.text += this.held + (source.slice(1) || " ");
    this.held = "";
  }

  hold(lineBreak: string): void {
    this.held += lineBreak;
  }

  blankLine(lineBreak: string): void {
    this.text += lineBreak;
  }
}

// What the tokens before a node say of it (no tags in the subset), read as `yaml` reads them.
// `lineStart`: the tokens start a line (a block item's); `next`: the node's own first token.
function readLead(tokens: readonly SourceToken[], indicator: Indicator, next: Token | null | undefined, offset: number, flow: boolean, lineStart: boolean): Lead {
  const lead: Lead = { indicator: null, anchor: null, comma: null, comment: "", blankLineBefore: false, lineBreak: false, lineBreakAfterAnchor: null, end: offset };
  let comments: CommentText | undefined;
  // nothing but indentation since the last line break (or since a `-` or `?` indicator)
  let atLineStart = lineStart;
  // whitespace or a line start right before the token: a comment needs it
  let spaced = lineStart;
  // an anchor needs whitespace after it
  let afterAnchor = false;
  for (const token of tokens) {
    if (afterAnchor && token.type !== "space" && token.type !== "newline" && token.type !== "comma") notComposed();
    afterAnchor = false;
    if (token.type === indicator) {
      // a second indicator, or an anchor before it
      if (lead.indicator || lead.anchor) notComposed();
      lead.indicator = token;
      atLineStart = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
      spaced = false;
      continue;
    }
    switch (token.type) {
      case "space":
        // a tab in a block's indentation may be an error: `yaml` decides
        if (!flow && token.source.includes("\t")) notComposed();
        spaced = true;
        break;
      case "comment":
        if (!spaced) notComposed();
        if (comments) comments.add(token.source);
        else comments = new CommentText(token.source.slice(1) || " ");
        atLineStart = false;
        break;
      case "newline":
        if (!atLineStart) comments?.hold(token.source);
        else if (comments) comments.blankLine(token.source);
        // a blank line before the node; one right after a sequence's `-` does not count
        else if (!(lead.indicator && indicator === "seq-item-ind")) lead.blankLineBefore = true;
        atLineStart = true;
        spaced = true;
        lead.lineBreak = true;
        if (lead.anchor) lead.lineBreakAfterAnchor = token;
        break;
      case "anchor":
        // two anchors; `&name:` (a warning)
        if (lead.anchor || token.source.endsWith(":")) notComposed();
        lead.anchor = token;
        atLineStart = false;
        spaced = false;
        afterAnchor = true;
        break;
      case "comma":
        if (!flow || lead.comma) notComposed();
        lead.comma = token;
        atLineStart = false;
        spaced = false;
        break;
      default:
        notComposed();
    }
  }
  if (afterAnchor && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) notComposed();
  const last = tokens[tokens.length - 1];
  if (last) lead.end = last.offset + last.source.length;
  if (comments) lead.comment = comments.text;
  return lead;
}

// The comment of the tokens after a node (spaces, comments, line breaks) and the offset past them.
function readTrail(tokens: readonly SourceToken[] | undefined, offset: number, commentNeedsSpace: boolean): { comment: string; offset: number } {
  let comments: CommentText | undefined;
  let spaced = false;
  for (const token of tokens ?? []) {
    if (token.type === "comment") {
      if (commentNeedsSpace && !spaced) notComposed();
      if (comments) comments.add(token.source);
      else comments = new CommentText(token.source.slice(1) || " ");
    } else if (token.type === "newline") {
      comments?.hold(token.source);
      spaced = true;
    } else if (token.type === "space") spaced = true;
    else notComposed();
    offset += token.source.length;
  }
  return { comment: comments?.text ?? "", offset };
}

// Where an empty value sits: after the last token before it that is not a space, comment or newline, and the spaces after that.
function emptyScalarPosition(offset: number, before: readonly SourceToken[] | undefined): number {
  if (!before) return offset;
  for (let index = before.length - 1; index >= 0; --index) {
    let token = before[index];
    if (token!.type === "space" || token!.type === "comment" || token!.type === "newline") {
      offset -= token!.source.length;
      continue;
    }
    token = before[++index];
    while (token?.type === "space") {
      offset += token.source.length;
      token = before[++index];
    }
    break;
  }
  return offset;
}

function containsNewline(key: Token | null | undefined): boolean {
  if (!key) return false;
  switch (key.type) {
    case "alias":
    case "scalar":
    case "double-quoted-scalar":
    case "single-quoted-scalar":
      return key.source.includes("\n") || (key.end?.some((token) => token.type === "newline") ?? false);
    default:
      return true;
  }
}

// The comment lines before the document (or after it, `after`) and where they go: after it, to the
// document's `comment`; before it, to the document's `commentBefore` when a blank line, `---` or an
// empty document separates them from the contents, else to the first node's `commentBefore`.
function placeStreamComments(document: Document.Parsed, lines: readonly string[], after: boolean): void {
  const { text, blankLineAfter } = streamComment(lines);
  if (!text) return;
  const contents = document.contents;
  if (after) document.comment = document.comment ? `${document.comment}\n${text}` : text;
  else if (blankLineAfter || document.directives.docStart || !contents) document.commentBefore = text;
  else prependComment(firstNodeOf(contents), text);
}

// `lines` are comment sources and line breaks: the comments' text, a blank line between two kept
// as an empty line, and whether a blank line follows the last.
function streamComment(lines: readonly string[]): { text: string; blankLineAfter: boolean } {
  let text = "";
  let blankLineAfter = false;
  // a line break right after a comment ends its line; any other is a blank line
  let endsComment = false;
  for (const line of lines) {
    if (line.startsWith("#")) {
      const comment = line.slice(1) || " ";
      text = text === "" ? comment : `${text}${blankLineAfter ? "\n\n" : "\n"}${comment}`;
      blankLineAfter = false;
      endsComment = true;
    } else {
      if (!endsComment) blankLineAfter = true;
      endsComment = false;
    }
  }
  return { text, blankLineAfter };
}

// The node a comment above the whole contents belongs to: a block collection's first key or item.
function firstNodeOf(contents: NonNullable<Document.Parsed["contents"]>): Node {
  if (!isCollection(contents) || contents.flow || contents.items.length === 0) return contents as Node;
  const first = contents.items[0];
  return (isPair(first) ? first.key : first) as Node;
}

function prependComment(node: Node, text: string): void {
  node.commentBefore = node.commentBefore ? `${text}\n${node.commentBefore}` : text;
}

/** A block scalar's header: `|` or `>`, an indentation digit, a chomping indicator, a comment. */
interface BlockScalarHeader {
  folded: boolean;
  /** The indentation indicator (1-9), 0 without one. */
  indent: number;
  chomping: "strip" | "clip" | "keep";
  comment: string;
  /** Characters from the header's start to the scalar's text. */
  length: number;
}

function blockScalarHeader({ props }: CST.BlockScalar): BlockScalarHeader {
  const first = props[0];
  if (first?.type !== "block-scalar-header") return notComposed();
  const { source } = first;
  // the indicators after `|` or `>`: at most one digit 1-9 and one of - +, in either order
  const indicators = source.slice(1);
  const digits = indicators.replace(/[-+]/, "");
  if (digits.length > 1 || (digits !== "" && !/^[1-9]$/.test(digits)) || indicators.length - digits.length > 1) notComposed();
  let comment = "";
  let length = source.length;
  let spaced = false;
  for (const token of props.slice(1) as SourceToken[]) {
    if (token.type === "comment") {
      if (!spaced) notComposed();
      comment = token.source.slice(1);
    } else if (token.type === "space") spaced = true;
    else if (token.type !== "newline") notComposed();
    length += token.source.length;
  }
  const chomping = indicators.includes("-") ? "strip" : indicators.includes("+") ? "keep" : "clip";
  return { folded: source[0] === ">", indent: digits ? Number(digits) : 0, chomping, comment, length };
}

// A block scalar's value (YAML 1.2, 8.1): its lines less the content's indentation, folded for `>`,
// with the final line breaks its chomping keeps. A text `yaml` reports (a line less indented than the
// content, leading blank lines longer than the first line without an indentation indicator, content
// at column 0) is not composed.
function blockScalarValue({ source, indent: parentIndent }: CST.BlockScalar, header: BlockScalarHeader): string {
  const lines = source ? source.split("\n") : [];
  // each line's leading spaces; a line of spaces only is blank
  const spaces = lines.map(leadingSpaces);
  const isBlank = (index: number) => spaces[index] === lines[index]!.length;
  let first = 0;
  while (first < lines.length && isBlank(first)) first++;
  if (first === lines.length) return header.chomping === "keep" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
  let indent = parentIndent + header.indent;
  if (header.indent === 0) {
    let widestLeading = parentIndent;
    for (let index = 0; index < first; index++) widestLeading = Math.max(widestLeading, spaces[index]!);
    if (spaces[first]! < widestLeading) notComposed();
    indent = spaces[first]!;
  } else if (spaces[first]! < indent) notComposed();
  if (indent === 0) notComposed();
  // the content runs to the last line with text, or to a later line longer than the indentation
  let end = lines.length;
  while (end > first + 1 && isBlank(end - 1) && spaces[end - 1]! <= indent) end--;
  for (let index = first; index < end; index++) if (!isBlank(index) && spaces[index]! < indent) notComposed();
  // a line less the content's indentation (a blank line shorter than it is empty)
  const own = (index: number) => lines[index]!.slice(indent);
  let value = "";
  for (let index = 0; index < first; index++) value += `${own(index)}\n`;
  if (header.folded) value += foldLines(lines, spaces, first, end, indent);
  else for (let index = first; index < end; index++) value += index === first ? own(index) : `\n${own(index)}`;
  switch (header.chomping) {
    case "strip":
      return value;
    case "clip":
      return `${value}\n`;
    case "keep":
      for (let index = end; index < lines.length; index++) value += `\n${own(index)}`;
      return value.endsWith("\n") ? value : `${value}\n`;
  }
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charCodeAt(count) === 32) count++;
  return count;
}

// Folding lines `first` to `end`: a line break between two lines of text at the content's
// indentation is a space; blank lines between them stand for one line break each; around a
// more-indented line (or one starting with a tab) every line break is kept.
function foldLines(lines: readonly string[], spaces: readonly number[], first: number, end: number, indent: number): string {
  let value = "";
  let previous: "none" | "text" | "more-indented" = "none";
  let blankLines = 0;
  for (let index = first; index < end; index++) {
    const line = lines[index]!;
    const moreIndented = spaces[index]! > indent || line[spaces[index]!] === "\t";
    if (spaces[index] === line.length && !moreIndented) {
      blankLines++;
      continue;
    }
    if (previous === "text" && !moreIndented) value += blankLines > 0 ? "\n".repeat(blankLines) : " ";
    else if (previous !== "none") value += "\n".repeat(blankLines + 1);
    value += line.slice(indent);
    previous = moreIndented ? "more-indented" : "text";
    blankLines = 0;
  }
  return value;
}
