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
  /**
   * Every workflow file of the repository's `.github/workflows` as listed on disk, read or not (one
   * that does not parse is listed but not in `workflows`); undefined when the folder was not listed.
   */
  listedWorkflows?: readonly string[];
}

/** Runs the rules' `repository` hooks over one repository; diagnostics carry `file` and `path`. */
export type RepositoryRuleRunner = (input: RepositoryInput) => Diagnostic[];

/**
 * Prepares the rules that compare rulesets with workflows (their `repository` hook), honouring the
 * config's levels and ignores and the suppressions written in each workflow. A repository without
 * rulesets is looked at only by the rules that compare workflows with each other.
 */
export function createRepositoryRuleRunner(options: { rules?: readonly Rule[]; settings?: ResolvedLintSettings } = {}): RepositoryRuleRunner {
  const settings = options.settings ?? DEFAULT_LINT_SETTINGS;
  const active: { rule: Rule; severity: Severity; configured: boolean; options: object }[] = [];
  for (const rule of options.rules ?? allRules) {
    const configured = settings.levels.get(rule.id);
    const level = configured ?? rule.severity;
    if (rule.repository && level !== "off") active.push({ rule, severity: level, configured: configured !== undefined, options: settings.options.get(rule.id) ?? rule.options });
  }
  return (input) => {
    // without rulesets only the rules comparing workflows with each other run, and only when some
    // workflow calls a reusable workflow of its own repository (a cheap look at each job's `uses`)
    const running = input.rulesets.length > 0 ? active : input.workflows.some((workflow) => callsLocalWorkflow(workflow.model)) ? active.filter((entry) => entry.rule.crossWorkflow) : [];
    if (running.length === 0) return [];
    const repository = viewRepository(input.workflows, input.rulesets, input.listedWorkflows);
    const suppressionsOf = new Map(input.workflows.map((workflow) => [workflow.file, workflow.suppressions]));
    const diagnostics: Diagnostic[] = [];
    for (const entry of running) {
      const report = (finding: RepositoryFinding) => {
        if (isIgnored(settings, finding.file, entry.rule.id) || isSuppressed(suppressionsOf.get(finding.file), finding.path, entry.rule.id)) return;
        diagnostics.push({ rule: entry.rule.id, severity: entry.configured ? entry.severity : (finding.severity ?? entry.severity), message: finding.message, ...(finding.hint ? { hint: finding.hint } : {}), file: finding.file, path: finding.path });
      };
      entry.rule.repository!({ repository, options: entry.options, report });
    }
    return diagnostics;
  };
}

/** Whether a workflow (plain data) has a job whose `uses:` is a workflow of the same repository. */
export function callsLocalWorkflow(model: unknown): boolean {
  const jobs = typeof model === "object" && model !== null ? (model as { jobs?: unknown }).jobs : undefined;
  if (typeof jobs !== "object" || jobs === null) return false;
  return Object.values(jobs).some((job) => typeof job === "object" && job !== null && typeof (job as { uses?: unknown }).uses === "string" && (job as { uses: string }).uses.startsWith("./.github/workflows/"));
}

function isIgnored(settings: ResolvedLintSettings, file: string, rule: string): boolean {
  return settings.ignores.some((ignore) => ignore.matches(file) && (!ignore.rules || ignore.rules.has(rule)));
}
