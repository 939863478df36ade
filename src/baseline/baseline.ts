import { parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { yamlValue } from "../validate/yaml-value.js";

/** Where the baseline lives, at the repository root, committed with the sources. */
export const BASELINE_FILE = ".trunkline/baseline.json";

/**
 * Findings a repository accepted when it adopted trunkline, so that only new ones fail: per output
 * file, per rule, the places (fingerprints) where the rule fired. A fingerprint is the workflow path
 * with each step named by its `id`, `name` or `uses` instead of its index, so inserting a step or
 * editing lines above a finding does not turn old findings into new ones.
 *
 * @example
 * { "version": 1, "files": { ".github/workflows/ci.yml": { "timeout-missing": ["jobs.build"] } } }
 */
export interface Baseline {
  version: 1;
  files: Record<string, Record<string, string[]>>;
}

// Problems that make a workflow wrong rather than unidiomatic: accepting them would let a broken
// or unreadable workflow through, so they are never recorded and never hidden.
const NEVER_BASELINED = new Set(["schema", "parser", "load", "sync", "normalize", "config", "import"]);

/** Whether a finding of this rule may be accepted by a baseline (rule findings; not schema or parser errors). */
export function isBaselineable(diagnostic: Pick<Diagnostic, "rule">): boolean {
  return !NEVER_BASELINED.has(diagnostic.rule);
}

function emptyBaseline(): Baseline {
  return { version: 1, files: {} };
}

/** Reads the baseline file's text; an absent or unreadable one is empty, which hides nothing. */
export function parseBaseline(text: string | undefined): Baseline {
  if (!text) return emptyBaseline();
  try {
    const parsed = JSON.parse(text) as Partial<Baseline>;
    if (parsed.version !== 1 || typeof parsed.files !== "object" || parsed.files === null) return emptyBaseline();
    const files: Baseline["files"] = {};
    for (const [file, rules] of Object.entries(parsed.files)) {
      if (typeof rules !== "object" || rules === null) continue;
      for (const [rule, places] of Object.entries(rules)) {
        if (Array.isArray(places)) (files[file] ??= {})[rule] = places.filter((place): place is string => typeof place === "string");
      }
    }
    return { version: 1, files };
  } catch {
    return emptyBaseline();
  }
}

/** The baseline file's text: sorted, one place per line, so a fix shows as a one-line deletion. */
export function serializeBaseline(baseline: Baseline): string {
  const files: Baseline["files"] = {};
  for (const file of Object.keys(baseline.files).sort()) {
    const rules: Record<string, string[]> = {};
    for (const rule of Object.keys(baseline.files[file]!).sort()) {
      const places = baseline.files[file]![rule]!;
      if (places.length) rules[rule] = [...places].sort();
    }
    if (Object.keys(rules).length) files[file] = rules;
  }
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

/** The workflow in each file, so fingerprints can name steps by id, name or uses. */
export interface ModelsByFile {
  get(file: string): unknown;
}

/** Models read from YAML texts, each parsed on first use (most files have no finding to fingerprint). */
export function modelsFromTexts(texts: ReadonlyMap<string, string>): ModelsByFile {
  const parsed = new Map<string, unknown>();
  return {
    get(file) {
      if (!parsed.has(file)) {
        const text = texts.get(file);
        const document = text === undefined ? undefined : parseDocument(text, { merge: true, logLevel: "silent" });
        // read as far as it goes, as YAML with errors can be; aliases that cannot be resolved leave
        // no model, and steps are then named by index
        const read = document ? yamlValue(document) : undefined;
        parsed.set(file, read?.value);
      }
      return parsed.get(file);
    },
  };
}

/**
 * The fingerprint of a finding: its workflow path, each step written as `steps[id=…]`, `steps[name=…]`
 * or `steps[uses=…]` when the model says which, else by index. Line numbers never enter it.
 */
export function fingerprint(diagnostic: Pick<Diagnostic, "path">, model: unknown): string {
  const path = diagnostic.path ?? [];
  let text = "";
  let node: unknown = model;
  path.forEach((part, index) => {
    const isStep = typeof part === "number" && index >= 3 && path[index - 1] === "steps" && path[index - 3] === "jobs";
    const next = node && typeof node === "object" ? (node as Record<string | number, unknown>)[part] : undefined;
    if (isStep) text += `[${stepIdentity(next) ?? part}]`;
    else if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${part}` : part;
    node = next;
  });
  return text;
}

function stepIdentity(step: unknown): string | undefined {
  if (!step || typeof step !== "object") return undefined;
  for (const key of ["id", "name", "uses"] as const) {
    const value = (step as Record<string, unknown>)[key];
    if (typeof value === "string" && value !== "") return `${key}=${value}`;
  }
  return undefined;
}

/** A baseline that accepts exactly these findings (the ones a baseline may accept). */
export function buildBaseline(diagnostics: readonly Diagnostic[], models: ModelsByFile): Baseline {
  const baseline = emptyBaseline();
  for (const diagnostic of diagnostics) {
    if (!isBaselineable(diagnostic)) continue;
    ((baseline.files[diagnostic.file] ??= {})[diagnostic.rule] ??= []).push(fingerprint(diagnostic, models.get(diagnostic.file)));
  }
  return baseline;
}

/** `base` with the entries of `files` replaced by those in `update` (files absent from `update` lose theirs). */
export function replaceFiles(base: Baseline, update: Baseline, files: Iterable<string>): Baseline {
  const result: Baseline = { version: 1, files: { ...base.files } };
  for (const file of files) {
    if (update.files[file]) result.files[file] = update.files[file]!;
    else delete result.files[file];
  }
  return result;
}

/** What applying a baseline found. */
export interface BaselineResult {
  /** Findings the baseline does not list: these count. */
  remaining: Diagnostic[];
  /** Findings the baseline accepts. */
  accepted: Diagnostic[];
  /** The baseline minus entries no finding matched any more (fixed), for the checked files only. */
  pruned: Baseline;
  /** How many entries were fixed since the baseline was written. */
  fixedCount: number;
}

/**
 * Splits findings into the ones the baseline accepts and the ones that are new. Each entry accepts
 * one finding (two identical findings need two entries). Entries of `checkedFiles` that nothing
 * matched are dropped from `pruned`, so the baseline only ever shrinks as findings get fixed;
 * entries of files not checked in this run are kept.
 */
export function applyBaseline(diagnostics: readonly Diagnostic[], baseline: Baseline, models: ModelsByFile, checkedFiles: ReadonlySet<string>): BaselineResult {
  const unused = new Map<string, Map<string, string[]>>();
  for (const [file, rules] of Object.entries(baseline.files)) {
    unused.set(file, new Map(Object.entries(rules).map(([rule, places]) => [rule, [...places]])));
  }
  const remaining: Diagnostic[] = [];
  const accepted: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const places = isBaselineable(diagnostic) ? unused.get(diagnostic.file)?.get(diagnostic.rule) : undefined;
    const index = places ? places.indexOf(fingerprint(diagnostic, models.get(diagnostic.file))) : -1;
    if (index < 0) {
      remaining.push(diagnostic);
      continue;
    }
    places!.splice(index, 1);
    accepted.push(diagnostic);
  }
  const pruned = emptyBaseline();
  let fixedCount = 0;
  for (const [file, rules] of Object.entries(baseline.files)) {
    for (const [rule, places] of Object.entries(rules)) {
      const left = [...places];
      if (checkedFiles.has(file)) {
        for (const place of unused.get(file)?.get(rule) ?? []) {
          left.splice(left.indexOf(place), 1);
          fixedCount++;
        }
      }
      if (left.length) (pruned.files[file] ??= {})[rule] = left;
    }
  }
  return { remaining, accepted, pruned, fixedCount };
}

/** Every accepted finding, one per line (`file: rule at place`), for `trunkline lint --baseline`. */
export function describeBaseline(baseline: Baseline): string {
  const lines: string[] = [];
  for (const file of Object.keys(baseline.files).sort()) {
    for (const rule of Object.keys(baseline.files[file]!).sort()) {
      for (const place of [...baseline.files[file]![rule]!].sort()) lines.push(`${file}: ${rule} at ${place || "(workflow)"}`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}

/** What `gen` and `check` see after the baseline file: the findings left, and the baseline to write when it shrank. */
export interface BaselinedOutputs {
  diagnostics: Diagnostic[];
  /** The baseline file's new text when fixed findings were dropped from it; undefined when unchanged. */
  prunedText?: string;
}

/**
 * Applies the repository's baseline to the diagnostics of generated outputs. Entries of outputs
 * whose findings are gone are dropped, so the file only ever shrinks; entries of files that are not
 * outputs (hand-written YAML checked by `lint`) are left alone.
 */
export function baselineOutputs(diagnostics: readonly Diagnostic[], outputs: readonly { path: string; text: string; model?: unknown }[], baselineText: string | undefined): BaselinedOutputs {
  if (baselineText === undefined) return { diagnostics: [...diagnostics] };
  const parsed = modelsFromTexts(new Map(outputs.map((output) => [output.path, output.text])));
  const known = new Map(outputs.filter((output) => output.model !== undefined).map((output) => [output.path, output.model]));
  const models: ModelsByFile = { get: (file) => (known.has(file) ? known.get(file) : parsed.get(file)) };
  const result = applyBaseline(diagnostics, parseBaseline(baselineText), models, new Set(outputs.map((output) => output.path)));
  const prunedText = serializeBaseline(result.pruned);
  return { diagnostics: result.remaining, ...(prunedText !== baselineText ? { prunedText } : {}) };
}
