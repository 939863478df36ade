// GitHub's own YAML reader yields the parser's events from nested generators, one level per depth
// of the document, so every event climbs the whole stack back up: a tenth of the parser's time on a
// real workflow. This one lists the same events, with the same tokens, in one walk over a document
// parsed already (event-list-reader.ts).
import { type Alias, type Document, type LineCounter, type Node, type Scalar, isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit } from "yaml";
import { BooleanToken, type LiteralToken, MappingToken, NullToken, NumberToken, SequenceToken, StringToken } from "@actions/workflow-parser/templates/tokens/index";
import type { TokenRange } from "@actions/workflow-parser/templates/tokens/token-range";

import { DOCUMENT_END, DOCUMENT_START, EventListReader, LITERAL, MAPPING_END, MAPPING_START, SEQUENCE_END, SEQUENCE_START } from "./event-list-reader.js";

/**
 * An ObjectReader over a `yaml` document parsed with `PARSER_YAML_OPTIONS` and no errors: the
 * events and tokens GitHub's YAML reader gives for the same text, aliases resolved the same way.
 */
export class DocumentReader extends EventListReader {
  // What each alias names, found by one walk on the first alias (yaml's own resolve walks the whole document for each).
  private aliasTargets: Map<Alias, Node> | undefined;

  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    private readonly fileId: number,
  ) {
    super();
    this.push(DOCUMENT_START, undefined);
    try {
      this.walk(document.contents, new Set());
      this.push(DOCUMENT_END, undefined);
    } catch (error) {
      this.failure = error;
    }
  }

  // The events of one node, in the order GitHub's reader yields them. `resolving` holds the anchored
  // nodes whose aliases are being expanded: an alias back into one of them gives nothing, as there.
  private walk(node: unknown, resolving: ReadonlySet<unknown>): void {
    if (isCollection(node)) {
      const range = this.rangeOf(node);
      const isSequence = isSeq(node);
      if (isSequence) this.push(SEQUENCE_START, new SequenceToken(this.fileId, range, undefined));
      else if (isMap(node)) this.push(MAPPING_START, new MappingToken(this.fileId, range, undefined));
      for (const item of node.items) this.walk(item, resolving);
      if (isSequence) this.push(SEQUENCE_END, undefined);
      else if (isMap(node)) this.push(MAPPING_END, undefined);
    } else if (isScalar(node)) {
      this.push(LITERAL, this.literalOf(node));
    } else if (isAlias(node)) {
      const resolved = this.targetOf(node);
      if (!resolved || resolving.has(resolved)) return;
      this.walk(resolved, new Set([...resolving, resolved]));
    } else if (isPair(node)) {
      // NOTE: the key is read as a scalar whatever it is (a missing one throws), as GitHub's reader reads it
      const key = node.key as Scalar;
      this.push(LITERAL, new StringToken(this.fileId, this.rangeOf(key), key.value as string, undefined));
      this.walk(node.value, resolving);
    }
  }

  // The node an alias names: the last one before it, in yaml's walk of the document, with its anchor (as `Alias.resolve` finds it).
  private targetOf(alias: Alias): Node | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<Alias, Node>();
      const anchored = new Map<string, Node>();
      visit(this.document, {
        Node: (_key, node) => {
          if (isAlias(node)) {
            const target = anchored.get(node.source);
            if (target) targets.set(node, target);
          } else if (node.anchor) anchored.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }

  private literalOf(node: Scalar): LiteralToken {
    const range = this.rangeOf(node);
    const value = node.value;
    if (value === null || value === undefined) return new NullToken(this.fileId, range, undefined);
    switch (typeof value) {
      case "number":
        return new NumberToken(this.fileId, range, value, undefined);
      case "boolean":
        return new BooleanToken(this.fileId, range, value, undefined);
      case "string": {
        // the text as written, and a block scalar's header (`|-`), which the parser's messages and
        // expression positions read
        const source = node.srcToken && "source" in node.srcToken ? node.srcToken.source : undefined;
        const token = node.srcToken;
        const header = token?.type === "block-scalar" ? token.props.find((prop) => prop.type === "block-scalar-header") : undefined;
        return new StringToken(this.fileId, range, value, undefined, source, header && "source" in header && header.source ? header.source : undefined);
      }
      default:
        throw new Error(`Unexpected value type '${typeof value}' when reading object`);
    }
  }

  private rangeOf(node: Node | null | undefined): TokenRange | undefined {
    const range = node?.range;
    if (!range || range[0] === undefined || range[1] === undefined) return undefined;
    const start = this.lineCounter.linePos(range[0]);
    const end = this.lineCounter.linePos(range[1]);
    return { start: { line: start.line, column: start.col }, end: { line: end.line, column: end.col } };
  }
}
