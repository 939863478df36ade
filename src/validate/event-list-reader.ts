// GitHub's parser reads YAML through an ObjectReader: a stream of events (mapping start, literal,
// sequence end…) it asks for one at a time. The readers here list every event of a workflow first,
// in one walk (over a parsed document, document-reader.ts, or over a value, model-reader.ts), and
// hand them out by index.
import type { ObjectReader } from "@actions/workflow-parser/templates/object-reader";
import type { LiteralToken, MappingToken, SequenceToken } from "@actions/workflow-parser/templates/tokens/index";

// The parser's event kinds, as its own reader numbers them (templates/parse-event.js).
export const LITERAL = 0;
export const SEQUENCE_START = 1;
export const SEQUENCE_END = 2;
export const MAPPING_START = 3;
export const MAPPING_END = 4;
export const DOCUMENT_START = 5;
export const DOCUMENT_END = 6;

/** An ObjectReader over events listed by a subclass's walk, with {@link push}. */
export abstract class EventListReader implements ObjectReader {
  private readonly kinds: number[] = [];
  private readonly tokens: (LiteralToken | SequenceToken | MappingToken | undefined)[] = [];
  private next = 0;
  /**
   * What the walk threw, if it did: GitHub's reader throws where it reaches a value no token can
   * hold (a `!!binary` scalar), which the parser records as an error after the events before it.
   * It is thrown again there.
   */
  protected failure: unknown;

  allowLiteral(): LiteralToken | undefined {
    return this.take(LITERAL) ? (this.tokens[this.next - 1] as LiteralToken) : undefined;
  }

  allowSequenceStart(): SequenceToken | undefined {
    return this.take(SEQUENCE_START) ? (this.tokens[this.next - 1] as SequenceToken) : undefined;
  }

  allowSequenceEnd(): boolean {
    return this.take(SEQUENCE_END);
  }

  allowMappingStart(): MappingToken | undefined {
    return this.take(MAPPING_START) ? (this.tokens[this.next - 1] as MappingToken) : undefined;
  }

  allowMappingEnd(): boolean {
    return this.take(MAPPING_END);
  }

  validateStart(): void {
    if (!this.take(DOCUMENT_START)) throw new Error("Expected start of reader");
  }

  validateEnd(): void {
    if (!this.take(DOCUMENT_END)) throw new Error("Expected end of reader");
  }

  protected push(kind: number, token: LiteralToken | SequenceToken | MappingToken | undefined): void {
    this.kinds.push(kind);
    this.tokens.push(token);
  }

  // Moves past the next event when it is of `kind`. GitHub's reader reads one event ahead, so it
  // throws while moving past the last event before the value it cannot read.
  private take(kind: number): boolean {
    if (this.kinds[this.next] !== kind) return false;
    if (this.failure !== undefined && this.next + 1 === this.kinds.length) throw this.failure;
    this.next++;
    return true;
  }
}
