// Which job is a gate: the one always-run job that needs every other job and is the single
// required check (DESIGN "Seed patterns"). Kept in one place so every gate rule agrees.
import type { ProjectFacts } from "./_define-rule.js";
import type { ExpressionFacts } from "./_expressions.js";
import type { JobView, WorkflowView } from "./_workflow-view.js";

// Names that say "this job stands for the others", after lowercasing and turning spaces and
// underscores into "-".
const GATE_NAMES = new Set(["all-green", "alls-green", "all-checks", "all-checks-pass", "all-checks-passed", "all-jobs-passed", "required", "required-checks", "ci-ok", "ci-success", "ci-passed"]);
// re-actors/alls-green decides a gate's result from `toJSON(needs)`.
const GATE_ACTIONS = ["re-actors/alls-green@"];

/**
 * Whether a job is a gate: it uses alls-green; or it runs `always()`, needs two or more jobs and
 * reads their results (what `alwaysRunGate` builds); or it is named like one (`gate`, `ci-gate`,
 * `all-green`, `required`, …) and needs at least one job.
 */
export function isGate(job: JobView): boolean {
  return job.remember(GATE, () => decideGate(job));
}

// Several rules ask about every job; the answer depends on the job alone.
const GATE = {};

function decideGate(job: JobView): boolean {
  if (job.needs.length === 0) return false;
  if (job.steps.some((step) => GATE_ACTIONS.some((action) => step.uses?.toLowerCase().startsWith(action)))) return true;
  if (job.needs.length >= 2 && callsAny(job.conditionFacts, "always") && readsNeedsResults(job)) return true;
  return [job.id, job.name].some(isGateName);
}

// Runs whose result a pull request waits for before it merges.
const MERGE_EVENTS = ["pull_request", "pull_request_target", "merge_group"];

/**
 * Whether a gate-shaped job (`isGate`) stands for its workflow's result when merging: a required
 * check names it (by name or id); or the workflow runs for pull requests or the merge queue and the
 * job only judges the jobs it needs (its steps run scripts or alls-green, no other action, and it
 * calls no reusable workflow). A release job on `push`, or a test job that reads `needs.*.result`
 * under `always()` and checks out code, is not in that role.
 */
export function holdsGateRole(job: JobView, workflow: WorkflowView, project: ProjectFacts): boolean {
  if (!isGate(job)) return false;
  const names = [job.id.toLowerCase(), job.name.toLowerCase()];
  if (project.requiredChecks.some((check) => names.includes(check.name.toLowerCase()))) return true;
  if (!MERGE_EVENTS.some((event) => workflow.triggers.has(event)) || job.isCall) return false;
  return job.steps.every((step) => step.uses === undefined || GATE_ACTIONS.some((action) => step.uses!.toLowerCase().startsWith(action)));
}

/** The gates of a workflow. */
export function gatesOf(workflow: WorkflowView): JobView[] {
  return workflow.jobs.filter(isGate);
}

/** Whether any of the expressions calls one of the functions (lowercase names). */
export function callsAny(facts: readonly ExpressionFacts[], ...functions: readonly string[]): boolean {
  return facts.some((fact) => functions.some((name) => fact.functions.has(name)));
}

function isGateName(name: string): boolean {
  const normalized = name.trim().toLowerCase().replace(/[\s_]+/g, "-");
  return GATE_NAMES.has(normalized) || normalized.split("-").includes("gate");
}

// `needs.*.result`, `needs.build.result`, or the whole `needs` object (`toJSON(needs)`).
function readsNeedsResults(job: JobView): boolean {
  return job.expressions.some((use) =>
    use.expressions.some((facts) => facts.references.some((reference) => reference.root === "needs" && (reference.segments.length === 0 || reference.segments[1] === "result"))),
  );
}
