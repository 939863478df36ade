import { type Document, LineCounter, type Node, type Pair, isAlias, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { formatPath } from "../normalize/to-json.js";
import { yamlValue } from "../validate/yaml-value.js";

/** The comments found next to one place in a workflow, as the text after each `#`. */
export interface PlaceComments {
  /** Full-line comments just above the place. */
  before: string[];
  /** The comment at the end of the place's first line. */
  trailing?: string;
  /** Full-line comments after the last entry of a mapping or list, still indented inside it. */
  end: string[];
}

/** A workflow file read for import: its value exactly as YAML parsers see it, and its comments. */
export interface ReadWorkflow {
  /** The parsed value: anchors and aliases expanded, `<<` merge keys applied. */
  value: Json;
  /** Comments by place, keyed by {@link commentKey}; the root ("") holds the file's leading comments. */
  comments: Map<string, PlaceComments>;
  /** Comments after everything else in the file. */
  trailingFileComments: string[];
}

/** What went wrong reading a file, with a 1-based position when there is one. */
export interface ReadProblem {
  message: string;
  /** What to do about it, when there is more to say than "fix the YAML". */
  hint?: string;
  line?: number;
  column?: number;
}

/** Joins a workflow path into a comment-map key. */
export function commentKey(path: WorkflowPath): string {
  return path.join("\u0000");
}

// YAML 1.2 with `<<` merge keys applied, as the round-trip check reads the original; duplicate keys
// are an error, since which value a reader keeps is then anyone's guess.
const YAML_READ_OPTIONS = { merge: true, uniqueKeys: true } as const;

/**
 * Parses workflow YAML for import. The value comes from the same parse the round-trip check uses
 * (YAML 1.2 core schema, merge keys on), so "equal to the original" has one meaning everywhere.
 * Comments are found in the text and attached to the mapping entry or list item they sit beside.
 */
export function readWorkflowYaml(text: string): { workflow?: ReadWorkflow; problems: ReadProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { ...YAML_READ_OPTIONS, lineCounter });
  const problems: ReadProblem[] = document.errors.map((error) => ({
    message: error.message.split("\n")[0]!,
    line: error.linePos?.[0].line,
    column: error.linePos?.[0].col,
  }));
  if (problems.length) return { problems };
  // an alias that names no anchor, repeats its own container or expands without bound is reported, not expanded
  const read = yamlValue(document, lineCounter);
  if (read.problems.length) return { problems: read.problems };
  const value = read.value;
  const unsupported = findNonJson(value, []);
  if (unsupported) return { problems: [unsupported] };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { problems: [{ message: "the file is not a YAML mapping, so it is not a workflow" }] };
  }
  const places = collectPlaces(document, lineCounter);
  const { comments, trailingFileComments } = attachComments(text, places, scalarRanges(document, text));
  return { workflow: { value: value as Json, comments, trailingFileComments }, problems: [] };
}

// Values a YAML parser can produce that JSON (and so a workflow source) cannot hold. The path is
// only built once something is found: most files have nothing to find.
function findNonJson(value: unknown, path: WorkflowPath): ReadProblem | undefined {
  return isPlainData(value) ? undefined : locateNonJson(value, path);
}

// NOTE: .inf and .nan pass: the source keeps them, and the round trip reports that trunkline's
// model (JSON) cannot write them, at their path
function isPlainData(value: unknown): boolean {
  if (value === null || typeof value !== "object") return typeof value !== "function" && typeof value !== "symbol" && typeof value !== "bigint" && value !== undefined;
  if (Array.isArray(value)) return value.every(isPlainData);
  return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlainData);
}

function locateNonJson(value: unknown, path: WorkflowPath): ReadProblem | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = locateNonJson(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) {
      const found = locateNonJson(item, [...path, key]);
      if (found) return found;
    }
    return undefined;
  }
  return { message: `${formatPath(path)} is a ${(value as object).constructor?.name ?? typeof value}, which a workflow source cannot hold` };
}

/** A mapping entry or list item in block style: where it starts, and its path. */
interface Place {
  path: WorkflowPath;
  offset: number;
  line: number;
  column: number;
}

// Only block collections get places: a flow collection (`[a, b]`) is printed on one line, so a
// comment inside it belongs to the entry that holds it.
function collectPlaces(document: Document, lineCounter: LineCounter): Place[] {
  const places: Place[] = [];
  const add = (path: WorkflowPath, offset: number | undefined) => {
    if (offset === undefined) return;
    const { line, col } = lineCounter.linePos(offset);
    places.push({ path, offset, line, column: col });
  };
  const walk = (node: unknown, path: WorkflowPath) => {
    // an alias is expanded from its anchor, whose comments stay there
    if (isAlias(node) || !(isMap(node) || isSeq(node)) || node.flow) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        if (!isScalar(pair.key) || typeof pair.key.value === "symbol") continue; // `<<` merges or complex keys
        const childPath = [...path, pair.key.value === null ? "" : String(pair.key.value)];
        add(childPath, pair.key.range?.[0]);
        walk(pair.value, childPath);
      }
    } else {
      (node.items as Node[]).forEach((item, index) => {
        add([...path, index], (item as Node | null)?.range?.[0]);
        walk(item, [...path, index]);
      });
    }
  };
  walk(document.contents, []);
  return places.sort((a, b) => a.offset - b.offset || a.path.length - b.path.length);
}

// Where scalars (keys and values) lie in the text: a `#` inside one is text, not a comment.
function scalarRanges(document: Document, text: string): [number, number][] {
  const ranges: [number, number][] = [];
  const walk = (node: unknown) => {
    if (isScalar(node) && node.range) {
      // a block scalar's range starts at its `|` or `>`; a comment may follow on that header line
      const isBlock = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
      const headerEnd = isBlock ? text.indexOf("\n", node.range[0]) : -1;
      ranges.push([isBlock && headerEnd >= 0 ? headerEnd + 1 : node.range[0], node.range[1]]);
    } else if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(document.contents);
  return ranges.sort((a, b) => a[0] - b[0]);
}

interface FoundComment {
  text: string;
  offset: number;
  line: number;
  column: number;
  fullLine: boolean;
}

function findComments(text: string, ranges: readonly [number, number][]): FoundComment[] {
  const found: FoundComment[] = [];
  let rangeIndex = 0;
  let lineStart = 0;
  let line = 1;
  while (lineStart <= text.length) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    for (let offset = text.indexOf("#", lineStart); offset >= 0 && offset < lineEnd; offset = text.indexOf("#", offset + 1)) {
      if (offset > lineStart && !/[ \t]/.test(text[offset - 1]!)) continue; // `a#b` is text
      // ranges are sorted and never overlap, so only the first one not yet passed can hold `offset`
      while (rangeIndex < ranges.length && ranges[rangeIndex]![1] <= offset) rangeIndex++;
      const range = ranges[rangeIndex];
      if (range && range[0] <= offset) {
        offset = Math.min(range[1], lineEnd) - 1; // the search goes on after the scalar
        continue;
      }
      const fullLine = text.slice(lineStart, offset).trim() === "";
      found.push({ text: text.slice(offset + 1, lineEnd).replace(/\r$/, "").trimEnd(), offset, line, column: offset - lineStart + 1, fullLine });
      break;
    }
    if (newline < 0) break;
    lineStart = newline + 1;
    line++;
  }
  return found;
}

function attachComments(text: string, places: readonly Place[], ranges: readonly [number, number][]): { comments: Map<string, PlaceComments>; trailingFileComments: string[] } {
  const comments = new Map<string, PlaceComments>();
  const trailingFileComments: string[] = [];
  const at = (path: WorkflowPath) => {
    const key = commentKey(path);
    let entry = comments.get(key);
    if (!entry) comments.set(key, (entry = { before: [], end: [] }));
    return entry;
  };
  const firstPlace = places[0];
  for (const comment of findComments(text, ranges)) {
    const nextIndex = places.findIndex((place) => place.offset > comment.offset);
    const next = nextIndex < 0 ? undefined : places[nextIndex];
    const previous = places.filter((place) => place.offset < comment.offset).at(-1);
    if (!comment.fullLine) {
      // the deepest entry that starts on this line, else the one the line continues
      const sameLine = places.filter((place) => place.line === comment.line);
      const owner = sameLine.at(-1) ?? previous;
      if (owner) {
        const entry = at(owner.path);
        entry.trailing = entry.trailing === undefined ? comment.text : `${entry.trailing} ${comment.text}`;
      } else at([]).before.push(comment.text);
      continue;
    }
    if (!firstPlace || comment.offset < firstPlace.offset) {
      at([]).before.push(comment.text); // the file's leading comments
      continue;
    }
    if (next && comment.column <= next.column) {
      at(next.path).before.push(comment.text);
      continue;
    }
    // Indented deeper than what follows: it closes the collection it is indented into.
    // (the top level has no closing: there it goes above what follows, or ends the file)
    const owner = previous ? innermostAtColumn(previous, places, comment.column) : undefined;
    if (owner && owner.path.length > 1) at(owner.path.slice(0, -1)).end.push(comment.text);
    else if (next) at(next.path).before.push(comment.text);
    else trailingFileComments.push(comment.text);
  }
  return { comments, trailingFileComments };
}

// Of `place` and the entries that contain it, the deepest one starting at or left of `column`.
function innermostAtColumn(place: Place, places: readonly Place[], column: number): Place | undefined {
  for (let length = place.path.length; length > 0; length--) {
    const prefix = commentKey(place.path.slice(0, length));
    const candidate = places.find((other) => commentKey(other.path) === prefix);
    if (candidate && candidate.column <= column) return candidate;
  }
  return undefined;
}
