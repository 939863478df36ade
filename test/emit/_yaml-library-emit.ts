// The oracle for the YAML writer: how trunkline emitted a workflow through the `yaml` package's
// document tree (options, scalar styles and spacing as they were), kept only to compare against.
import { Document, type Pair, Scalar, type YAMLMap, isMap, isScalar, visit } from "yaml";
import type { JsonObject } from "../../src/model/json.js";
import { releaseTagComment } from "../../src/emit/emit-yaml.js";
import { isRetypedAsPlain } from "../../src/emit/needs-quotes.js";

const TO_STRING_OPTIONS = {
  lineWidth: 0, // never fold: a folded `run:` line is a different shell command to a reader
  minContentWidth: 0,
  indent: 2,
  indentSeq: true,
  singleQuote: true,
  blockQuote: "literal",
  flowCollectionPadding: false,
  // A double-quoted string broken across lines reads back differently in some YAML libraries.
  doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
} as const;

/** What the emitter may know besides the model. */
interface EmitOptions {
  releaseTags?: ReadonlyMap<string, string>;
}

/** The body as the `yaml` package writes it, with the options and styles trunkline has always used. */
export function emitBodyWithYamlLibrary(model: JsonObject, options: EmitOptions = {}): string {
  const document = new Document(model, { version: "1.2" });
  visit(document, {
    Pair(_, pair, ancestors) {
      // `on` stays a plain key at the root: GitHub reads YAML 1.2, where it is a string.
      const isRootOn = ancestors.length === 2 && isScalar(pair.key) && pair.key.value === "on";
      if (isScalar(pair.key) && !isRootOn) styleKey(pair.key);
      if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value)) noteReleaseTag(pair.value, options.releaseTags);
    },
    Scalar(key, node) {
      if (key === "key") return;
      styleValue(node);
    },
  });
  spaceOutTopLevel(document);
  return document.toString(TO_STRING_OPTIONS);
}

function styleKey(node: Scalar): void {
  if (isRetypedAsPlain(String(node.value))) node.type = Scalar.QUOTE_SINGLE;
}

function styleValue(node: Scalar): void {
  if (typeof node.value !== "string") return;
  const text = node.value;
  if (text.includes("\n")) {
    // A literal block reads like the script it holds; text whose whitespace a block cannot carry
    // exactly (leading or trailing blanks, blank-only lines, tabs, CR) is double-quoted instead.
    const blockSafe = !/[\r\t]|[ ]\n|^\s|\s$/.test(text.replace(/\n+$/, ""));
    node.type = blockSafe ? Scalar.BLOCK_LITERAL : Scalar.QUOTE_DOUBLE;
  } else if (isRetypedAsPlain(text)) {
    node.type = Scalar.QUOTE_SINGLE;
  }
}

// A commit SHA says nothing to a reviewer; the release it was published as does (`@3d3c… # v7.0.1`).
function noteReleaseTag(node: Scalar, releaseTags: ReadonlyMap<string, string> | undefined): void {
  const tag = typeof node.value === "string" ? releaseTagComment(node.value, releaseTags) : undefined;
  if (tag) node.comment = ` ${tag}`;
}

// A blank line between top-level keys and between jobs makes long files readable.
function spaceOutTopLevel(document: Document): void {
  if (!isMap(document.contents)) return;
  const root = document.contents as YAMLMap;
  root.items.forEach((pair, index) => {
    if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
  });
  const jobs = root.items.find((pair: Pair) => isScalar(pair.key) && pair.key.value === "jobs");
  if (jobs && isMap(jobs.value)) {
    (jobs.value as YAMLMap).items.forEach((pair, index) => {
      if (index > 0 && isScalar(pair.key)) pair.key.spaceBefore = true;
    });
  }
}
