import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RepositoryFinding, Rule, Severity } from "../rules/_define-rule.js";
import { viewRepository } from "../rules/_repository-view.js";
import { DEFAULT_LINT_SETTINGS, type ResolvedLintSettings } from "../rules/_settings.js";
import { allRules } from "../rules/index.js";
import { type Suppressions, isSuppressed } from "../validate/run-rules.js";

/** One repository to check: all its workflows and all its rulesets, as plain data. */
export interface RepositoryInput {
  workflows: readonly { file: string; model: unknown; suppressions?: Suppressions }[];
  rulesets: readonly { file: string; document: unknown }[];
}

/** Runs the rules' `repository` hooks over one repository; diagnostics carry `file` and `path`. */
export type RepositoryRuleRunner = (input: RepositoryInput) => Diagnostic[];

/**
 * Prepares the rules that compare rulesets with workflows (their `repository` hook), honouring the
 * config's levels and ignores and the suppressions written in each workflow. A repository without
 * rulesets is not looked at: there is nothing to compare.
 */
export function createRepositoryRuleRunner(options: { rules?: readonly Rule[]; settings?: ResolvedLintSettings } = {}): RepositoryRuleRunner {
  const settings = options.settings ?? DEFAULT_LINT_SETTINGS;
  const active: { rule: Rule; severity: Severity; options: object }[] = [];
  for (const rule of options.rules ?? allRules) {
    const level = settings.levels.get(rule.id) ?? rule.severity;
    if (rule.repository && level !== "off") active.push({ rule, severity: level, options: settings.options.get(rule.id) ?? rule.options });
  }
  return (input) => {
    if (input.rulesets.length === 0 || active.length === 0) return [];
    const repository = viewRepository(input.workflows, input.rulesets);
    const suppressionsOf = new Map(input.workflows.map((workflow) => [workflow.file, workflow.suppressions]));
    const diagnostics: Diagnostic[] = [];
    for (const entry of active) {
      const report = (finding: RepositoryFinding) => {
        if (isIgnored(settings, finding.file, entry.rule.id) || isSuppressed(suppressionsOf.get(finding.file), finding.path, entry.rule.id)) return;
        diagnostics.push({ rule: entry.rule.id, severity: entry.severity, message: finding.message, ...(finding.hint ? { hint: finding.hint } : {}), file: finding.file, path: finding.path });
      };
      entry.rule.repository!({ repository, options: entry.options, report });
    }
    return diagnostics;
  };
}

function isIgnored(settings: ResolvedLintSettings, file: string, rule: string): boolean {
  return settings.ignores.some((ignore) => ignore.matches(file) && (!ignore.rules || ignore.rules.has(rule)));
}
