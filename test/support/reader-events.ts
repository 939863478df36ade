import type { ObjectReader } from "@actions/workflow-parser/templates/object-reader";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";

/**
 * Every event a reader of GitHub's parser gives, in order, with everything its token carries, and
 * what it threw, if it did (a `!!binary` scalar: the parser records the throw after the events read
 * before it). `places: false` leaves out where a token is in the text (its range, the text as
 * written, a block scalar's header): what the parser's messages alone read.
 */
export function readerEvents(reader: ObjectReader, options: { places?: boolean } = {}): unknown[] {
  const events: unknown[] = [];
  const describe = (kind: string, token: TemplateToken) => {
    const fields = token as unknown as Record<string, unknown>;
    const placed = options.places === false ? {} : { range: token.range, source: fields["source"], header: fields["blockScalarHeader"] };
    events.push({ kind, type: token.constructor.name, file: token.file, value: fields["value"], ...placed });
  };
  try {
    reader.validateStart();
    for (;;) {
      let token: TemplateToken | undefined;
      if ((token = reader.allowLiteral())) describe("literal", token);
      else if ((token = reader.allowSequenceStart())) describe("sequence", token);
      else if ((token = reader.allowMappingStart())) describe("mapping", token);
      else if (reader.allowSequenceEnd()) events.push("sequence end");
      else if (reader.allowMappingEnd()) events.push("mapping end");
      else break;
    }
    reader.validateEnd();
  } catch (error) {
    events.push({ threw: (error as Error).message });
  }
  return events;
}
