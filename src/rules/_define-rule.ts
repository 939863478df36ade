import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { ActionCatalog } from "./_action-catalog.js";
import type { RepositoryView } from "./_repository-view.js";
import type { ExpressionUse, JobView, StepView, WorkflowView } from "./_workflow-view.js";

/** How much a rule's finding matters: an error stops `gen` and fails `lint`; a warning only prints. */
export type Severity = "error" | "warning";

/** A rule's level in `trunkline.config.ts`: a severity, or "off" to not run it. */
export type RuleLevel = Severity | "off";

/** One problem a rule found. Line and column are filled in from `path` later, never by the rule. */
export interface Finding {
  /** Where in the workflow: `["jobs", "test", "steps", 2, "run"]`. */
  path: WorkflowPath;
  /** Text inside the value at `path` the finding is about (`${{ github.head_ref }}` in a long script), to report it on that text's line. */
  within?: string;
  /** What is wrong, in workflow terms, quoting the user's values. */
  message: string;
  /** What to do about it, in the imperative. */
  hint?: string;
  /**
   * This finding's severity, when the rule grades its findings (a tagged image is less dangerous than
   * one with no version at all); the rule's own severity when left out. A level the config sets
   * for the rule still wins.
   */
  severity?: Severity;
}

/** A check a workflow holds as a required status check (named in a ruleset or in the config). */
export interface RequiredCheck {
  /** The check's name: a job's `name`, or its id when it has no name. */
  name: string;
  /** The branches the ruleset protects, when known; `undefined` means "not known". */
  branches?: readonly string[];
  /**
   * Where it is required, for messages: the ruleset file, or the entry of `lint.requiredChecks` in
   * trunkline.config.ts (`lint.requiredChecks[0] in trunkline.config.ts:12`, the line when known).
   */
  requiredBy?: string;
}

/** Facts about the repository, beyond the workflow file itself, that some rules need. */
export interface ProjectFacts {
  requiredChecks: readonly RequiredCheck[];
  /** The inputs and outputs of actions trunkline knows, for checking a step's `with:`. */
  actions: ActionCatalog;
  /** `owner/repo[/path]` → the commit and tag `trunkline.actions.lock.json` locks it to. */
  lockedActions?: ReadonlyMap<string, { sha: string; tag: string }>;
  /** Labels of the project's self-hosted runners (`lint.selfHostedLabels`), lowercased. */
  selfHostedLabels?: readonly string[];
}

/** What every hook receives. */
export interface RuleContext<Options> {
  workflow: WorkflowView;
  options: Options;
  project: ProjectFacts;
  report(finding: Finding): void;
  /**
   * The comment after the value at `path`, on its line, without the `#` (`v4.1.2` after a SHA pin);
   * undefined when there is none.
   */
  comment(path: WorkflowPath): string | undefined;
}

/** What the `job` hook receives: one job of the workflow. */
export interface JobContext<Options> extends RuleContext<Options> {
  id: string;
  job: JobView;
  /** `["jobs", id]`. */
  path: WorkflowPath;
}

/** What the `step` hook receives: one step of a job. */
export interface StepContext<Options> extends RuleContext<Options> {
  job: JobView;
  step: StepView;
  /** `["jobs", id, "steps", index]`. */
  path: WorkflowPath;
}

/** A finding of a `repository` hook, in one of the repository's files: a workflow or a ruleset. */
export interface RepositoryFinding extends Finding {
  /** Repo-relative path of the file the finding is in. */
  file: string;
}

/** What the `repository` hook receives: every workflow and ruleset of one repository. */
export interface RepositoryContext<Options> {
  repository: RepositoryView;
  options: Options;
  report(finding: RepositoryFinding): void;
}

/** The doc page of a rule, rendered to `docs/rules/<id>.md` and checked by the registry test. */
export interface RuleDocs {
  /** Markdown: why the mistake costs something, with a GitHub docs link. */
  why: string;
  /** A workflow (YAML) that gives exactly one finding of this rule. */
  invalid: string;
  /** The same workflow, fixed: no finding of this rule. */
  valid: string;
  /** Markdown: how to fix it, in TypeScript sources and in YAML. */
  fix: string;
  /** Markdown: the rule's options, when it has any. */
  options?: string;
  /** Markdown: which findings get which severity, for a rule whose findings are not all at its default. */
  severity?: string;
  /** For a `repository` rule: the ruleset (GitHub's REST JSON) both examples are checked against. */
  ruleset?: string;
  /** For a rule comparing workflows: the other workflow both examples call, and its repo-relative file. */
  called?: { file: string; yaml: string };
}

/** A rule as written in `src/rules/<id>.ts`. Hooks are called in one walk over the workflow. */
export interface RuleDefinition<Id extends string, Options extends object> {
  /** Kebab-case; equals the file name, the test name, the doc page name and `Diagnostic.rule`. */
  id: Id;
  /** The severity when the config does not set one. */
  severity: Severity;
  /** One sentence: the hazard the rule catches. */
  summary: string;
  /**
   * `trunkline lint --fix` fixes its findings in hand-written YAML, and `gen` prints the TypeScript
   * edit under a finding in a generated file.
   */
  fixable?: boolean;
  docs: RuleDocs;
  /** Default options; the config can override each key. */
  options?: Options;
  workflow?(context: RuleContext<Options>): void;
  job?(context: JobContext<Options>): void;
  step?(context: StepContext<Options>): void;
  /** Called once per repository that has rulesets, with all its workflows: for cross-file checks. */
  repository?(context: RepositoryContext<Options>): void;
  /**
   * The `repository` hook compares workflows with each other, not with rulesets: it also runs for a
   * repository without rulesets, when one of its workflows calls a reusable workflow of its own.
   */
  crossWorkflow?: boolean;
}

/** A registered rule: a definition whose options have their defaults filled in. */
export interface Rule<Id extends string = string, Options extends object = object> extends RuleDefinition<Id, Options> {
  options: Options;
}

/** Types a rule's definition and fills in its defaults; every `src/rules/<id>.ts` default-exports one. */
export function defineRule<const Id extends string, Options extends object = Record<never, never>>(definition: RuleDefinition<Id, Options>): Rule<Id, Options> {
  return { ...definition, options: definition.options ?? ({} as Options) };
}

/** Where an expression is written: its workflow, and its job unless it is in the workflow's own keys. */
export interface ExpressionScope {
  workflow: WorkflowView;
  job?: JobView;
}

/**
 * The `workflow` and `job` hooks of a rule that checks each expression on its own: `check` is given
 * every expression use of the workflow's own keys and of each job's (its steps included), and where
 * it is, for rules whose verdict depends on the job's matrix or the workflow's inputs.
 */
export function eachExpressionUse(check: (use: ExpressionUse, report: (finding: Finding) => void, scope: ExpressionScope) => void): {
  workflow(context: { workflow: WorkflowView; report(finding: Finding): void }): void;
  job(context: { workflow: WorkflowView; job: JobView; report(finding: Finding): void }): void;
} {
  return {
    workflow({ workflow, report }) {
      const scope = { workflow };
      for (const use of workflow.expressions) check(use, report, scope);
    },
    job({ workflow, job, report }) {
      const scope = { workflow, job };
      for (const use of job.expressions) check(use, report, scope);
    },
  };
}
