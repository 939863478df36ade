// Turns the source tokens of `sourceTokens` into the Document `yaml`'s own Composer builds from
// them: the same node classes, values, ranges, comments, blank lines, anchors and source tokens.
// It follows that composer step by step (yaml/dist/compose/*) for the token shapes of the subset
// only, without its general paths (tags, directives, flow maps, multi-line flow scalars, error
// recovery), which is most of its cost. Where that composer would report an error or a warning,
// or meets a shape not handled here, this gives undefined and the caller composes with `yaml`,
// which reports it. test/yaml-reader/read-yaml.test.ts compares both, node by node.
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

/** What the tokens before a node (spaces, comments, newlines, an indicator, an anchor) say of it. */
interface Props {
  found: SourceToken | null;
  spaceBefore: boolean;
  comment: string;
  hasNewline: boolean;
  anchor: SourceToken | null;
  newlineAfterProp: SourceToken | null;
  comma: SourceToken | null;
  /** Offset after the last token. */
  end: number;
  /** Offset of the anchor, else `end`. */
  start: number;
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
          decorate(document, prelude, false);
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
    decorate(document, prelude, true);
    return document;
  }

  private document({ offset, start, value, end }: CST.Document): Document.Parsed {
    const document = new Document(undefined, { _directives: new Directives({ version: "1.2" }), ...this.options }) as Document.Parsed;
    this.schema = document.schema;
    this.documentOptions = document.options;
    const props = resolveProps(start, "doc-start", value ?? end?.[0], offset, false, true);
    if (props.found) {
      document.directives.docStart = true;
      if (value && (value.type === "block-map" || value.type === "block-seq") && !props.hasNewline) notComposed();
    }
    document.contents = (value ? this.node(value, props) : this.emptyNode(props.end, start, props)) as Document.Parsed["contents"];
    const contentEnd = document.contents!.range[2];
    const after = resolveEnd(end, contentEnd, false);
    if (after.comment) document.comment = after.comment;
    document.range = [offset, contentEnd, after.offset];
    return document;
  }

  private node(token: Token, props: Props): Node {
    const { anchor } = props;
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
        if (anchor && (!props.newlineAfterProp || props.newlineAfterProp.offset < anchor.offset)) notComposed();
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
    if (props.spaceBefore) node.spaceBefore = true;
    if (props.comment) {
      if (token.type === "scalar" && token.source === "") node.comment = props.comment;
      else node.commentBefore = props.comment;
    }
    node.srcToken = token;
    return node;
  }

  // A node for what is not written (`key:` with nothing after it): a null plain scalar, no source token.
  private emptyNode(offset: number, before: readonly SourceToken[] | undefined, { spaceBefore, comment, anchor, end }: Props): Scalar {
    const position = emptyScalarPosition(offset, before);
    const node = this.plainScalar("");
    node.range = [position, position, position];
    node.source = "";
    node.type = Scalar.PLAIN;
    if (anchor) {
      node.anchor = anchor.source.substring(1);
      if (node.anchor === "") notComposed();
    }
    if (spaceBefore) node.spaceBefore = true;
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
    const after = resolveEnd(token.end, valueEnd, true);
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
    const type = header.mode === ">" ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    const value = blockScalarValue(token, header, type);
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
      const keyProps = resolveProps(start, "explicit-key-ind", key ?? sep?.[0], offset, false, true);
      // `? key`, a sequence as a key, a key off the map's column
      if (keyProps.found) notComposed();
      if (key && (key.type === "block-seq" || ("indent" in key && key.indent !== token.indent))) notComposed();
      if (!keyProps.anchor && !sep) {
        // comments after the last value, at the map's indent
        commentEnd = keyProps.end;
        if (keyProps.comment) map.comment = map.comment ? `${map.comment}\n${keyProps.comment}` : keyProps.comment;
        continue;
      }
      if (keyProps.newlineAfterProp || containsNewline(key)) notComposed();
      const keyNode = key ? this.node(key, keyProps) : this.emptyNode(keyProps.end, start, keyProps);
      const valueProps = resolveProps(sep ?? [], "map-value-ind", value, keyNode.range![2], false, !key || key.type === "block-scalar");
      offset = valueProps.end;
      // a key without `:`; `a: b: c`; a key over 1024 characters
      if (!valueProps.found) notComposed();
      if (value?.type === "block-map" && !valueProps.hasNewline) notComposed();
      if (keyProps.start < valueProps.found!.offset - 1024) notComposed();
      const valueNode = value ? this.node(value, valueProps) : this.emptyNode(offset, sep, valueProps);
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
      const props = resolveProps(start, "seq-item-ind", value, offset, false, true);
      if (!props.found) {
        // an item without `-`
        if (props.anchor || value) notComposed();
        commentEnd = props.end;
        if (props.comment) sequence.comment = props.comment;
        continue;
      }
      const node = value ? this.node(value, props) : this.emptyNode(props.end, start, props);
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
      const props = resolveProps(start, "explicit-key-ind", undefined, offset, true, false);
      if (props.found || props.comment) notComposed();
      if (!props.anchor && !value) {
        // a leading comma, or an empty item before the last
        if ((index === 0 && props.comma) || index < last) notComposed();
        offset = props.end;
        return;
      }
      // a comma before the first item, or none between two
      if (index === 0 ? props.comma : !props.comma) notComposed();
      if (isMap || value?.type === "block-map" || value?.type === "block-seq") notComposed();
      const node = value ? this.node(value, props) : this.emptyNode(props.end, undefined, props);
      collection.items.push(node as never);
      offset = node.range![2];
    });
    const [close, ...rest] = token.end;
    if (close?.source !== (isMap ? "}" : "]")) notComposed();
    const closeEnd = close!.offset + close!.source.length;
    if (rest.length > 0) {
      const after = resolveEnd(rest, closeEnd, true);
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
  const after = resolveEnd(end, valueEnd, true);
  alias.range = [offset, valueEnd, after.offset];
  if (after.comment) alias.comment = after.comment;
  return alias;
}

// The props of a node from the tokens before it, as `yaml`'s resolveProps reads them (no tags in the subset).
function resolveProps(tokens: readonly SourceToken[], indicator: Indicator, next: Token | null | undefined, offset: number, flow: boolean, startOnNewline: boolean): Props {
  let spaceBefore = false;
  let atNewline = startOnNewline;
  let hasSpace = startOnNewline;
  let comment = "";
  let commentSep = "";
  let hasNewline = false;
  let requiresSpace = false;
  let anchor: SourceToken | null = null;
  let newlineAfterProp: SourceToken | null = null;
  let comma: SourceToken | null = null;
  let found: SourceToken | null = null;
  let start: number | null = null;
  for (const token of tokens) {
    if (requiresSpace) {
      if (token.type !== "space" && token.type !== "newline" && token.type !== "comma") notComposed();
      requiresSpace = false;
    }
    switch (token.type) {
      case "space":
        // a tab in a block's indentation may be an error: `yaml` decides
        if (!flow && token.source.includes("\t")) notComposed();
        hasSpace = true;
        break;
      case "comment": {
        if (!hasSpace) notComposed();
        const text = token.source.substring(1) || " ";
        comment = comment ? comment + commentSep + text : text;
        commentSep = "";
        atNewline = false;
        break;
      }
      case "newline":
        if (atNewline) {
          if (comment) comment += token.source;
          else if (!found || indicator !== "seq-item-ind") spaceBefore = true;
        } else commentSep += token.source;
        atNewline = true;
        hasNewline = true;
        if (anchor) newlineAfterProp = token;
        hasSpace = true;
        break;
      case "anchor":
        if (anchor || token.source.endsWith(":")) notComposed();
        anchor = token;
        start ??= token.offset;
        atNewline = false;
        hasSpace = false;
        requiresSpace = true;
        break;
      case indicator:
        if (anchor || found) notComposed();
        found = token;
        atNewline = indicator === "seq-item-ind" || indicator === "explicit-key-ind";
        hasSpace = false;
        break;
      case "comma":
        if (!flow || comma) notComposed();
        comma = token;
        atNewline = false;
        hasSpace = false;
        break;
      default:
        notComposed();
    }
  }
  const last = tokens[tokens.length - 1];
  const end = last ? last.offset + last.source.length : offset;
  if (requiresSpace && next && next.type !== "space" && next.type !== "newline" && next.type !== "comma" && (next.type !== "scalar" || next.source !== "")) notComposed();
  return { found, spaceBefore, comment, hasNewline, anchor, newlineAfterProp, comma, end, start: start ?? end };
}

// The comment and end offset of the tokens after a node, as `yaml`'s resolveEnd reads them.
function resolveEnd(end: readonly SourceToken[] | undefined, offset: number, requiresSpace: boolean): { comment: string; offset: number } {
  let comment = "";
  if (end) {
    let hasSpace = false;
    let sep = "";
    for (const { source, type } of end) {
      switch (type) {
        case "space":
          hasSpace = true;
          break;
        case "comment": {
          if (requiresSpace && !hasSpace) notComposed();
          const text = source.substring(1) || " ";
          comment = comment ? comment + sep + text : text;
          sep = "";
          break;
        }
        case "newline":
          if (comment) sep += source;
          hasSpace = true;
          break;
        default:
          notComposed();
      }
      offset += source.length;
    }
  }
  return { comment, offset };
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

// The comments and blank lines before (or after) the document, placed as `yaml`'s composer does.
function decorate(document: Document.Parsed, prelude: readonly string[], afterDocument: boolean): void {
  let comment = "";
  let atComment = false;
  let afterEmptyLine = false;
  for (const source of prelude) {
    if (source[0] === "#") {
      comment += (comment === "" ? "" : afterEmptyLine ? "\n\n" : "\n") + (source.substring(1) || " ");
      atComment = true;
      afterEmptyLine = false;
    } else {
      if (!atComment) afterEmptyLine = true;
      atComment = false;
    }
  }
  if (!comment) return;
  const contents = document.contents;
  if (afterDocument) {
    document.comment = document.comment ? `${document.comment}\n${comment}` : comment;
  } else if (afterEmptyLine || document.directives.docStart || !contents) {
    document.commentBefore = comment;
  } else if (isCollection(contents) && !contents.flow && contents.items.length > 0) {
    const first = contents.items[0];
    const node = (isPair(first) ? first.key : first) as Node;
    node.commentBefore = node.commentBefore ? `${comment}\n${node.commentBefore}` : comment;
  } else {
    contents.commentBefore = contents.commentBefore ? `${comment}\n${contents.commentBefore}` : comment;
  }
}

interface BlockScalarHeader {
  mode: string;
  indent: number;
  chomp: string;
  comment: string;
  /** Characters from the header's start to the scalar's text. */
  length: number;
}

function blockScalarHeader({ props }: CST.BlockScalar): BlockScalarHeader {
  const first = props[0];
  if (first?.type !== "block-scalar-header") return notComposed();
  const { source } = first;
  let indent = 0;
  let chomp = "";
  for (let index = 1; index < source.length; ++index) {
    const char = source[index]!;
    if (!chomp && (char === "-" || char === "+")) chomp = char;
    else {
      const digit = Number(char);
      // extra characters in the header
      if (indent || !digit) notComposed();
      indent = digit;
    }
  }
  let hasSpace = false;
  let comment = "";
  let length = source.length;
  for (let index = 1; index < props.length; ++index) {
    const token = props[index] as SourceToken;
    switch (token.type) {
      case "space":
        hasSpace = true;
        length += token.source.length;
        break;
      case "newline":
        length += token.source.length;
        break;
      case "comment":
        if (!hasSpace) notComposed();
        length += token.source.length;
        comment = token.source.substring(1);
        break;
      default:
        notComposed();
    }
  }
  return { mode: source[0]!, indent, chomp, comment, length };
}

// A block scalar's value from its indented text, as `yaml`'s resolveBlockScalar reads it.
function blockScalarValue(token: CST.BlockScalar, header: BlockScalarHeader, type: Scalar.Type): string {
  const lines = token.source ? splitLines(token.source) : [];
  let chompStart = lines.length;
  for (let index = lines.length - 1; index >= 0; --index) {
    if (lines[index]![1] === "") chompStart = index;
    else break;
  }
  if (chompStart === 0) return header.chomp === "+" && lines.length > 0 ? "\n".repeat(Math.max(1, lines.length - 1)) : "";
  let trimIndent = token.indent + header.indent;
  let contentStart = 0;
  for (let index = 0; index < chompStart; ++index) {
    const [indent, content] = lines[index]!;
    if (content === "") {
      if (header.indent === 0 && indent.length > trimIndent) trimIndent = indent.length;
    } else {
      // more-indented leading blank lines without an indentation indicator; a scalar at column 0 in a collection
      if (indent.length < trimIndent) notComposed();
      if (header.indent === 0) trimIndent = indent.length;
      contentStart = index;
      if (trimIndent === 0) notComposed();
      break;
    }
  }
  for (let index = lines.length - 1; index >= chompStart; --index) {
    if (lines[index]![0].length > trimIndent) chompStart = index + 1;
  }
  let value = "";
  let sep = "";
  let previousMoreIndented = false;
  for (let index = 0; index < contentStart; ++index) value += `${lines[index]![0].slice(trimIndent)}\n`;
  for (let index = contentStart; index < chompStart; ++index) {
    const [indent, content] = lines[index]!;
    // a line less indented than the first
    if (content && indent.length < trimIndent) notComposed();
    if (type === Scalar.BLOCK_LITERAL) {
      value += sep + indent.slice(trimIndent) + content;
      sep = "\n";
    } else if (indent.length > trimIndent || content[0] === "\t") {
      if (sep === " ") sep = "\n";
      else if (!previousMoreIndented && sep === "\n") sep = "\n\n";
      value += sep + indent.slice(trimIndent) + content;
      sep = "\n";
      previousMoreIndented = true;
    } else if (content === "") {
      if (sep === "\n") value += "\n";
      else sep = "\n";
    } else {
      value += sep + content;
      sep = " ";
      previousMoreIndented = false;
    }
  }
  switch (header.chomp) {
    case "-":
      break;
    case "+":
      for (let index = chompStart; index < lines.length; ++index) value += `\n${lines[index]![0].slice(trimIndent)}`;
      if (value[value.length - 1] !== "\n") value += "\n";
      break;
    default:
      value += "\n";
  }
  return value;
}

// `[indent, content]` for each line of a block scalar's text.
function splitLines(source: string): [string, string][] {
  const split = source.split(/\n( *)/);
  const first = split[0]!;
  const leading = /^( *)/.exec(first)![1]!;
  const lines: [string, string][] = [leading ? [leading, first.slice(leading.length)] : ["", first]];
  for (let index = 1; index < split.length; index += 2) lines.push([split[index]!, split[index + 1]!]);
  return lines;
}
