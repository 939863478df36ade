// A `ruleset()` value → the JSON GitHub's REST API takes, with every required job turned into the
// check names it reports. Pure: the target's workflows come in as normalized models.
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { JOB, STEP, hasBrand } from "../dsl/brand.js";
import type { Job } from "../dsl/types.js";
import type { Json, JsonObject } from "../model/json.js";
import { GITHUB_ACTIONS_INTEGRATION_ID, type JobAddress, type RepositoryChecks } from "./check-contexts.js";
import type { BypassActor, RefPattern, Ruleset, RulesetRule } from "./ruleset.js";

/** A workflow of the ruleset's target: its output path, model, and the DSL jobs it holds by id. */
export interface TargetWorkflow {
  file: string;
  model: JsonObject;
  /** The job objects placed in the workflow's `jobs`, to find a required job by identity. */
  jobs: ReadonlyMap<object, string>;
}

/** Something a ruleset's source gets wrong, at a place of its JSON. */
export interface RulesetProblem {
  message: string;
  hint: string;
  path?: WorkflowPath;
}

/** The ruleset as REST JSON, or the problems that kept it from being written. */
export type ResolvedRuleset = { document: JsonObject; problems: [] } | { document?: undefined; problems: RulesetProblem[] };

// A name that is also a plain file name: it becomes `<name>.json`.
const FILE_SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Writes a ruleset as GitHub's REST API takes it (https://docs.github.com/rest/repos/rules), every
 * field present so an update replaces what was set by hand; defaults are GitHub's own.
 */
export function resolveRuleset(ruleset: Ruleset, workflows: readonly TargetWorkflow[], checks: RepositoryChecks): ResolvedRuleset {
  const problems: RulesetProblem[] = [];
  const spec = ruleset.spec ?? ({} as Ruleset["spec"]);
  if (typeof ruleset.name !== "string" || !FILE_SAFE_NAME.test(ruleset.name)) {
    problems.push({ message: `the ruleset name ${JSON.stringify(ruleset.name)} cannot be a file name`, hint: 'use letters, digits, ".", "_" and "-", such as "main" or "release-branches"' });
  }
  const target = spec.target ?? "branch";
  const include = [...(spec.conditions?.ref_name?.include ?? [])];
  const exclude = [...(spec.conditions?.ref_name?.exclude ?? [])];
  if (include.length === 0) problems.push({ message: "conditions.ref_name.include is empty, so the ruleset protects nothing", hint: 'name the refs, e.g. ["refs/heads/main"] or ["~DEFAULT_BRANCH"]', path: ["conditions", "ref_name", "include"] });
  for (const [key, refs] of [["include", include], ["exclude", exclude]] as const) {
    refs.forEach((ref, index) => {
      const problem = refProblem(ref, target);
      if (problem) problems.push({ message: `conditions.ref_name.${key}[${index}] ${JSON.stringify(ref)} ${problem}`, hint: target === "branch" ? 'write branches as "refs/heads/<name>", or "~DEFAULT_BRANCH" / "~ALL"' : 'write tags as "refs/tags/<pattern>", or "~ALL"', path: ["conditions", "ref_name", key, index] });
    });
  }
  const rules: JsonObject[] = [];
  (spec.rules ?? []).forEach((rule, index) => {
    const resolved = resolveRule(rule, ["rules", index], workflows, checks, problems);
    if (resolved) rules.push(resolved);
  });
  if (problems.length > 0) return { problems };
  return {
    problems: [],
    document: {
      name: ruleset.name,
      target,
      enforcement: spec.enforcement ?? "active",
      bypass_actors: (spec.bypass_actors ?? []).map(bypassActor),
      conditions: { ref_name: { include, exclude } },
      rules,
    },
  };
}

function refProblem(ref: RefPattern, target: string): string | undefined {
  if (typeof ref !== "string") return "is not a string";
  if (ref === "~ALL" || (ref === "~DEFAULT_BRANCH" && target === "branch")) return undefined;
  const prefix = target === "branch" ? "refs/heads/" : "refs/tags/";
  if (!ref.startsWith(prefix) || ref.length === prefix.length) return `is not a ${target} ref (${prefix}…)`;
  return undefined;
}

function bypassActor(actor: BypassActor): JsonObject {
  return { actor_id: actor.actor_id, actor_type: actor.actor_type, bypass_mode: actor.bypass_mode ?? "always" };
}

function resolveRule(rule: RulesetRule, path: WorkflowPath, workflows: readonly TargetWorkflow[], checks: RepositoryChecks, problems: RulesetProblem[]): JsonObject | undefined {
  switch (rule?.type) {
    case "pull_request": {
      const parameters = rule.parameters ?? {};
      return {
        type: rule.type,
        parameters: {
          required_approving_review_count: parameters.required_approving_review_count ?? 0,
          dismiss_stale_reviews_on_push: parameters.dismiss_stale_reviews_on_push ?? false,
          require_code_owner_review: parameters.require_code_owner_review ?? false,
          require_last_push_approval: parameters.require_last_push_approval ?? false,
          required_review_thread_resolution: parameters.required_review_thread_resolution ?? false,
          allowed_merge_methods: [...(parameters.allowed_merge_methods ?? ["merge", "squash", "rebase"])],
        },
      };
    }
    case "merge_queue": {
      const parameters = rule.parameters ?? {};
      return {
        type: rule.type,
        parameters: {
          merge_method: parameters.merge_method ?? "MERGE",
          grouping_strategy: parameters.grouping_strategy ?? "ALLGREEN",
          max_entries_to_build: parameters.max_entries_to_build ?? 5,
          min_entries_to_merge: parameters.min_entries_to_merge ?? 1,
          max_entries_to_merge: parameters.max_entries_to_merge ?? 5,
          min_entries_to_merge_wait_minutes: parameters.min_entries_to_merge_wait_minutes ?? 5,
          check_response_timeout_minutes: parameters.check_response_timeout_minutes ?? 60,
        },
      };
    }
    case "required_status_checks": {
      const jobs = rule.parameters?.required_status_checks ?? [];
      const contexts: string[] = [];
      jobs.forEach((job, index) => {
        const found = contextsOfJob(job, workflows, checks, [...path, "parameters", "required_status_checks", index]);
        if ("problem" in found) problems.push(found.problem);
        else for (const context of found.contexts) if (!contexts.includes(context)) contexts.push(context);
      });
      if (jobs.length === 0) problems.push({ message: "a required_status_checks rule lists no job", hint: "give it the jobs whose checks must pass (the always-run gate), or remove the rule", path });
      return {
        type: rule.type,
        parameters: {
          strict_required_status_checks_policy: rule.parameters.strict_required_status_checks_policy ?? false,
          ...(rule.parameters.do_not_enforce_on_create !== undefined ? { do_not_enforce_on_create: rule.parameters.do_not_enforce_on_create } : {}),
          required_status_checks: contexts.map((context) => ({ context, integration_id: GITHUB_ACTIONS_INTEGRATION_ID })),
        },
      };
    }
    case "required_linear_history":
    case "non_fast_forward":
    case "deletion":
    case "creation":
    case "required_signatures":
      return { type: rule.type };
    default:
      problems.push({ message: `rules[${String(path[1])}] has the type ${JSON.stringify((rule as { type?: unknown } | undefined)?.type)}, which trunkline does not write`, hint: "use one of pull_request, required_status_checks, merge_queue, required_linear_history, non_fast_forward, deletion, creation, required_signatures", path });
      return undefined;
  }
}

// Every check name the job reports: under each workflow it is placed in, and each caller of those.
function contextsOfJob(job: Job, workflows: readonly TargetWorkflow[], checks: RepositoryChecks, path: WorkflowPath): { contexts: string[] } | { problem: RulesetProblem } {
  if (!hasBrand(job, JOB)) {
    return { problem: { message: "a required status check is not a job built with job()", hint: "pass the job itself (for a template, its gate: `ci.gate`), never its name as a string", path } };
  }
  const addresses = placesOf(job, workflows);
  const label = describeSpec(job);
  if (addresses.length === 0) {
    return { problem: { message: `the required job ${label} is in no workflow of this target, so no check reports it`, hint: "place the job in a workflow's jobs (or require the job that replaced it)", path } };
  }
  const isJob = (address: JobAddress) => addresses.some((place) => place.file === address.file && place.jobId === address.jobId);
  const unpredictable = checks.unpredictable.find((check) => isJob(check.job));
  if (unpredictable) {
    return { problem: { message: `the check name of job "${unpredictable.job.jobId}" (${unpredictable.job.file}) cannot be computed: ${unpredictable.reason}`, hint: "give the job a literal name, a matrix of literal lists, or require the always-run gate that needs it", path } };
  }
  const contexts = [...new Set(checks.reported.filter((check) => isJob(check.job)).map((check) => check.context))];
  if (contexts.length === 0) {
    const where = addresses.map((address) => `"${address.jobId}" of ${address.file}`).join(", ");
    return { problem: { message: `the required job ${where} reports no check: its workflow only runs when called, and no job of this target calls it`, hint: "require the job of a workflow that runs on pull_request (the gate that calls it)", path } };
  }
  return { contexts };
}

// A job by identity; else by equal content, because each source file is bundled on its own and a
// job imported from another source (a rulesets.ts beside ci.ts) is an equal copy, not the object.
function placesOf(job: Job, workflows: readonly TargetWorkflow[]): JobAddress[] {
  const same = workflows.flatMap((workflow) => {
    const jobId = workflow.jobs.get(job);
    return jobId === undefined ? [] : [{ file: workflow.file, jobId }];
  });
  if (same.length > 0) return same;
  const wanted = fingerprint(job);
  return workflows.flatMap((workflow) => [...workflow.jobs].flatMap(([candidate, jobId]) => (fingerprint(candidate) === wanted ? [{ file: workflow.file, jobId }] : [])));
}

const fingerprints = new WeakMap<object, string>();

/** The job's content as text, DSL wrappers unwrapped; equal for copies of the same job. */
function fingerprint(job: object): string {
  let known = fingerprints.get(job);
  if (known === undefined) {
    known = JSON.stringify(job, (_key, value: unknown) => (hasBrand(value, JOB) || hasBrand(value, STEP) ? (value as { spec: unknown }).spec : typeof value === "function" ? String(value) : value));
    fingerprints.set(job, known);
  }
  return known;
}

function describeSpec(job: Job): string {
  const name = (job.spec as { name?: Json }).name;
  return typeof name === "string" ? `"${name}"` : "(a job without a name)";
}
