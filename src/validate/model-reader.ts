// An output of `gen` is YAML that trunkline's emitter wrote from a value, and reads back as that very
// value (test/property/emit-roundtrip.test.ts holds the emitter to it, keys in the value's order).
// GitHub's parser can then read the value itself instead of parsing the text again: the same
// events and the same tokens, less the places in the text, which only its messages use. A parse of
// the text was a third of the parser's time on a cold gen's worker. An output the parser finds
// fault with is read again from its text (parser.ts), so every message has its place.
import { BooleanToken, type LiteralToken, MappingToken, NullToken, NumberToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";
import type { Json, JsonObject } from "../model/json.js";
import { DOCUMENT_END, DOCUMENT_START, EventListReader, LITERAL, MAPPING_END, MAPPING_START, SEQUENCE_END, SEQUENCE_START } from "./event-list-reader.js";

// The parser reads a token's range while it splits a one-line string into its expressions, so every
// token has one; one place for all, as no message from this reading is shown.
const NOWHERE: TokenRange = Object.freeze({ start: Object.freeze({ line: 1, column: 1 }), end: Object.freeze({ line: 1, column: 1 }) });

/** An ObjectReader over a workflow value: the events GitHub's YAML reader gives for the text the emitter writes from it. */
export class ModelReader extends EventListReader {
  constructor(
    root: JsonObject,
    private readonly fileId: number,
  ) {
    super();
    this.push(DOCUMENT_START, undefined);
    this.walk(root);
    this.push(DOCUMENT_END, undefined);
  }

  private walk(value: Json): void {
    if (Array.isArray(value)) {
      this.push(SEQUENCE_START, new SequenceToken(this.fileId, NOWHERE, undefined));
      // a hole reads as null, as the emitter writes it
      for (const item of value) this.walk(item ?? null);
      this.push(SEQUENCE_END, undefined);
    } else if (value !== null && typeof value === "object") {
      this.push(MAPPING_START, new MappingToken(this.fileId, NOWHERE, undefined));
      for (const key in value) {
        const item = value[key];
        // an absent value is no entry, as the emitter writes none
        if (item === undefined) continue;
        this.push(LITERAL, new StringToken(this.fileId, NOWHERE, key, undefined));
        this.walk(item);
      }
      this.push(MAPPING_END, undefined);
    } else {
      this.push(LITERAL, this.literalOf(value));
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
