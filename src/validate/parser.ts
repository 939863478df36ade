import { type ExperimentalFeatures, FeatureFlags } from "@actions/expressions/features";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { ErrorPolicy } from "@actions/workflow-parser/model/convert";
import { TemplateContext, TemplateValidationErrors } from "@actions/workflow-parser/templates/template-context";
import type { Position } from "@actions/workflow-parser/templates/tokens/token-range";
import type { TemplateValidationError } from "@actions/workflow-parser/templates/template-validation-error";
import { getWorkflowSchema } from "@actions/workflow-parser/workflows/workflow-schema";
import type { TemplateSchema } from "@actions/workflow-parser/templates/schema/template-schema";
import { readFileSync } from "node:fs";
import { readTemplate } from "@actions/workflow-parser/templates/template-reader";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { WORKFLOW_ROOT } from "@actions/workflow-parser/workflows/workflow-constants";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { LineCounter } from "yaml";
import { quickDocument } from "../yaml-reader/read-yaml.js";
import { DocumentReader } from "./document-reader.js";
import { ModelReader } from "./model-reader.js";
import type { JsonObject } from "../model/json.js";
import type { ParsedYaml } from "./parsed-yaml.js";
import { correctParserSchema } from "./parser-corrections.js";
import { PARSER_SCHEMA_FILE, restoreSchema, snapshotSchema } from "./parser-schema-snapshot.js";

/** Options for {@link validateWithParser}. */
export interface ParserOptions {
  /** GitHub's experimental workflow features to accept, e.g. `{ allowBackgroundSteps: true }`. */
  featureFlags?: ExperimentalFeatures;
  /** The text already parsed with `PARSER_YAML_OPTIONS`: read instead of parsing it again. */
  document?: ParsedYaml;
  /**
   * The value trunkline's emitter wrote the text from (an output of gen): read instead of the text,
   * which is read only when the parser finds fault, for the places of its messages (model-reader.ts).
   */
  emittedFrom?: JsonObject;
}

// The parser writes "<file> (Line: L, Col: C)" in front of a message; L and C are 1-based.
const POSITION = /\(Line: (\d+), Col: (\d+)\)/;
// YAML syntax errors end with " at line L, column C:" and a code frame; line/column already say where.
const YAML_FRAME = / at line \d+, column \d+:\n[\s\S]*$/;

/**
 * Checks workflow YAML with GitHub's own parser (schema, expressions, contexts, functions, then the
 * job-level checks done while converting), turning each error into a "parser" diagnostic.
 */
export async function validateWithParser(
  yamlText: string,
  file: string,
  options: ParserOptions = {},
): Promise<Diagnostic[]> {
  const featureFlags = new FeatureFlags(options.featureFlags);
  const model = options.document ? undefined : options.emittedFrom;
  // the value clean, the text reads as clean: it reads as the value
  if (model && (await parsedClean(model, file, featureFlags))) return [];
  const context = parserContext(featureFlags);
  let readErrorCount = 0;
  try {
    const document = options.document ?? quickParsed(yamlText);
    const parsed = document && document.document.errors.length === 0 ? readParsedWorkflow(file, document, context) : parseWorkflow({ name: file, content: yamlText }, context);
    // value is undefined when the text is not YAML; the errors already say so
    readErrorCount = context.errors.getErrors().length;
    if (parsed.value !== undefined) await convert(context, parsed.value, featureFlags);
  } catch (error) {
    // The parser catches its own errors; reaching here is a parser bug, but the user still needs a report.
    return [
      {
        rule: "parser",
        severity: "error",
        message: `GitHub's workflow parser failed: ${error instanceof Error ? error.message : String(error)}`,
        hint: "check the YAML by hand; if it looks right, report this with the file attached",
        file,
      },
    ];
  }

  const errors = context.errors.getErrors();
  // most files have no error: their text is not split into lines
  if (errors.length === 0) return [];
  const lines = yamlText.split(/\r?\n/);
  return withoutRestatements(errors, readErrorCount).map((error) => toDiagnostic(error, file, lines));
}

function parserContext(featureFlags: FeatureFlags): TemplateContext {
  const context = new TemplateContext(new TemplateValidationErrors(), correctedWorkflowSchema(), new NoOperationTraceWriter());
  // NOTE: the reader consults the flags while parsing (background-step keys), not only convert
  context.state["featureFlags"] = featureFlags;
  return context;
}

// Called workflows are not fetched (depth 0): their files are not ours to resolve here. GitHub
// converts only a workflow that read without errors, so a wrong key would hide every converter
// finding (job ids, needs, choice inputs) until it is fixed: convert anyway, and drop what the
// converter says again about a token the reader already reported.
async function convert(context: TemplateContext, workflow: TemplateToken, featureFlags: FeatureFlags): Promise<void> {
  await convertWorkflowTemplate(context, workflow, undefined, { featureFlags, errorPolicy: ErrorPolicy.TryConversion });
}

// Whether the parser reads and converts an emitted value without an error. A throw counts as fault:
// the text is read then, and says what it is.
async function parsedClean(model: JsonObject, file: string, featureFlags: FeatureFlags): Promise<boolean> {
  const context = parserContext(featureFlags);
  try {
    const fileId = context.getFileId(file);
    const workflow = readTemplate(context, WORKFLOW_ROOT, new ModelReader(model, fileId), fileId);
    if (workflow !== undefined) await convert(context, workflow, featureFlags);
  } catch {
    return false;
  }
  return context.errors.getErrors().length === 0;
}

let corrected: TemplateSchema | undefined;

/** Builds the parser's definition now (once per thread), ahead of the first file. */
export function prepareParser(): void {
  correctedWorkflowSchema();
}

/** The parser's corrected definition as plain data, for the build to write beside the bundle (parser-schema-snapshot.ts). */
export function parserSchemaSnapshot(): unknown {
  return snapshotSchema(readWorkflowSchema());
}

// The parser's definition, loaded once per process, with the pinned version's known mistakes
// corrected (parser-corrections.ts), before anything is parsed with it. From the bundle, the
// build's snapshot of it; read by the parser itself when there is none, or it cannot be read.
function correctedWorkflowSchema(): TemplateSchema {
  corrected ??= builtSnapshot() ?? readWorkflowSchema();
  return corrected;
}

function readWorkflowSchema(): TemplateSchema {
  const schema = getWorkflowSchema();
  correctParserSchema(schema);
  return schema;
}

// dist/data/parser-schema.json, written by the same build as this chunk (dist/chunks/); run from
// src/ there is none.
function builtSnapshot(): TemplateSchema | undefined {
  if (!/\/dist\/chunks\/[^/]+\.js$/.test(import.meta.url)) return undefined;
  try {
    return restoreSchema(JSON.parse(readFileSync(new URL(`../data/${PARSER_SCHEMA_FILE}`, import.meta.url), "utf8")));
  } catch {
    return undefined;
  }
}

// The converter often says again what the reader said about the very same token (same start and
// end): "Required property is missing: run", then "Expected one of uses or run to be defined" on
// one step. Its error is dropped then; the reader's, which GitHub prints, stays. A converter error
// about another token at the same line and column (a mapping that starts with a bad key) is
// another finding, and so is every reader error.
function withoutRestatements(errors: readonly TemplateValidationError[], readErrorCount: number): TemplateValidationError[] {
  const tokenOf = (error: TemplateValidationError) => {
    const range = error.range;
    return range ? `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}` : undefined;
  };
  const readTokens = new Set(errors.slice(0, readErrorCount).map(tokenOf));
  return errors.filter((error, index) => index < readErrorCount || tokenOf(error) === undefined || !readTokens.has(tokenOf(error)));
}

// What parseWorkflow does, over a document parsed already: parsing YAML is about a third of the
// parser's time, and lint has parsed the file for the schema and the rules. The events are read
// from the document by DocumentReader, which gives GitHub's reader's tokens without its nested
// generators; test/validate/document-reader.test.ts compares the two.
function readParsedWorkflow(file: string, parsed: ParsedYaml, context: TemplateContext): { value: TemplateToken | undefined } {
  const fileId = context.getFileId(file);
  return { value: readTemplate(context, WORKFLOW_ROOT, new DocumentReader(parsed.document, parsed.lineCounter, fileId), fileId) };
}

// A text nobody parsed yet (an output of gen, checked in the validation worker): read by the quick
// reader when it is in its subset, the same document GitHub's reader would build, in less time.
// Outside it, GitHub's reader parses the text itself, as before.
function quickParsed(text: string): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const document = quickDocument(text, lineCounter);
  return document ? { document, lineCounter } : undefined;
}

/** A parser error as a "parser" diagnostic, at the position GitHub prints; shared with the action parser. */
export function toDiagnostic(error: TemplateValidationError, file: string, lines: readonly string[]): Diagnostic {
  const message = error.rawMessage.replace(YAML_FRAME, "");
  const diagnostic: Diagnostic = { rule: "parser", severity: "error", message, file };
  const located = locate(error);
  const position = located && CHOICE_WITHOUT_OPTIONS.test(message) ? inputKeyOf(located, lines) : located && TYPES_KEY.test(message) ? eventWithoutTypesOf(located, lines) : located;
  if (position) {
    diagnostic.line = position.line;
    diagnostic.column = position.column;
  }
  return diagnostic;
}

// A choice input with no options: GitHub points at its `type:`; the input itself lacks them.
const CHOICE_WITHOUT_OPTIONS = /^Missing 'options' for choice input/;

// `types:` under an event that has no activity types (`push:`): GitHub points at `types:`; the
// mistake is the event's, which is where actionlint reports it too.
const TYPES_KEY = /^Unexpected value 'types'$/;
const EVENTS_WITHOUT_TYPES = new Set(["push", "create", "delete", "fork", "gollum", "page_build", "public", "status", "workflow_dispatch", "merge_group"]);

function eventWithoutTypesOf(position: Position, lines: readonly string[]): Position {
  const parent = inputKeyOf(position, lines);
  if (parent === position) return position;
  const key = /^\s*['"]?([a-z_]+)['"]?\s*:/.exec(lines[parent.line - 1] ?? "")?.[1];
  return key !== undefined && EVENTS_WITHOUT_TYPES.has(key) ? parent : position;
}

// The key of the mapping a block-style `type:` sits in: the nearest line above that is indented
// less. A flow mapping (`level: { type: choice }`) is on one line, and stays where it is.
function inputKeyOf(position: Position, lines: readonly string[]): Position {
  const line = lines[position.line - 1] ?? "";
  const indent = line.length - line.trimStart().length;
  if (position.column !== indent + 1) return position;
  for (let index = position.line - 2; index >= 0; index--) {
    const text = lines[index]!;
    const trimmed = text.trimStart();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const above = text.length - trimmed.length;
    if (above < indent) return { line: index + 1, column: above + 1 };
  }
  return position;
}

/**
 * The position GitHub prints (what the Actions UI shows). For an expression inside a block scalar
 * (`run: |`) that is where the `|` is, though the range points at the expression lines further
 * down: the place actionlint names too, and where trunkline's rules report on the same script.
 * YAML syntax errors print no position and have only the range.
 */
function locate(error: TemplateValidationError): Position | undefined {
  const printed = POSITION.exec(error.prefix ?? "");
  if (!printed) return error.range?.start;
  return { line: Number(printed[1]), column: Number(printed[2]) };
}
