// The `lint` section of trunkline.config.ts: per-rule levels and options, files to leave alone, and
// the checks rulesets require. Checked here once, so rules and the runner only see valid settings.
import picomatch from "picomatch";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestName } from "./_closest-match.js";
import type { RequiredCheck, Rule, RuleLevel } from "./_define-rule.js";
import type { AnyRule } from "./index.js";

/** A rule's setting: its level, or its level and options (`["error", { firstParty: "sha" }]`). */
export type RuleSetting<Options> = RuleLevel | readonly [RuleLevel, Partial<Options>?];

/** Levels and options by rule id; ids are checked, so a typo is a type error and a config error. */
export type RuleSettings = { [R in AnyRule as R["id"]]?: RuleSetting<R["options"]> };

/** Files whose findings are dropped: every rule's, or only the listed rules'. */
export interface LintIgnore {
  /** Globs of repo-relative YAML files, e.g. `["generated/legacy/**"]`. */
  files: readonly string[];
  /** Rule ids; all of trunkline's rules when left out (schema and parser errors still show). */
  rules?: readonly string[];
}

/** The `lint` section of `trunkline.config.ts`. */
export interface LintConfig {
  /** Level (`"off"`, `"warning"`, `"error"`) and options per rule id. */
  rules?: RuleSettings;
  ignores?: readonly LintIgnore[];
  /**
   * Required status checks (job names, or ids for jobs without a name) that rulesets demand, with
   * the branches they protect when known. Rulesets found beside the workflows are read as well.
   */
  requiredChecks?: readonly (string | RequiredCheck)[];
  /**
   * Labels of your self-hosted runners (and names of larger runners), so `runner-label-unknown`
   * knows them; when set, every label of a `runs-on` must be a GitHub-hosted one or one of these.
   */
  selfHostedLabels?: readonly string[];
}

/** Settings after checking: what the rule runner reads. */
export interface ResolvedLintSettings {
  levels: ReadonlyMap<string, RuleLevel>;
  options: ReadonlyMap<string, object>;
  ignores: readonly { matches: (file: string) => boolean; rules?: ReadonlySet<string> }[];
  requiredChecks: readonly RequiredCheck[];
  /** `lint.selfHostedLabels`, lowercased (labels are matched without case); empty when not set. */
  selfHostedLabels: readonly string[];
}

/** No config: every rule at its default. */
export const DEFAULT_LINT_SETTINGS: ResolvedLintSettings = { levels: new Map(), options: new Map(), ignores: [], requiredChecks: [], selfHostedLabels: [] };

const LEVELS: readonly RuleLevel[] = ["off", "warning", "error"];

/**
 * Checks the config's `lint` section against the registered rules; problems are "config" errors.
 * With the config's text, a required check's `requiredBy` names the line of its entry.
 */
export function resolveLintSettings(config: unknown, rules: readonly Rule[], configFile: string, configText?: string): { settings: ResolvedLintSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string, hint: string) => diagnostics.push({ rule: "config", severity: "error", file: configFile, message, hint });
  if (config === undefined) return { settings: DEFAULT_LINT_SETTINGS, diagnostics };
  if (typeof config !== "object" || config === null) {
    problem("lint must be an object", "lint: { rules: { … }, ignores: [ … ] }");
    return { settings: DEFAULT_LINT_SETTINGS, diagnostics };
  }
  const { rules: ruleSettings, ignores, requiredChecks, selfHostedLabels } = config as LintConfig;
  const known = new Map(rules.map((rule) => [rule.id, rule]));
  const levels = new Map<string, RuleLevel>();
  const options = new Map<string, object>();
  const unknownRule = (id: string, where: string) => {
    const suggestion = suggestName(id, [...known.keys()]);
    problem(`${where} names "${id}", which is not a trunkline rule`, suggestion ? `did you mean "${suggestion}"?` : "see docs/rules/ for the rule ids");
  };
  for (const [id, setting] of Object.entries((ruleSettings ?? {}) as Record<string, unknown>)) {
    const rule = known.get(id);
    if (!rule) {
      unknownRule(id, "lint.rules");
      continue;
    }
    const [level, ruleOptions] = Array.isArray(setting) ? (setting as unknown[]) : [setting];
    if (!LEVELS.includes(level as RuleLevel)) {
      problem(`lint.rules["${id}"] is ${JSON.stringify(level)}, not a level`, 'use "off", "warning" or "error", or ["error", { …options }]');
      continue;
    }
    levels.set(id, level as RuleLevel);
    if (ruleOptions !== undefined) {
      const unknownKeys = typeof ruleOptions === "object" && ruleOptions !== null ? Object.keys(ruleOptions).filter((key) => !(key in rule.options)) : ["(not an object)"];
      if (unknownKeys.length > 0) {
        const allowed = Object.keys(rule.options);
        problem(`lint.rules["${id}"] has unknown option ${unknownKeys.map((key) => `"${key}"`).join(", ")}`, allowed.length ? `its options are ${allowed.map((key) => `"${key}"`).join(", ")}` : `"${id}" takes no options`);
        continue;
      }
      options.set(id, { ...rule.options, ...(ruleOptions as object) });
    }
  }
  const resolvedIgnores: ResolvedLintSettings["ignores"][number][] = [];
  for (const [index, ignore] of (Array.isArray(ignores) ? ignores : []).entries()) {
    const files = (ignore as Partial<LintIgnore> | undefined)?.files;
    if (!Array.isArray(files) || files.length === 0 || !files.every((file) => typeof file === "string")) {
      problem(`lint.ignores[${index}] needs files: a list of globs`, 'e.g. { files: ["generated/legacy/**"], rules: ["unpinned-action"] }');
      continue;
    }
    const ids = ignore.rules;
    for (const id of ids ?? []) if (!known.has(id)) unknownRule(id, `lint.ignores[${index}].rules`);
    resolvedIgnores.push({ matches: picomatch(files as string[], { dot: true }), ...(ids ? { rules: new Set(ids) } : {}) });
  }
  if (ignores !== undefined && !Array.isArray(ignores)) problem("lint.ignores must be a list", "ignores: [{ files: [ … ], rules: [ … ] }]");
  const checks: RequiredCheck[] = [];
  const lines = configText === undefined ? undefined : entryLines(configText, "requiredChecks");
  for (const [index, check] of (Array.isArray(requiredChecks) ? requiredChecks : []).entries()) {
    const name = typeof check === "string" ? check : typeof check?.name === "string" ? check.name : undefined;
    if (name === undefined) {
      problem("lint.requiredChecks holds an entry without a name", 'use a check name, or { name: "all-green", branches: ["main"] }');
      continue;
    }
    const line = lines?.(name);
    const requiredBy = `lint.requiredChecks[${index}] in ${configFile}${line === undefined ? "" : `:${line}`}`;
    const branches = typeof check === "string" ? undefined : check.branches;
    checks.push({ name, ...(branches ? { branches } : {}), requiredBy });
  }
  const labels = Array.isArray(selfHostedLabels) && selfHostedLabels.every((label) => typeof label === "string") ? selfHostedLabels.map((label) => label.toLowerCase()) : [];
  if (selfHostedLabels !== undefined && labels.length !== (Array.isArray(selfHostedLabels) ? selfHostedLabels.length : -1)) problem("lint.selfHostedLabels must be a list of runner labels", 'e.g. selfHostedLabels: ["gpu", "linux-arm-large"]');
  return { settings: { levels, options, ignores: resolvedIgnores, requiredChecks: checks, selfHostedLabels: labels }, diagnostics };
}

// The line of each entry of a list in the config's text, found by its name written as a string
// inside the list's brackets (`key: [ … ]`); an entry built in code (a spread, a constant) has no
// line to give.
function entryLines(text: string, key: string): (name: string) => number | undefined {
  const open = text.indexOf("[", text.indexOf(`${key}:`));
  if (text.indexOf(`${key}:`) < 0 || open < 0) return () => undefined;
  const close = closingBracket(text, open);
  let from = open;
  return (name) => {
    const literals = ['"', "'", "`"].map((quote) => text.indexOf(`${quote}${name}${quote}`, from)).filter((at) => at >= 0 && at < close);
    if (literals.length === 0) return undefined;
    const at = Math.min(...literals);
    from = at + name.length + 2;
    return text.slice(0, at).split("\n").length;
  };
}

// The index of the `]` that closes the `[` at `open`, skipping brackets inside strings.
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"' || char === "'" || char === "`") {
      const end = text.indexOf(char, index + 1);
      if (end < 0) return text.length;
      index = end;
    } else if (char === "[") depth++;
    else if (char === "]" && --depth === 0) return index;
  }
  return text.length;
}
