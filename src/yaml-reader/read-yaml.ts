// The YAML reader of lint and of the validation worker: the same `yaml` Document that
// `parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS })` gives, built quicker for the
// block-style subset workflows are written in, and by `parseDocument` itself for anything else.
import { Composer, type CST, type Document, type LineCounter, parseDocument } from "yaml";
import { PARSER_YAML_OPTIONS } from "../validate/parsed-yaml.js";
import { composeTokens } from "./compose-tokens.js";
import { sourceTokens } from "./source-tokens.js";

/**
 * Parses `text` as `parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS })` does, with the
 * same document and the same line starts in `lineCounter`: quicker for block-style workflows.
 */
export function readYaml(text: string, lineCounter: LineCounter): Document {
  return quickDocument(text, lineCounter) ?? parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS });
}

/**
 * The document {@link readYaml} gives, when `text` is in the subset read without `yaml`'s lexer
 * and parser and composes without an error or a warning; undefined otherwise (`lineCounter` is then
 * left untouched).
 */
export function quickDocument(text: string, lineCounter: LineCounter): Document | undefined {
  const tokens = sourceTokens(text);
  if (!tokens) return undefined;
  const options = { lineCounter, ...PARSER_YAML_OPTIONS };
  // the common shapes compose here; the rest (and anything `yaml` reports) through its own composer
  const document = composeTokens(tokens, options) ?? composeWithYaml(tokens, text, options);
  if (!document || document.errors.length > 0 || document.warnings.length > 0) return undefined;
  lineCounter.addNewLine(0);
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", newline + 1)) lineCounter.addNewLine(newline + 1);
  return document;
}

/** The document `yaml`'s own Composer makes of `tokens`. */
export function composeWithYaml(tokens: readonly CST.Token[], text: string, options: ConstructorParameters<typeof Composer>[0]): Document | undefined {
  const composer = new Composer(options);
  let document: Document | undefined;
  for (const token of tokens) for (const composed of composer.next(token)) document ??= composed as Document;
  for (const composed of composer.end(true, text.length)) document ??= composed as Document;
  return document;
}
