import type { ExperimentalFeatures } from "@actions/expressions/features";
import { type Document, LineCounter, isMap, isScalar, isSeq } from "yaml";
import type { ValidationCache, Validator } from "../compile.js";
import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { type YamlLocator, locatorOf } from "../diagnostics/locate.js";
import type { JsonObject } from "../model/json.js";
import { pathKey } from "../normalize/to-json.js";
import type { RequiredCheck } from "../rules/_define-rule.js";
import { sha256 } from "../sync/manifest.js";
import { runRulesOnAction } from "./action-rules.js";
import { mergeRepeats } from "./merge-repeats.js";
import { yamlValue } from "./yaml-value.js";
import { readYaml } from "../yaml-reader/read-yaml.js";
import type { LintProfile } from "./lint-profile.js";
import type { RuleRunner, Suppressions } from "./run-rules.js";

/** What {@link lintYaml} runs on each file. */
export interface LintYamlOptions {
  /**
   * Schema and GitHub's parser, loaded on first use: skipped for files the cache knows to pass
   * them, and GitHub's parser is the costliest module to load.
   */
  validators: () => Promise<readonly Validator[]>;
  runRules: RuleRunner;
  /** Awaited before the rules first run on a file not known clean (reads the locked actions' metadata). */
  prepareRules?: () => Promise<void>;
  featureFlags?: ExperimentalFeatures;
  validationCache?: ValidationCache;
  /**
   * Identifies the rule settings (config and required checks). With it, a file that gave no
   * finding at all is remembered, and linting it again with the same text and settings is skipped.
   */
  rulesKey?: string;
  /** Required checks of the repository the file belongs to (from its rulesets). */
  requiredChecks?: readonly RequiredCheck[];
  /** Adds each stage's time (YAML, read value, each validator, rules) when a profile is asked for. */
  profile?: LintProfile;
  /**
   * Given the file as data when it reads as data with no repeated key, for the repository checks
   * to reuse instead of parsing the file again. Not called for a file the cache knows clean.
   */
  onRead?: (read: ReadWorkflow) => void;
}

/** A workflow file read as data, with its `# trunkline-ignore:` suppressions. */
export interface ReadWorkflow {
  model: unknown;
  suppressions?: Suppressions;
}

/**
 * Lints one YAML workflow, generated or hand-written: YAML syntax, the schema, GitHub's parser and
 * trunkline's rules, honouring `# trunkline-ignore:` comments. Every diagnostic gets a YAML line
 * and column. The text is parsed once and shared by every layer that needs the document.
 */
export async function lintYaml(file: string, text: string, options: LintYamlOptions): Promise<Diagnostic[]> {
  const { cacheKey, cleanKey } = lintCacheKeys(file, text, options.featureFlags, options.rulesKey);
  if (cleanKey && options.validationCache?.has(cleanKey)) return [];
  const diagnostics = await lintUncached(file, text, cacheKey, options);
  if (cleanKey && diagnostics.length === 0) options.validationCache?.add(cleanKey);
  return diagnostics;
}

/** The validation-cache keys {@link lintYaml} reads: passed the validators, and gave no finding at all. */
export function lintCacheKeys(file: string, text: string, featureFlags: ExperimentalFeatures | undefined, rulesKey: string | undefined): { cacheKey: string; cleanKey?: string } {
  // Same key as `gen` uses, so a generated file that passed there is not validated again here.
  const cacheKey = sha256(`${file}\0${JSON.stringify(featureFlags ?? {})}\0${text}`);
  return rulesKey === undefined ? { cacheKey } : { cacheKey, cleanKey: sha256(`clean\0${rulesKey}\0${cacheKey}`) };
}

async function lintUncached(file: string, text: string, cacheKey: string, options: LintYamlOptions): Promise<Diagnostic[]> {
  const lineCounter = new LineCounter();
  // parsed the way GitHub's reader parses, so its layer reads this document instead of parsing again
  const profile = options.profile;
  const document = profile ? profile.time("stage: YAML parse", () => readYaml(text, lineCounter)) : readYaml(text, lineCounter);
  if (document.errors.length) {
    return document.errors.map((error) => ({ rule: "parser", severity: "error" as const, file, line: error.linePos?.[0].line, column: error.linePos?.[0].col, message: error.message.split("\n")[0]! }));
  }
  // an alias that names no anchor, or repeats its own container, leaves no data to check
  const read = profile ? profile.time("stage: YAML to data", () => yamlValue(document, lineCounter)) : yamlValue(document, lineCounter);
  if (read.problems.length) return read.problems.map((problem) => ({ rule: "parser", severity: "error" as const, file, ...problem }));
  const model = read.value as JsonObject;
  let locator: YamlLocator | undefined;
  const locate = () => (locator ??= locatorOf(document, lineCounter, text));
  const suppressions = text.includes("trunkline-ignore") ? commentSuppressions(text, locate()) : undefined;
  // the repository checks parse with yaml's unique keys, and skip a file that repeats one
  if (options.onRead && !hasRepeatedKey(document.contents)) options.onRead({ model, ...(suppressions ? { suppressions } : {}) });
  if (isActionMetadata(file, model)) return lintAction(file, text, model, { document, locator: locate(), suppressions }, cacheKey, options);
  const diagnostics: Diagnostic[] = [];
  if (!options.validationCache?.has(cacheKey)) {
    const input = { model, text, file, featureFlags: options.featureFlags, document: { document, lineCounter }, ...(profile ? { profile } : {}) };
    const validators = await options.validators();
    const found = (await Promise.all(validators.map((validate) => validate(input)))).flat();
    if (found.length === 0) options.validationCache?.add(cacheKey);
    diagnostics.push(...found);
  }
  // a trailing comment belongs to the scalar before it: `uses: owner/repo@<sha> # v4.1.2`
  const comments = (path: WorkflowPath) => {
    const node = document.getIn(path, true);
    return isScalar(node) && node.comment ? node.comment.trim() : undefined;
  };
  await options.prepareRules?.();
  const ruleInput = { model, file, comments, ...(suppressions ? { suppressions } : {}), ...(options.requiredChecks ? { requiredChecks: options.requiredChecks } : {}) };
  diagnostics.push(...(profile ? profile.time("stage: rules (all)", () => options.runRules(ruleInput)) : options.runRules(ruleInput)));
  return mergeRepeats(located(diagnostics, document, locate));
}

/**
 * Whether a mapping repeats a key, as yaml's `uniqueKeys` compares them: two scalar keys of the
 * same value (a key that is not a scalar is never equal to another).
 */
export function hasRepeatedKey(node: unknown): boolean {
  if (isMap(node)) {
    const keys = new Set<unknown>();
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key)) {
        // === never finds NaN equal to itself, where a Set would
        if (keys.has(key.value) && !Number.isNaN(key.value)) return true;
        keys.add(key.value);
      } else if (hasRepeatedKey(key)) return true;
      if (hasRepeatedKey(pair.value)) return true;
    }
    return false;
  }
  if (isSeq(node)) return node.items.some(hasRepeatedKey);
  return false;
}

/**
 * Whether a file is an action's metadata rather than a workflow: named action.yml or action.yaml,
 * or with `runs:` at the top and neither `on:` nor `jobs:`.
 */
export function isActionMetadata(file: string, model: unknown): boolean {
  if (/(^|[\\/])action\.ya?ml$/.test(file)) return true;
  if (typeof model !== "object" || model === null || Array.isArray(model)) return false;
  return "runs" in model && !("on" in model) && !("jobs" in model);
}

// An action.yml: GitHub's action parser (`action-v1.0`), then the step rules over a composite's
// steps, each finding at its action.yml line.
async function lintAction(file: string, text: string, model: JsonObject, read: { document: Document; locator: YamlLocator; suppressions: Suppressions | undefined }, cacheKey: string, options: LintYamlOptions): Promise<Diagnostic[]> {
  const { document, locator, suppressions } = read;
  const diagnostics: Diagnostic[] = [];
  if (!options.validationCache?.has(cacheKey)) {
    const { validateActionWithParser } = await import("./action-parser.js");
    const found = validateActionWithParser(text, file);
    if (found.length === 0) options.validationCache?.add(cacheKey);
    diagnostics.push(...found);
  }
  const comments = (path: WorkflowPath) => {
    const node = document.getIn(path, true);
    return isScalar(node) && node.comment ? node.comment.trim() : undefined;
  };
  await options.prepareRules?.();
  diagnostics.push(...runRulesOnAction(options.runRules, { model, file, comments, ...(suppressions ? { suppressions } : {}) }));
  return mergeRepeats(located(diagnostics, document, () => locator));
}

/** The diagnostics with line and column filled where they have none: from their path, or line 1 of an empty file. */
function located(diagnostics: readonly Diagnostic[], document: Document, locate: () => YamlLocator): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.line !== undefined) return diagnostic;
    // an empty file has no node to point at: what is said of it is said of its first line
    if (document.contents === null) return { ...diagnostic, line: 1, column: 1 };
    return diagnostic.path ? placed(diagnostic, locate()) : diagnostic;
  });
}

/** A diagnostic with its line and column filled from its path (and the text it is about), `within` dropped. */
export function placed(diagnostic: Diagnostic, locator: YamlLocator): Diagnostic {
  const { within, ...rest } = diagnostic;
  return { ...rest, ...locator.positionOf(diagnostic.path!, within) };
}

// `# trunkline-ignore: rule-a, rule-b -- why`, and `# trunkline-ignore-file: rule` for the whole file.
const IGNORE_COMMENT = /#\s*trunkline-ignore(-file)?:\s*([A-Za-z0-9, \t-]*?)\s*(?:--.*)?$/;

/**
 * Reads suppression comments. A comment after a value suppresses findings at that line's node; a
 * comment on its own line suppresses them at the next line's node; on a `- ` line that node is the
 * whole sequence item (the step), not its first key.
 */
export function commentSuppressions(text: string, locator: YamlLocator): Suppressions {
  const suppressions = new Map<string, string[]>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    const match = IGNORE_COMMENT.exec(line);
    if (!match) return;
    const rules = match[2]!.split(/[\s,]+/).filter(Boolean);
    let path: WorkflowPath | undefined = [];
    if (!match[1]) {
      const hasContent = line.slice(0, match.index).trim() !== "";
      const target = hasContent ? index : lines.findIndex((next, nextIndex) => nextIndex > index && next.trim() !== "" && !next.trim().startsWith("#"));
      path = target < 0 ? undefined : nodePathOnLine(lines[target]!, target + 1, locator);
    }
    if (!path) return;
    const key = pathKey(path);
    suppressions.set(key, [...(suppressions.get(key) ?? []), ...rules]);
  });
  return suppressions;
}

function nodePathOnLine(line: string, lineNumber: number, locator: YamlLocator): WorkflowPath {
  const items = /^(\s*)((?:-\s+)*)/.exec(line)!;
  const column = items[0].length + 1;
  const path = locator.pathAt(lineNumber, column);
  if (items[2] === "") return path;
  // the line opens a sequence item: cut the path after that item's index
  let cut = path.length;
  while (cut > 0 && typeof path[cut - 1] !== "number") cut--;
  return cut > 0 ? path.slice(0, cut) : path;
}
