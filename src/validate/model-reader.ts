// An output of `gen` is YAML that trunkline's emitter wrote from a value, and reads back as that very
// value (test/property/emit-roundtrip.test.ts holds the emitter to it, keys in the value's order).
// GitHub's parser can then read the value itself instead of parsing the text again: the same
// events and the same tokens, less the places in the text, which only its messages use. A parse of
// the text was a third of the parser's time on a cold gen's worker. An output the parser finds
// fault with is read again from its text (parser.ts), so every message has its place.
import type { ObjectReader } from "@actions/workflow-parser/templates/object-reader";
import { BooleanToken, type LiteralToken, MappingToken, NullToken, NumberToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import type { Json, JsonObject } from "../model/json.js";

// The parser reads a token's range while it splits a one-line string into its expressions, so every
// token has one; one place for all, as no message from this reading is shown.
const NOWHERE: TokenRange = Object.freeze({ start: Object.freeze({ line: 1, column: 1 }), end: Object.freeze({ line: 1, column: 1 }) });

type Token = LiteralToken | SequenceToken | MappingToken;
const isSequence = (token: Token): token is SequenceToken => token instanceof SequenceToken;
const isMapping = (token: Token): token is MappingToken => token instanceof MappingToken;
const isLiteral = (token: Token): token is LiteralToken => !isSequence(token) && !isMapping(token);

/** An ObjectReader over a workflow value: the events GitHub's YAML reader gives for the text the emitter writes from it. */
export class ModelReader implements ObjectReader {
  private readonly tokens: (Token | "sequence end" | "mapping end" | "document")[] = ["document"];
  private next = 0;

  constructor(
    root: JsonObject,
    private readonly fileId: number,
  ) {
    this.walk(root);
    this.tokens.push("document");
  }

  allowLiteral(): LiteralToken | undefined {
    return this.takeToken(isLiteral);
  }

  allowSequenceStart(): SequenceToken | undefined {
    return this.takeToken(isSequence);
  }

  allowSequenceEnd(): boolean {
    return this.take("sequence end");
  }

  allowMappingStart(): MappingToken | undefined {
    return this.takeToken(isMapping);
  }

  allowMappingEnd(): boolean {
    return this.take("mapping end");
  }

  validateStart(): void {
    if (this.next !== 0 || this.tokens[0] !== "document") throw new Error("Expected start of reader");
    this.next++;
  }

  validateEnd(): void {
    if (this.tokens[this.next] !== "document") throw new Error("Expected end of reader");
    this.next++;
  }

  // Moves past the next event when it is a token of the kind asked for.
  private takeToken<Kind extends Token>(isKind: (token: Token) => token is Kind): Kind | undefined {
    const token = this.tokens[this.next];
    if (typeof token !== "object" || !isKind(token)) return undefined;
    this.next++;
    return token;
  }

  private take(end: "sequence end" | "mapping end"): boolean {
    if (this.tokens[this.next] !== end) return false;
    this.next++;
    return true;
  }

  private walk(value: Json): void {
    if (Array.isArray(value)) {
      this.tokens.push(new SequenceToken(this.fileId, NOWHERE, undefined));
      // a hole reads as null, as the emitter writes it
      for (const item of value) this.walk(item ?? null);
      this.tokens.push("sequence end");
    } else if (value !== null && typeof value === "object") {
      this.tokens.push(new MappingToken(this.fileId, NOWHERE, undefined));
      for (const key in value) {
        const item = value[key];
        // an absent value is no entry, as the emitter writes none
        if (item === undefined) continue;
        this.tokens.push(new StringToken(this.fileId, NOWHERE, key, undefined));
        this.walk(item);
      }
      this.tokens.push("mapping end");
    } else {
      this.tokens.push(this.literalOf(value));
    }
  }

  private literalOf(value: string | number | boolean | null): LiteralToken {
    if (value === null) return new NullToken(this.fileId, NOWHERE, undefined);
    switch (typeof value) {
      case "number":
        return new NumberToken(this.fileId, NOWHERE, value, undefined);
      case "boolean":
        return new BooleanToken(this.fileId, NOWHERE, value, undefined);
      default:
        return new StringToken(this.fileId, NOWHERE, value, undefined);
    }
  }
}
