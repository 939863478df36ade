import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { pathKey } from "../normalize/to-json.js";
import { type ActionCatalog, bundledActionCatalog } from "../rules/_action-catalog.js";
import type { Finding, JobContext, ProjectFacts, RequiredCheck, Rule, RuleContext, Severity, StepContext } from "../rules/_define-rule.js";
import { DEFAULT_LINT_SETTINGS, type ResolvedLintSettings } from "../rules/_settings.js";
import { viewWorkflow } from "../rules/_workflow-view.js";
import { allRules } from "../rules/index.js";
import type { LintProfile } from "./lint-profile.js";

/**
 * Rule ids suppressed at a place of the workflow, keyed by `pathKey(path)`: from `job(spec,
 * { suppress })` in TypeScript or a `# trunkline-ignore:` comment in YAML. A suppression covers
 * the place and everything below it.
 */
export type Suppressions = ReadonlyMap<string, readonly string[]>;

/** One workflow to check. */
export interface RuleInput {
  /** The workflow as plain data (the normalized model, or parsed YAML). */
  model: unknown;
  /** Repo-relative YAML file name, for `Diagnostic.file` and path ignores. */
  file: string;
  suppressions?: Suppressions;
  /** Required checks known for this file's repository (from its rulesets), besides the config's. */
  requiredChecks?: readonly RequiredCheck[];
  /**
   * The comment after a value on its line (`# v4.1.2` after a SHA pin), by the value's path: read
   * from the YAML text, or what the emitter writes there. None when left out.
   */
  comments?: (path: WorkflowPath) => string | undefined;
}

/** Options of {@link createRuleRunner}. */
export interface RuleRunnerOptions {
  /** The rules to run; every registered rule by default. */
  rules?: readonly Rule[];
  settings?: ResolvedLintSettings;
  /** Actions whose inputs the `action-*` rules know; the bundled popular actions by default. */
  actions?: ActionCatalog;
  /** The actions lockfile's pins, by `owner/repo[/path]` (see {@link ProjectFacts}). */
  lockedActions?: ReadonlyMap<string, { sha: string; tag: string }>;
  /** Adds each rule's time, as `rule: <id>`, when a profile is asked for. */
  profile?: LintProfile;
}

/** Runs the configured rules over one workflow; diagnostics carry `path`, not yet line and column. */
export type RuleRunner = (input: RuleInput) => Diagnostic[];

interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** The config sets the rule's level: it then overrides the severity of each finding. */
  configured: boolean;
  options: object;
}

/**
 * Prepares the rules once (levels, options) for many workflows. Each workflow is walked once:
 * workflow hooks, then for each job its job hooks and its steps' step hooks.
 */
export function createRuleRunner(runnerOptions: RuleRunnerOptions = {}): RuleRunner {
  const settings = runnerOptions.settings ?? DEFAULT_LINT_SETTINGS;
  const actions = runnerOptions.actions ?? bundledActionCatalog();
  const active: ActiveRule[] = [];
  for (const listed of runnerOptions.rules ?? allRules) {
    const rule = runnerOptions.profile ? timedRule(listed, runnerOptions.profile) : listed;
    const configured = settings.levels.get(rule.id);
    const level = configured ?? rule.severity;
    if (level !== "off") active.push({ rule, severity: level, configured: configured !== undefined, options: settings.options.get(rule.id) ?? rule.options });
  }
  return (input) => {
    const workflow = viewWorkflow(input.model);
    if (!workflow) return [];
    const ignored = new Set<string>();
    let ignoresAll = false;
    for (const ignore of settings.ignores) {
      if (!ignore.matches(input.file)) continue;
      if (!ignore.rules) ignoresAll = true;
      else for (const id of ignore.rules) ignored.add(id);
    }
    if (ignoresAll) return [];
    const project: ProjectFacts = { requiredChecks: [...settings.requiredChecks, ...(input.requiredChecks ?? [])], actions, ...(runnerOptions.lockedActions ? { lockedActions: runnerOptions.lockedActions } : {}), selfHostedLabels: settings.selfHostedLabels };
    const comment = input.comments ?? noComment;
    const diagnostics: Diagnostic[] = [];
    // One context object per rule and hook kind, reused across jobs and steps: building a fresh one
    // per rule per step was most of the runner's time. Hooks are pure and never keep a context.
    const workflowHooks: { rule: Rule; context: RuleContext<object> }[] = [];
    const jobHooks: { rule: Rule; context: JobContext<object> }[] = [];
    const stepHooks: { rule: Rule; context: StepContext<object> }[] = [];
    for (const entry of active) {
      if (ignored.has(entry.rule.id)) continue;
      const report = (finding: Finding) => {
        if (!isSuppressed(input.suppressions, finding.path, entry.rule.id)) diagnostics.push(toDiagnostic(finding, entry, input.file));
      };
      const { rule, options } = entry;
      // NOTE: literals, not `{ ...base }`: V8 copied those slowly enough to dominate the whole run
      if (rule.workflow) workflowHooks.push({ rule, context: { workflow, options, project, report, comment } });
      if (rule.job) jobHooks.push({ rule, context: { workflow, options, project, report, comment, id: "", job: workflow.jobs[0]!, path: [] } });
      if (rule.step) stepHooks.push({ rule, context: { workflow, options, project, report, comment, job: workflow.jobs[0]!, step: undefined!, path: [] } });
    }
    for (const { rule, context } of workflowHooks) rule.workflow!(context);
    for (const job of workflow.jobs) {
      for (const { rule, context } of jobHooks) {
        context.id = job.id;
        context.job = job;
        context.path = job.path;
        rule.job!(context);
      }
      for (const step of job.steps) {
        for (const { rule, context } of stepHooks) {
          context.job = job;
          context.step = step;
          context.path = step.path;
          rule.step!(context);
        }
      }
    }
    return diagnostics;
  };
}

// The same rule, its hooks timed: only built when a profile is asked for, so a plain run pays nothing.
function timedRule(rule: Rule, profile: LintProfile): Rule {
  const name = `rule: ${rule.id}`;
  const timed = <C>(hook: ((context: C) => void) | undefined) => (hook ? (context: C) => profile.time(name, () => hook(context)) : undefined);
  const { workflow, job, step } = rule;
  return { ...rule, ...(workflow ? { workflow: timed(workflow) } : {}), ...(job ? { job: timed(job) } : {}), ...(step ? { step: timed(step) } : {}) } as Rule;
}

/** Runs every rule (or the given ones) at its default level over one workflow. */
export function runRules(input: RuleInput, options: RuleRunnerOptions = {}): Diagnostic[] {
  return createRuleRunner(options)(input);
}

const noComment = (): undefined => undefined;

function toDiagnostic(finding: Finding, entry: ActiveRule, file: string): Diagnostic {
  return {
    rule: entry.rule.id,
    severity: entry.configured ? entry.severity : (finding.severity ?? entry.severity),
    message: finding.message,
    ...(finding.hint ? { hint: finding.hint } : {}),
    file,
    path: finding.path,
    ...(finding.within ? { within: finding.within } : {}),
  };
}

/** Whether a rule is suppressed at `path` or anywhere above it. */
export function isSuppressed(suppressions: Suppressions | undefined, path: WorkflowPath, rule: string): boolean {
  if (!suppressions || suppressions.size === 0) return false;
  for (let length = path.length; length >= 0; length--) {
    if (suppressions.get(pathKey(path.slice(0, length)))?.includes(rule)) return true;
  }
  return false;
}
