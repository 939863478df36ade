// A read-only view of one repository for the rules that compare its rulesets with its workflows:
// each ruleset (GitHub's REST JSON, generated or hand-written) reduced to what those rules need,
// each workflow as a WorkflowView, and the checks the workflows report. Rulesets on disk may be
// malformed, so every read is checked.
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { GITHUB_ACTIONS_INTEGRATION_ID, type JobAddress, type RepositoryChecks, type ReportedCheck, checksOfRepository } from "../rulesets/check-contexts.js";
import { filterPatterns, matchesFilterList } from "./_filters.js";
import { type TriggerView, type WorkflowView, isObject, viewWorkflow } from "./_workflow-view.js";

/** A status check a ruleset requires, and where the ruleset lists it. */
export interface RequiredContext {
  context: string;
  /** The app that must report it; undefined means any. */
  integrationId?: number;
  /** `["rules", 3, "parameters", "required_status_checks", 0, "context"]`. */
  path: WorkflowPath;
}

/** A ruleset as the rules see it. */
export interface RulesetView {
  /** Repo-relative path of its JSON file. */
  file: string;
  name: string;
  raw: JsonObject;
  /** A branch ruleset that is enforced or evaluated: the only kind whose checks can block a merge. */
  guardsBranches: boolean;
  /** The branches its `include` names plainly (`refs/heads/main` → `main`). */
  branches: readonly string[];
  /** Whether `include` also has patterns, `~DEFAULT_BRANCH` or `~ALL`: branches not known by name. */
  hasUnnamedBranches: boolean;
  requiredChecks: readonly RequiredContext[];
  /** Where its `merge_queue` rule is, when it has one. */
  mergeQueuePath?: WorkflowPath;
}

/** A workflow of the repository, by its repo-relative file. */
export interface RepositoryWorkflow {
  file: string;
  view: WorkflowView;
}

/** One repository: its workflows, its rulesets and the checks the workflows report. */
export interface RepositoryView {
  workflows: readonly RepositoryWorkflow[];
  rulesets: readonly RulesetView[];
  /** Every check the workflows report (computed on first use). */
  readonly checks: RepositoryChecks;
  workflow(file: string): RepositoryWorkflow | undefined;
  /** Whether a workflow file is in the repository's listing; undefined when it was not listed. */
  lists(file: string): boolean | undefined;
}

/** Builds the view of a repository from its workflows (plain data) and ruleset documents. */
export function viewRepository(workflows: readonly { file: string; model: unknown }[], rulesets: readonly { file: string; document: unknown }[], listedWorkflows?: readonly string[]): RepositoryView {
  const listed = listedWorkflows && new Set(listedWorkflows);
  const views = workflows.flatMap((workflow) => {
    const view = viewWorkflow(workflow.model);
    return view ? [{ file: workflow.file, view }] : [];
  });
  const byFile = new Map(views.map((workflow) => [workflow.file, workflow]));
  let checks: RepositoryChecks | undefined;
  return {
    workflows: views,
    rulesets: rulesets.flatMap((ruleset) => viewRuleset(ruleset.file, ruleset.document) ?? []),
    get checks() {
      checks ??= checksOfRepository(views.map((workflow) => ({ file: workflow.file, model: workflow.view.raw })));
      return checks;
    },
    workflow: (file) => byFile.get(file),
    lists: (file) => (listed ? listed.has(file) : undefined),
  };
}

/** Reads a ruleset document; undefined when it is not an object. */
export function viewRuleset(file: string, document: unknown): RulesetView | undefined {
  if (!isObject(document as Json)) return undefined;
  const raw = document as JsonObject;
  const conditions = isObject(raw["conditions"]) && isObject(raw["conditions"]["ref_name"]) ? raw["conditions"]["ref_name"] : undefined;
  const included = Array.isArray(conditions?.["include"]) ? conditions["include"] : [];
  const branches: string[] = [];
  let hasUnnamedBranches = false;
  for (const ref of included) {
    if (typeof ref === "string" && /^refs\/heads\/[^*?[\]~]+$/.test(ref)) branches.push(ref.slice("refs/heads/".length));
    else hasUnnamedBranches = true;
  }
  const requiredChecks: RequiredContext[] = [];
  let mergeQueuePath: WorkflowPath | undefined;
  const rules = Array.isArray(raw["rules"]) ? raw["rules"] : [];
  rules.forEach((rule, ruleIndex) => {
    if (!isObject(rule)) return;
    if (rule["type"] === "merge_queue") mergeQueuePath = ["rules", ruleIndex];
    if (rule["type"] !== "required_status_checks" || !isObject(rule["parameters"])) return;
    const listed = rule["parameters"]["required_status_checks"];
    (Array.isArray(listed) ? listed : []).forEach((check, checkIndex) => {
      if (!isObject(check) || typeof check["context"] !== "string") return;
      const integrationId = typeof check["integration_id"] === "number" ? check["integration_id"] : undefined;
      requiredChecks.push({ context: check["context"], ...(integrationId !== undefined ? { integrationId } : {}), path: ["rules", ruleIndex, "parameters", "required_status_checks", checkIndex, "context"] });
    });
  });
  const target = raw["target"] ?? "branch";
  return {
    file,
    name: typeof raw["name"] === "string" ? raw["name"] : file.replace(/^.*\//, "").replace(/\.json$/, ""),
    raw,
    guardsBranches: target === "branch" && raw["enforcement"] !== "disabled",
    branches,
    hasUnnamedBranches,
    requiredChecks,
    ...(mergeQueuePath ? { mergeQueuePath } : {}),
  };
}

/** The required checks a workflow job could report: those of any app, or of GitHub Actions. */
export function actionsChecksOf(ruleset: RulesetView): RequiredContext[] {
  return ruleset.requiredChecks.filter((check) => check.integrationId === undefined || check.integrationId === GITHUB_ACTIONS_INTEGRATION_ID);
}

/** The branches to check a ruleset against: each named one, or `undefined` for "some branch". */
export function branchesToCheck(ruleset: RulesetView): (string | undefined)[] {
  return [...ruleset.branches, ...(ruleset.hasUnnamedBranches || ruleset.branches.length === 0 ? [undefined] : [])];
}

// Events whose runs report checks on a pull request.
const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

/**
 * The pull-request trigger that runs a workflow for pull requests into `branch` (any branch when
 * undefined), or undefined when none does. Path filters are not applied: the run is triggered, and
 * whether it is then skipped is `required-check-path-filtered`'s concern.
 */
export function pullRequestTrigger(workflow: WorkflowView, branch: string | undefined): TriggerView | undefined {
  for (const event of PULL_REQUEST_EVENTS) {
    const trigger = workflow.triggers.get(event);
    if (trigger && (branch === undefined || branchRuns(trigger, branch))) return trigger;
  }
  return undefined;
}

/** Whether a pull request into `branch` passes a trigger's `branches` / `branches-ignore` filter. */
export function branchRuns(trigger: TriggerView, branch: string): boolean {
  const included = filterPatterns(trigger, "branches");
  if (included) return matchesFilterList(included.map(({ pattern }) => pattern), branch);
  const ignored = filterPatterns(trigger, "branches-ignore");
  if (ignored) return !matchesFilterList(ignored.map(({ pattern }) => pattern), branch);
  return true;
}

/** The checks named `context` that runs of pull requests into `branch` report. */
export function pullRequestReporters(repository: RepositoryView, context: string, branch: string | undefined): ReportedCheck[] {
  return repository.checks.reported.filter((check) => {
    if (check.context !== context) return false;
    const run = repository.workflow(check.runFile);
    return run !== undefined && pullRequestTrigger(run.view, branch) !== undefined;
  });
}

/** A job as messages name it: `job "gate" of .github/workflows/ci.yml`. */
export function describeJob(job: JobAddress): string {
  return `job "${job.jobId}" of ${job.file}`;
}

/** A branch as messages name it: `"main"`, or "the branches it protects" when not known by name. */
export function describeBranch(branch: string | undefined): string {
  return branch === undefined ? "the branches it protects" : `"${branch}"`;
}
