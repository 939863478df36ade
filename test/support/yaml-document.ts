// A YAML document described node by node, to compare two readers of the same text with toEqual.
import { expect } from "vitest";
import { type Document, type LineCounter, isAlias, isDocument, isMap, isPair, isScalar, isSeq } from "yaml";

// What lint and GitHub's parser read of a document, node by node: classes, values, how each scalar
// was written, positions, comments, blank lines, and the source token each node keeps.
function describeNode(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  // a collection's or pair's source token holds all of its items' (compared once, whole, below)
  if (isPair(node)) return { pair: true, key: describeNode(node.key), value: describeNode(node.value), srcToken: node.srcToken && Object.keys(node.srcToken) };
  const base = node as { range?: unknown; comment?: unknown; commentBefore?: unknown; spaceBefore?: unknown; anchor?: unknown; tag?: unknown; srcToken?: unknown; constructor: { name: string } };
  const common = { class: base.constructor.name, range: base.range, comment: base.comment, commentBefore: base.commentBefore, spaceBefore: base.spaceBefore, anchor: base.anchor, tag: base.tag, srcToken: base.srcToken };
  if (isScalar(node)) return { ...common, value: node.value, type: node.type, format: (node as { format?: unknown }).format, source: node.source, minFractionDigits: (node as { minFractionDigits?: unknown }).minFractionDigits };
  if (isAlias(node)) return { ...common, source: node.source };
  if (isMap(node) || isSeq(node)) return { ...common, srcToken: node.srcToken && { type: node.srcToken.type, offset: node.srcToken.offset }, flow: node.flow, items: node.items.map(describeNode) };
  return { unexpected: String(node) };
}

export function describeDocument(document: Document, lineCounter: LineCounter): unknown {
  expect(isDocument(document)).toBe(true);
  return {
    class: document.constructor.name,
    contents: describeNode(document.contents),
    range: document.range,
    comment: document.comment,
    commentBefore: document.commentBefore,
    directives: { docStart: document.directives?.docStart, docEnd: document.directives?.docEnd },
    errors: document.errors.map(String),
    warnings: document.warnings.map(String),
    // the line counter is the one passed in (its functions differ from instance to instance)
    options: { ...document.options, lineCounter: (document.options as { lineCounter?: unknown }).lineCounter === lineCounter },
    lineStarts: lineCounter.lineStarts,
    text: attempt(() => document.toString()),
    value: attempt(() => document.toJS({ maxAliasCount: -1 }) as unknown),
  };
}

// A value, or the message of what it throws (a document with an alias to nothing cannot be written).
function attempt(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
}
