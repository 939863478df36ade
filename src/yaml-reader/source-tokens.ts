// Turns the text of a block-style YAML document into the source tokens `yaml`'s own parser builds
// (its CST: a document token holding block maps, block sequences, scalars and flow collections,
// each with the spaces, comments and newlines around it where that parser puts them), for the
// subset real workflows are written in: block maps and sequences, one-line plain and quoted
// scalars, block scalars, one-line flow sequences of scalars, `{}`, comments and blank lines
// anywhere, `&anchor` on a value or an item, `*alias` values, one `---` at the top. Anything else
// gives undefined, and the caller parses the text with `yaml` itself: tags, directives, a second
// document or `...`, `?` keys, tabs in indentation, carriage returns, a byte order mark, plain or
// quoted scalars over several lines, nested or multi-line flow collections, flow maps with
// entries, a scalar or a flow collection as the whole document.
//
// Two stages, as in `yaml`: a line scanner cuts the text into tokens, and a stack of open
// collections places each token. The placement follows `yaml`'s documented CST: where a comment
// or a blank line goes decides which node's `comment`, `commentBefore` or `spaceBefore` holds it.
// test/yaml-reader/read-yaml.test.ts compares both with `yaml` on every corpus.
import type { CST } from "yaml";

type SourceToken = CST.SourceToken;
type FlowScalar = CST.FlowScalar;
type BlockScalar = CST.BlockScalar;
type BlockMap = CST.BlockMap;
type BlockSequence = CST.BlockSequence;
type FlowCollection = CST.FlowCollection;
type Document = CST.Document;
type Token = CST.Token;
type BlockMapItem = BlockMap["items"][number];

/** Thrown inside the scanner for a text outside the subset; caught by {@link sourceTokens}. */
class OutsideSubset extends Error {}

const outside = (): never => {
  throw new OutsideSubset();
};

/**
 * The top-level tokens `yaml`'s parser gives for `text` (comments and blank lines before the
 * document, then the document), or undefined when the text is outside the subset read here.
 */
export function sourceTokens(text: string): Token[] | undefined {
  if (text.includes("\r") || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    const placer = new TokenPlacer();
    new LineScanner(text, placer).scan();
    return placer.finish();
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}

// A value token that arrives whole from the scanner (scalars and flow collections on one line).
type ValueToken = FlowScalar | FlowCollection;

// Places tokens the way `yaml`'s parser does: the same stack of open nodes, the same rules for
// which item's `start`, `sep` or which value's `end` a space, comment or newline joins, and the same
// hand-over of trailing comments to the enclosing collection when one closes.
class TokenPlacer {
  private readonly output: Token[] = [];
  private readonly stack: (Document | BlockMap | BlockSequence | ValueToken | BlockScalar)[] = [];
  private indent = 0;
  private atNewLine = true;
  private onKeyLine = false;

  /** Places one token of the given type and source at `offset`, tracking the line's indent as `yaml` does. */
  feed(type: SourceToken["type"], offset: number, source: string): void {
    const token: SourceToken = { type, offset, indent: this.indent, source };
    this.step(token);
    switch (type) {
      case "newline":
        this.atNewLine = true;
        this.indent = 0;
        break;
      case "space":
        if (this.atNewLine && source[0] === " ") this.indent += source.length;
        break;
      case "map-value-ind":
      case "seq-item-ind":
        if (this.atNewLine) this.indent += source.length;
        break;
      default:
        this.atNewLine = false;
    }
  }

  /** The document starts at `offset` (the first line that is neither blank nor a comment). */
  startDocument(offset: number, marker?: SourceToken): void {
    this.stack.push({ type: "document", offset, start: marker ? [marker] : [] });
    if (marker) this.atNewLine = false;
  }

  /** A scalar or one-line flow collection; `indent` is set here, as the parser sets it. */
  value(token: ValueToken): void {
    this.atNewLine = false;
    token.indent = this.indent;
    if (token.type === "flow-collection") {
      // every token of a one-line collection is on the line of its opening bracket
      token.start.indent = this.indent;
      for (const item of token.items) {
        for (const entry of item.start) entry.indent = this.indent;
        if (item.value) {
          (item.value as FlowScalar).indent = this.indent;
          for (const entry of (item.value as FlowScalar).end ?? []) entry.indent = this.indent;
        }
      }
      for (const entry of token.end) entry.indent = this.indent;
    }
    this.placeValue(token);
  }

  /** A block scalar, whole: header props up to its newline, and its text. */
  blockScalar(token: BlockScalar): void {
    this.atNewLine = false;
    token.indent = this.indent;
    for (const prop of token.props) (prop as SourceToken).indent = this.indent;
    this.placeValue(token);
    // the scalar's text ends at a line start
    this.atNewLine = true;
    this.indent = 0;
    this.pop();
  }

  finish(): Token[] {
    while (this.stack.length > 0) this.pop();
    return this.output;
  }

  private top() {
    return this.stack[this.stack.length - 1];
  }

  private step(token: SourceToken): void {
    const top = this.top();
    if (!top) {
      // before the document: only blank lines and comments reach here
      this.output.push(token);
      return;
    }
    switch (top.type) {
      case "document":
        if (top.value) return this.lineEnd(top as never, token);
        if (token.type === "seq-item-ind") return this.startSequence(token);
        // after `---`: the rest of its line, blank lines and comments
        if (token.type === "space" || token.type === "comment" || token.type === "newline") {
          top.start.push(token);
          return;
        }
        return outside();
      case "block-map":
        return this.blockMap(top, token);
      case "block-seq":
        return this.blockSequence(top, token);
      case "flow-collection":
        return this.lineEnd(top, token);
      case "block-scalar":
        return outside();
      default:
        if (token.type === "map-value-ind") return this.scalarAsKey(top as FlowScalar, token);
        return this.lineEnd(top, token);
    }
  }

  // A value token arriving where the parser would start a block value or a map key.
  private placeValue(token: ValueToken | BlockScalar): void {
    const top = this.top();
    if (!top) return outside();
    switch (top.type) {
      case "document":
        if (top.value) return outside();
        this.stack.push(token as ValueToken);
        return;
      case "block-map": {
        const item = top.items[top.items.length - 1]!;
        if (this.indent < top.indent) {
          this.pop();
          return this.placeValue(token);
        }
        const atNextItem = !this.onKeyLine && this.indent === top.indent && "sep" in item && item.sep !== undefined;
        const start = atNextItem && item.value === undefined ? this.splitEmptyValue(top, item) : [];
        if (token.type === "block-scalar" || token.type === "flow-collection") {
          // a block value: only where a value is expected
          if (atNextItem || item.value !== undefined || !item.sep) return outside();
          this.stack.push(token as ValueToken);
          return;
        }
        if (atNextItem || item.value !== undefined) {
          top.items.push({ start, key: token, sep: [] });
          this.onKeyLine = true;
        } else if (item.sep) {
          this.stack.push(token);
        } else {
          Object.assign(item, { key: token, sep: [] });
          this.onKeyLine = true;
        }
        return;
      }
      case "block-seq":
        if (this.indent > top.indent) {
          this.stack.push(token as ValueToken);
          return;
        }
        this.pop();
        return this.placeValue(token);
      default:
        return outside();
    }
  }

  // For an item whose key has no value yet, when the next key arrives at the map's indent: the
  // parser hands the newlines after the first (blank lines, and what follows them) to the next key.
  private splitEmptyValue(map: BlockMap, item: BlockMapItem): SourceToken[] {
    const sep = item.sep!;
    const newlines: number[] = [];
    for (let index = 0; index < sep.length; index++) {
      const token = sep[index]!;
      if (token.type === "newline") newlines.push(index);
      else if (token.type === "space") continue;
      else if (token.type !== "comment" || token.indent > map.indent) newlines.length = 0;
    }
    return newlines.length >= 2 ? sep.splice(newlines[1]!) : [];
  }

  private blockMap(map: BlockMap, token: SourceToken): void {
    const item = map.items[map.items.length - 1]!;
    switch (token.type) {
      case "newline":
        this.onKeyLine = false;
        if (item.value) {
          const end = "end" in item.value ? item.value.end : undefined;
          if (Array.isArray(end) && end[end.length - 1]?.type === "comment") end.push(token);
          else map.items.push({ start: [token] });
        } else if (item.sep) item.sep.push(token);
        else item.start.push(token);
        return;
      case "space":
      case "comment":
        if (item.value) map.items.push({ start: [token] });
        else if (item.sep) item.sep.push(token);
        else if (!this.joinsPreviousValue(map, item.start, token)) item.start.push(token);
        return;
      case "anchor":
        // an anchor on the value: `key: &name`
        if (this.indent < map.indent || item.value !== undefined || !item.sep || (!this.onKeyLine && this.indent === map.indent)) return outside();
        item.sep.push(token);
        return;
      case "map-value-ind":
        if (this.indent < map.indent) break;
        if (!item.sep || item.value !== undefined || item.sep.some((entry) => entry.type === "map-value-ind")) return outside();
        if (!this.onKeyLine && this.indent === map.indent) return outside();
        item.sep.push(token);
        this.onKeyLine = true;
        return;
      case "seq-item-ind": {
        if (this.indent < map.indent) break;
        if (item.value !== undefined || !item.sep) return outside();
        // a block sequence starts on a line of its own
        if (!item.sep.some((entry) => entry.type === "newline")) return outside();
        this.stack.push({ type: "block-seq", offset: token.offset, indent: token.indent, items: [{ start: [token] }] });
        return;
      }
      default:
        return outside();
    }
    this.pop();
    this.step(token);
  }

  private blockSequence(sequence: BlockSequence, token: SourceToken): void {
    const item = sequence.items[sequence.items.length - 1]!;
    switch (token.type) {
      case "newline":
        if (item.value) {
          const end = "end" in item.value ? item.value.end : undefined;
          if (Array.isArray(end) && end[end.length - 1]?.type === "comment") end.push(token);
          else sequence.items.push({ start: [token] });
        } else item.start.push(token);
        return;
      case "space":
      case "comment":
        if (item.value) sequence.items.push({ start: [token] });
        else if (!this.joinsPreviousValue(sequence, item.start, token)) item.start.push(token);
        return;
      case "anchor":
        // an anchor on the item: `- &name`
        if (item.value || token.indent <= sequence.indent) return outside();
        item.start.push(token);
        return;
      case "seq-item-ind":
        if (token.indent === sequence.indent) {
          if (item.value || item.start.some((entry) => entry.type === "seq-item-ind")) sequence.items.push({ start: [token] });
          else item.start.push(token);
          return;
        }
        if (token.indent > sequence.indent) {
          this.stack.push({ type: "block-seq", offset: token.offset, indent: token.indent, items: [{ start: [token] }] });
          return;
        }
        break;
      default:
        if (token.indent > sequence.indent) return outside();
    }
    this.pop();
    this.step(token);
  }

  // A comment indented deeper than its collection, right after a value with an `end` (and only
  // blank space since): the parser makes it part of that value's end.
  private joinsPreviousValue(collection: BlockMap | BlockSequence, start: SourceToken[], token: SourceToken): boolean {
    if (token.type !== "comment" || token.indent <= collection.indent) return false;
    if (!start.every((entry) => entry.type === "newline" || entry.type === "space")) return false;
    const previous = collection.items[collection.items.length - 2];
    const end = previous?.value && "end" in previous.value ? previous.value.end : undefined;
    if (!Array.isArray(end)) return false;
    end.push(...start, token);
    collection.items.pop();
    return true;
  }

  // `- ` where the document's value starts: a new block sequence.
  private startSequence(token: SourceToken): void {
    this.stack.push({ type: "block-seq", offset: token.offset, indent: token.indent, items: [{ start: [token] }] });
  }

  // `key:` — the scalar on top becomes the first key of a new block map.
  private scalarAsKey(scalar: FlowScalar, token: SourceToken): void {
    const parent = this.stack[this.stack.length - 2]!;
    const previous = parent.type === "document" ? parent.start : parent.type === "block-map" ? (parent.items[parent.items.length - 1]!.sep ?? parent.items[parent.items.length - 1]!.start) : parent.type === "block-seq" ? parent.items[parent.items.length - 1]!.start : outside();
    const start = firstKeyStart(previous);
    let sep: SourceToken[];
    if (scalar.end) {
      sep = scalar.end;
      sep.push(token);
      delete scalar.end;
    } else sep = [token];
    this.stack[this.stack.length - 1] = { type: "block-map", offset: scalar.offset, indent: scalar.indent, items: [{ start, key: scalar, sep }] };
    this.onKeyLine = true;
  }

  private lineEnd(token: ValueToken | Document, next: SourceToken): void {
    if (next.type === "map-value-ind" || next.type === "seq-item-ind") return outside();
    if (next.type === "newline") this.onKeyLine = false;
    if (token.type === "document") return outside();
    if (token.end) token.end.push(next);
    else token.end = [next];
    if (next.type === "newline") this.pop();
  }

  private pop(): void {
    const token = this.stack.pop()!;
    const top = this.top();
    if (!top) {
      this.output.push(token as Token);
      return;
    }
    // a block scalar takes its parent's indent, not its header's
    if (token.type === "block-scalar") token.indent = "indent" in top ? top.indent : 0;
    switch (top.type) {
      case "document":
        // a scalar or flow collection as the whole document is not read here
        if (token.type !== "block-map" && token.type !== "block-seq") return outside();
        top.value = token as Token;
        break;
      case "block-map": {
        const item = top.items[top.items.length - 1]!;
        if (item.value || !item.sep) return outside();
        item.value = token as Token;
        break;
      }
      case "block-seq": {
        const item = top.items[top.items.length - 1]!;
        if (item.value) return outside();
        item.value = token as Token;
        break;
      }
      default:
        return outside();
    }
    if (token.type === "block-map" || token.type === "block-seq") {
      // trailing blank lines and comments less indented than the closed collection go to its parent
      const collection = token as BlockMap | BlockSequence;
      const last = collection.items[collection.items.length - 1];
      if (
        last &&
        !("sep" in last && last.sep) &&
        !last.value &&
        last.start.length > 0 &&
        last.start.every((entry) => entry.type === "space" || entry.type === "comment" || entry.type === "newline") &&
        (collection.indent === 0 || last.start.every((entry) => entry.type !== "comment" || entry.indent < collection.indent))
      ) {
        if (top.type === "document") top.end = last.start;
        else (top as BlockMap).items.push({ start: last.start } as BlockMapItem);
        collection.items.splice(-1, 1);
      }
    }
  }
}

// The props of a new map's first key: what follows the last indicator or newline before it.
function firstKeyStart(previous: SourceToken[]): SourceToken[] {
  if (previous.length === 0) return [];
  let index = previous.length;
  while (--index >= 0) {
    const type = previous[index]!.type;
    if (type === "map-value-ind" || type === "seq-item-ind" || type === "newline" || type === "doc-start" || type === "explicit-key-ind") break;
  }
  while (previous[++index]?.type === "space") {
    // skip the spaces
  }
  return previous.splice(index, previous.length);
}

const SPACE = 32;
const NEWLINE = 10;

// Cuts the text into tokens line by line and feeds them to the placer.
class LineScanner {
  private pos = 0;
  // the minimum indent of a line that continues the current value (as `yaml`'s lexer counts it)
  private indentNext = 0;
  private indentValue = 0;
  private inDocument = false;

  constructor(
    private readonly text: string,
    private readonly placer: TokenPlacer,
  ) {}

  scan(): void {
    const text = this.text;
    while (this.pos < text.length) this.line();
  }

  private lineEnd(from: number): number {
    const end = this.text.indexOf("\n", from);
    return end < 0 ? this.text.length : end;
  }

  private spacesAt(from: number): number {
    let index = from;
    while (this.text.charCodeAt(index) === SPACE) index++;
    return index - from;
  }

  private newline(): void {
    if (this.text.charCodeAt(this.pos) === NEWLINE) {
      this.placer.feed("newline", this.pos, "\n");
      this.pos++;
    }
  }

  private space(count: number): void {
    if (count > 0) {
      this.placer.feed("space", this.pos, this.text.substr(this.pos, count));
      this.pos += count;
    }
  }

  private line(): void {
    const text = this.text;
    const end = this.lineEnd(this.pos);
    const spaces = this.spacesAt(this.pos);
    const first = text[this.pos + spaces];
    if (!this.inDocument) {
      if (first === undefined || first === "\n" || first === "#") {
        this.space(spaces);
        this.rest(end);
        return;
      }
      if (spaces > 0) outside();
      this.inDocument = true;
      if (isMarker(text, this.pos, "---")) {
        // `---` alone on its line (or with a comment) opens the document
        this.placer.startDocument(this.pos, { type: "doc-start", offset: this.pos, indent: 0, source: "---" });
        this.pos += 3;
        const after = this.spacesAt(this.pos);
        if (this.pos + after < end && text[this.pos + after] !== "#") outside();
        this.rest(end);
        return;
      }
      this.placer.startDocument(this.pos);
    }
    if (spaces === 0 && (isMarker(text, this.pos, "---") || isMarker(text, this.pos, "..."))) outside();
    this.space(spaces);
    this.indentValue = spaces;
    if (this.indentNext > this.indentValue && !isEmpty(text[this.pos + 1])) this.indentNext = this.indentValue;
    // `- ` at the start of a line, maybe several
    while (text[this.pos] === "-" && isEmpty(text[this.pos + 1])) {
      const start = this.pos;
      this.placer.feed("seq-item-ind", this.pos, "-");
      this.pos++;
      const after = this.spacesAt(this.pos);
      this.space(after);
      this.indentNext = this.indentValue + 1;
      this.indentValue += this.pos - start;
    }
    this.rest(end);
  }

  // The rest of a line from `pos`: values, indicators, a comment, then the newline.
  private rest(end: number): void {
    const text = this.text;
    for (;;) {
      this.space(this.spacesAt(this.pos));
      if (this.pos >= end) {
        this.newline();
        return;
      }
      const char = text[this.pos]!;
      if (char === "\t") outside();
      if (char === "#") {
        this.placer.feed("comment", this.pos, text.slice(this.pos, end));
        this.pos = end;
        this.newline();
        return;
      }
      if (!this.inDocument) outside();
      if ((char === ":" || char === "-" || char === "?") && isEmpty(text[this.pos + 1])) {
        if (char !== ":") outside();
        this.indentNext = this.indentValue + 1;
        this.placer.feed("map-value-ind", this.pos, ":");
        this.pos++;
        continue;
      }
      switch (char) {
        case "'":
        case '"':
          this.quoted(char, end);
          continue;
        case "[":
        case "{":
          this.flow(end);
          continue;
        case "|":
        case ">":
          this.blockScalar(end);
          return;
        case "&":
          this.anchor(end);
          continue;
        case "*": {
          const close = this.anchorEnd(this.pos + 1, end);
          this.placer.value({ type: "alias", offset: this.pos, indent: 0, source: text.slice(this.pos, close) });
          this.pos = close;
          continue;
        }
        case "]":
        case "}":
        case "!":
        case "%":
        case "@":
        case "`":
        case ",":
          return outside();
        default:
          this.plain(end);
      }
    }
  }

  // `&name`, then white space or the end of the line.
  private anchor(end: number): void {
    const close = this.anchorEnd(this.pos + 1, end);
    this.placer.feed("anchor", this.pos, this.text.slice(this.pos, close));
    this.pos = close;
  }

  // Where an anchor or alias name starting at `from` ends; a name that runs into a flow
  // indicator, or an empty one, is not read here.
  private anchorEnd(from: number, end: number): number {
    let index = from;
    while (index < end && !" ,[]{}\t".includes(this.text[index]!)) index++;
    if (index === from || (index < end && this.text[index] !== " ")) outside();
    return index;
  }

  private quoted(quote: string, end: number): void {
    const text = this.text;
    this.placer.value(this.quotedToken(quote, end));
    const next = text[this.pos];
    if (next !== undefined && next !== " " && next !== "\n" && !(next === ":" && isEmpty(text[this.pos + 1]))) outside();
  }

  // A plain scalar on one line: up to `: `, ` #` or the line's end, trailing spaces left out.
  private plain(end: number): void {
    const text = this.text;
    const start = this.pos;
    let last = start;
    let index = start;
    let stoppedAtEnd = true;
    for (; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 58 /* : */) {
        const next = text.charCodeAt(index + 1);
        if (index + 1 >= text.length || next === SPACE || next === NEWLINE || next === 9) {
          stoppedAtEnd = false;
          break;
        }
        last = index;
      } else if (code === SPACE || code === 9 /* tab */) {
        if (text.charCodeAt(index + 1) === 35 /* # */) {
          stoppedAtEnd = false;
          break;
        }
      } else last = index;
    }
    if (stoppedAtEnd && this.continuesOnNextLine(end)) outside();
    this.placer.value({ type: "scalar", offset: start, indent: 0, source: text.slice(start, last + 1) });
    this.pos = last + 1;
  }

  // Whether the lines after a plain scalar that ends its line continue it: the next line that is
  // neither blank nor a comment, indented at least as far as a continuation must be.
  private continuesOnNextLine(end: number): boolean {
    const text = this.text;
    let from = end;
    while (from < text.length) {
      const lineStart = from + 1;
      const spaces = this.spacesAt(lineStart);
      const char = text[lineStart + spaces];
      if (char === undefined) return false;
      if (char === "\n") {
        from = lineStart + spaces;
        continue;
      }
      if (char === "\t") outside();
      if (spaces < this.indentNext) return false;
      return char !== "#";
    }
    return false;
  }

  // `[a, "b"]`, `[]` or `{}`, on one line.
  private flow(end: number): void {
    const text = this.text;
    const open = text[this.pos]!;
    const start: SourceToken = { type: open === "[" ? "flow-seq-start" : "flow-map-start", offset: this.pos, indent: 0, source: open };
    const collection: FlowCollection = { type: "flow-collection", offset: this.pos, indent: 0, start, items: [], end: [] };
    this.pos++;
    const closer = open === "[" ? "]" : "}";
    const item = () => collection.items[collection.items.length - 1];
    const spaceToken = () => {
      const count = this.spacesAt(this.pos);
      if (count === 0) return undefined;
      const token: SourceToken = { type: "space", offset: this.pos, indent: 0, source: text.substr(this.pos, count) };
      this.pos += count;
      return token;
    };
    for (;;) {
      const space = spaceToken();
      if (space) {
        const current = item();
        if (!current || current.value) collection.items.push({ start: [space] });
        else current.start.push(space);
      }
      if (this.pos >= end) outside();
      const char = text[this.pos]!;
      if (char === closer) {
        collection.end.push({ type: open === "[" ? "flow-seq-end" : "flow-map-end", offset: this.pos, indent: 0, source: char });
        this.pos++;
        break;
      }
      if (open === "{") outside();
      if (char === ",") {
        const current = item();
        const comma: SourceToken = { type: "comma", offset: this.pos, indent: 0, source: "," };
        if (!current || current.value) collection.items.push({ start: [comma] });
        else current.start.push(comma);
        this.pos++;
        continue;
      }
      let value: FlowScalar;
      if (char === '"' || char === "'") value = this.flowQuoted(char, end);
      else value = this.flowPlain(end);
      const current = item();
      // the spaces after a value, before its comma or the end, are its own
      value.end = [];
      const after = spaceToken();
      if (after) value.end.push(after);
      if (!current || current.value) collection.items.push({ start: [], value });
      else current.value = value;
    }
    this.placer.value(collection);
    const next = text[this.pos];
    if (next !== undefined && next !== " " && next !== "\n") outside();
  }

  // A quoted scalar on this line, from its opening quote at `pos` to its closing one ('' and \" do
  // not close it); `pos` moves past it.
  private quotedToken(quote: string, end: number): FlowScalar {
    const text = this.text;
    let close = text.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (close !== -1 && text[close + 1] === "'") close = text.indexOf("'", close + 2);
    } else {
      while (close !== -1) {
        let backslashes = 0;
        while (text[close - 1 - backslashes] === "\\") backslashes++;
        if (backslashes % 2 === 0) break;
        close = text.indexOf('"', close + 1);
      }
    }
    if (close === -1 || close >= end) outside();
    const token: FlowScalar = { type: quote === "'" ? "single-quoted-scalar" : "double-quoted-scalar", offset: this.pos, indent: 0, source: text.slice(this.pos, close + 1) };
    this.pos = close + 1;
    return token;
  }

  private flowQuoted(quote: string, end: number): FlowScalar {
    const text = this.text;
    const token = this.quotedToken(quote, end);
    const next = text[this.pos];
    if (next !== " " && next !== "," && next !== "]") outside();
    return token;
  }

  // A plain scalar inside `[...]`: up to `,`, `]`, or spaces before them.
  private flowPlain(end: number): FlowScalar {
    const text = this.text;
    const start = this.pos;
    const char = text[start]!;
    if ("#{}[]*&!%@`,".includes(char)) outside();
    if ("-?:".includes(char) && (isEmpty(text[start + 1]) || ",[]{}".includes(text[start + 1]!))) outside();
    let last = start;
    let index = start;
    for (; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 44 /* , */ || code === 93 /* ] */) break;
      if (code === 91 || code === 123 || code === 125 || code === 9) outside();
      if (code === 58 /* : */) {
        const next = text[index + 1];
        if (next === undefined || next === " " || next === "\n" || next === "," || next === "]" || next === "[" || next === "{" || next === "}") outside();
      }
      if (code === SPACE) {
        if (text.charCodeAt(index + 1) === 35) outside();
        continue;
      }
      last = index;
    }
    if (index >= end) outside();
    this.pos = last + 1;
    return { type: "scalar", offset: start, indent: 0, source: text.slice(start, last + 1) };
  }

  // `|`, `|-`, `>+`, `|2`…: the header line, then the text lines `yaml`'s lexer takes into it.
  private blockScalar(end: number): void {
    const text = this.text;
    const headerStart = this.pos;
    let index = headerStart + 1;
    let keep = false;
    let explicit = -1;
    for (;;) {
      const char = text[index];
      if (char === "+") keep = true;
      else if (char !== undefined && char > "0" && char <= "9") explicit = Number(char) - 1;
      else if (char !== "-") break;
      index++;
    }
    const header = text.slice(headerStart, index);
    if (!/^[|>](?:[-+]?[1-9]?|[1-9][-+])$/.test(header)) outside();
    const props: SourceToken[] = [{ type: "block-scalar-header", offset: headerStart, indent: 0, source: header }];
    let at = index;
    const spaces = this.spacesAt(at);
    if (spaces > 0) props.push({ type: "space", offset: at, indent: 0, source: text.substr(at, spaces) });
    at += spaces;
    if (at < end) {
      if (text[at] !== "#" || spaces === 0) outside();
      props.push({ type: "comment", offset: at, indent: 0, source: text.slice(at, end) });
    }
    if (end >= text.length) outside();
    props.push({ type: "newline", offset: end, indent: 0, source: "\n" });
    const bodyStart = end + 1;
    // the indent of the first line with text (leading blank lines skipped)
    let nl = bodyStart - 1;
    let indent = 0;
    let scan = bodyStart;
    let char: string | undefined;
    for (; (char = text[scan]) !== undefined; scan++) {
      if (char === " ") indent++;
      else if (char === "\n") {
        nl = scan;
        indent = 0;
      } else break;
    }
    if (char === "\t") outside();
    let indentNext = this.indentNext;
    if (indent >= indentNext) {
      indentNext = explicit === -1 ? indent : explicit + (indentNext === 0 ? 1 : indentNext);
      do {
        const lineStart = nl + 1;
        const lineSpaces = this.spacesAt(lineStart);
        const first = text[lineStart + lineSpaces];
        const continues = first === "\n" || lineSpaces >= indentNext;
        if (!continues || lineStart >= text.length) break;
        nl = text.indexOf("\n", lineStart + lineSpaces);
      } while (nl !== -1);
      if (nl === -1) nl = text.length;
    }
    this.indentNext = indentNext;
    let after = nl + 1;
    while (text[after] === " ") after++;
    if (text[after] === "\t") outside();
    if (!keep) {
      for (;;) {
        let back = nl - 1;
        const lastChar = back;
        while (text[back] === " ") back--;
        if (text[back] === "\n" && back >= bodyStart && back + 1 + indent > lastChar) nl = back;
        else break;
      }
    }
    // tabs inside the text are its own; only one after the text's last line is left to `yaml`
    const source = text.slice(bodyStart, nl + 1);
    this.pos = bodyStart + source.length;
    this.placer.blockScalar({ type: "block-scalar", offset: headerStart, indent: 0, props, source });
  }
}

// `---` or `...` at `at`, followed by white space or the end.
function isMarker(text: string, at: number, marker: string): boolean {
  return text.startsWith(marker, at) && isEmpty(text[at + 3]);
}

function isEmpty(char: string | undefined): boolean {
  return char === undefined || char === " " || char === "\n" || char === "\r" || char === "\t";
}
