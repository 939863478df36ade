// Anchors and aliases are the one part of YAML that can make a parsed document unreadable as
// data: an alias with no anchor before it, an alias inside the value its anchor marks (the value
// would contain itself), or aliases nested so that the value grows exponentially ("billion
// laughs"). The `yaml` package throws on the first, builds a cyclic object for the second (which
// every later walk recurses into without end) and expands the third. One walk over the document
// finds all three, at the alias, before anything turns it into data.
import { type Document, type LineCounter, type Node, isAlias, isCollection, isMap, isPair, isScalar, isSeq } from "yaml";

/** Why a YAML document cannot be read as data, at the alias that makes it so (1-based). */
export interface YamlProblem {
  message: string;
  hint: string;
  line?: number;
  column?: number;
}

/** A document read as data, or the problems that keep it from being read. */
export type YamlValue = { value: unknown; problems: [] } | { value?: undefined; problems: YamlProblem[] };

/**
 * How many values (scalars, mappings, sequences) aliases may expand a document to. Far above any
 * real workflow (a large one holds a few thousand), low enough that every layer reads it at once.
 */
export const MAX_EXPANDED_VALUES = 100_000;

/**
 * The plain value of a document parsed without errors (positions come from the `lineCounter` it
 * was parsed with), with anchors and aliases resolved, after
 * checking that they can be: every alias names an anchor set before it, none sits inside the
 * value it repeats, and together they expand the document to at most {@link MAX_EXPANDED_VALUES}.
 */
export function yamlValue(document: Document, lineCounter?: LineCounter): YamlValue {
  // most workflows have no alias at all: nothing to check, and a walk that builds the value is
  // several times quicker than yaml's general conversion
  const read: PlainRead = { anchors: new Map(), aliased: false };
  const plain = plainValueOf(document.contents, read);
  if (plain !== UNUSUAL && !read.aliased) return { value: plain, problems: [] };
  const problems = aliasProblems(document, lineCounter);
  if (problems.length > 0) return { problems };
  // every alias names a value that comes whole before it: the walk repeated that very value
  if (plain !== UNUSUAL) return { value: plain, problems: [] };
  try {
    // the walk above bounds what the aliases expand to, so yaml's own alias count is not needed
    return { value: document.toJS({ maxAliasCount: -1 }) as unknown, problems: [] };
  } catch (error) {
    // NOTE: the walk covers every way toJS is known to fail on a document without errors; this
    // keeps an unknown one a finding about the file rather than a crash of the whole run
    return { problems: [{ message: `the YAML cannot be read as data: ${(error as Error).message.split("\n")[0]}`, hint: "simplify its anchors and aliases, or write the values out" }] };
  }
}

// What plainValueOf returns for a node it leaves to yaml's own conversion.
const UNUSUAL: unique symbol = Symbol("unusual");

// The anchored values a walk has met, by anchor, and whether it met an alias.
interface PlainRead {
  anchors: Map<string, unknown>;
  aliased: boolean;
}

// The value `document.toJS()` gives, for a document of mappings with scalar keys, sequences and
// plain scalars (string, number, boolean, null) only; anything else (a key that is not a plain
// scalar, `<<` or `__proto__`, a tagged value) is UNUSUAL, and yaml converts the document. Each
// anchored value goes in `read.anchors` where yaml meets its node, a collection before its items,
// and an alias gives the value last met with its anchor, the very same object, as toJS does; the
// caller checks the aliases (aliasProblems) before it trusts a value that has any.
function plainValueOf(node: unknown, read: PlainRead): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const value = node.value;
    if (!(value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")) return UNUSUAL;
    if (node.anchor) read.anchors.set(node.anchor, value);
    return value;
  }
  if (isAlias(node)) {
    read.aliased = true;
    return read.anchors.has(node.source) ? read.anchors.get(node.source) : UNUSUAL;
  }
  // a tagged collection (`!!set`, `!!omap`) may convert to something else than an object or array
  if (isCollection(node) && node.tag) return UNUSUAL;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    if (node.anchor) read.anchors.set(node.anchor, object);
    for (const pair of node.items) {
      const key = pair.key;
      if (!isScalar(key)) return UNUSUAL;
      // an anchored key may be what a later alias names: yaml's conversion reads that
      if (key.anchor) return UNUSUAL;
      const keyValue = key.value;
      // toJS names a null key "" and writes other scalars as String() does
      const name = keyValue === null ? "" : typeof keyValue === "string" || typeof keyValue === "number" || typeof keyValue === "boolean" ? String(keyValue) : undefined;
      if (name === undefined || name === "<<" || name === "__proto__") return UNUSUAL;
      const value = plainValueOf(pair.value, read);
      if (value === UNUSUAL) return UNUSUAL;
      object[name] = value;
    }
    return object;
  }
  if (isSeq(node)) {
    const items: unknown[] = [];
    if (node.anchor) read.anchors.set(node.anchor, items);
    for (const item of node.items) {
      const value = plainValueOf(item, read);
      if (value === UNUSUAL) return UNUSUAL;
      items.push(value);
    }
    return items;
  }
  return UNUSUAL;
}

/** The problems {@link yamlValue} reports, found by one walk in document order. */
export function aliasProblems(document: Document, lineCounter?: LineCounter): YamlProblem[] {
  const problems: YamlProblem[] = [];
  // positions only when the document was parsed with a line counter
  const position = (node: Node) => {
    if (!node.range || !lineCounter) return {};
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
  // An alias repeats the last value with its anchor before it, in document order (as `yaml` resolves it).
  const anchors = new Map<string, Node>();
  // values (with what their aliases expand to) of each anchored node already walked
  const sizes = new Map<Node, number>();
  // anchored nodes the walk is inside of: an alias to one of them would repeat its own container
  const open = new Set<Node>();
  let expanded = 0;
  let isTooLarge = false;
  const walk = (node: unknown, isMergeKey: boolean): number => {
    if (isPair(node)) {
      return walk(node.key, false) + walk(node.value, isMergeKeyOf(node.key));
    }
    if (isAlias(node)) {
      const anchored = anchors.get(node.source);
      if (!anchored) {
        problems.push({
          message: `alias *${node.source} repeats no value: no anchor &${node.source} comes before it`,
          hint: `mark the value to repeat with &${node.source} above this line, or write the value here`,
          ...position(node),
        });
        return 1;
      }
      if (open.has(anchored)) {
        const start = position(anchored).line;
        const anchoredAt = `&${node.source}${start ? `, which starts at line ${start}` : ""}`;
        problems.push({
          message: isMergeKey
            ? `merge key <<: *${node.source} is inside the mapping it merges (${anchoredAt}), so the mapping would contain itself`
            : `alias *${node.source} is inside the value it repeats (${anchoredAt}), so that value would contain itself`,
          hint: "repeat a value defined outside this one, or write the repeated part out",
          ...position(node),
        });
        return 1;
      }
      const size = sizes.get(anchored) ?? 1;
      expanded += size;
      if (expanded > MAX_EXPANDED_VALUES && !isTooLarge) {
        isTooLarge = true;
        problems.push({
          message: `aliases expand this file to more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values; here *${node.source} repeats ${size.toLocaleString("en-US")} of them`,
          hint: "repeat fewer values, or nest fewer aliases inside anchored values",
          ...position(node),
        });
      }
      return size;
    }
    if (!isScalar(node) && !isCollection(node)) return 0;
    const anchor = node.anchor;
    if (anchor) {
      anchors.set(anchor, node);
      open.add(node);
    }
    let size = 1;
    // `<<: [*a, *b]` merges each item
    if (isCollection(node)) for (const item of node.items) size += walk(item, isMergeKey && isSeq(node));
    if (anchor) {
      open.delete(node);
      sizes.set(node, size);
    }
    return size;
  };
  walk(document.contents, false);
  return problems;
}

// `<<` is a plain key unless the document was parsed with merge keys on, which makes it a symbol.
function isMergeKeyOf(key: unknown): boolean {
  if (!isScalar(key)) return false;
  return key.value === "<<" || (typeof key.value === "symbol" && key.value.description === "<<");
}
