// The status check names ("contexts") GitHub Actions reports for the jobs of a repository's
// workflows, computed from the workflows as plain data. A ruleset can only require a name some job
// reports, so this is what generated rulesets are written from and what the rules check against.
// https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idname
import type { Json, JsonObject } from "../model/json.js";
import { repositoryPrefixOfFile } from "../config/repository-layout.js";

/** GitHub Actions' app id: the `integration_id` of every check a workflow job reports. */
export const GITHUB_ACTIONS_INTEGRATION_ID = 15368;

/** A workflow of the repository: its repo-relative path and its content as plain data. */
export interface WorkflowSource {
  file: string;
  model: unknown;
}

/** A job, by the workflow file it is in and its id. */
export interface JobAddress {
  file: string;
  jobId: string;
}

/** A check name some job reports, and which run reports it. */
export interface ReportedCheck {
  context: string;
  /** The workflow whose trigger starts the run: the job's own, or its outermost caller's. */
  runFile: string;
  /** The job whose check run it is. */
  job: JobAddress;
  /** Jobs that call reusable workflows on the way to `job`, outermost first. */
  callers: readonly JobAddress[];
}

/** A job whose check names depend on values only known at run time. */
export interface UnpredictableCheck {
  /** What the names look like, with `.*` where a run-time value goes. */
  pattern: RegExp;
  runFile: string;
  job: JobAddress;
  callers: readonly JobAddress[];
  /** Why the names cannot be computed, as the end of a sentence. */
  reason: string;
}

/** Every check the workflows of one repository report. */
export interface RepositoryChecks {
  reported: ReportedCheck[];
  unpredictable: UnpredictableCheck[];
}

/**
 * The checks every job of a repository's workflows reports: the job's `name` (its id without one),
 * one per matrix leg, and `<caller> / <job>` for jobs of reusable workflows, under each run that
 * can start them. Workflows that only run when called (`workflow_call`) start no run of their own.
 */
export function checksOfRepository(workflows: readonly WorkflowSource[]): RepositoryChecks {
  const byFile = new Map(workflows.map((workflow) => [workflow.file, workflow]));
  const result: RepositoryChecks = { reported: [], unpredictable: [] };
  for (const workflow of workflows) {
    const events = eventsOf(workflow.model);
    if (events.length === 0 || events.every((event) => event === "workflow_call")) continue;
    for (const entry of checksOfWorkflow(workflow, byFile, new Set([workflow.file]))) {
      if ("context" in entry) result.reported.push({ ...entry, runFile: workflow.file });
      else result.unpredictable.push({ ...entry, runFile: workflow.file });
    }
  }
  return result;
}

/** The events a workflow's `on` names, in any of the three forms GitHub accepts. */
export function eventsOf(model: unknown): string[] {
  const on = isObject(model) ? model["on"] : undefined;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.filter((event): event is string => typeof event === "string");
  return isObject(on) ? Object.keys(on) : [];
}

type Entry = Omit<ReportedCheck, "runFile"> | Omit<UnpredictableCheck, "runFile">;

// Check names of one workflow's jobs, relative to it: a caller's name is put in front by the caller.
// `chain` holds the workflows being expanded, this one included, so a call back into one is caught.
function checksOfWorkflow(workflow: WorkflowSource, byFile: ReadonlyMap<string, WorkflowSource>, chain: ReadonlySet<string>): Entry[] {
  const jobs = isObject(workflow.model) && isObject(workflow.model["jobs"]) ? workflow.model["jobs"] : {};
  const entries: Entry[] = [];
  for (const [jobId, job] of Object.entries(jobs)) {
    if (!isObject(job)) continue;
    const address = { file: workflow.file, jobId };
    const names = namesOfJob(jobId, job);
    if ("reason" in names) {
      entries.push({ pattern: names.pattern, job: address, callers: [], reason: names.reason });
      continue;
    }
    const uses = typeof job["uses"] === "string" ? job["uses"] : undefined;
    if (uses === undefined) {
      for (const context of names.names) entries.push({ context, job: address, callers: [] });
      continue;
    }
    // A job that calls a reusable workflow reports no check itself; the called jobs do, as "caller / callee".
    const called = uses.startsWith("./") ? byFile.get(`${repositoryPrefixOfFile(workflow.file)}${uses.slice(2).replace(/@.*$/, "")}`) : undefined;
    const callerPatterns = names.names.map((name) => new RegExp(`^${escapeRegExp(name)} / .*$`));
    if (!called || chain.has(called.file)) {
      const reason = !uses.startsWith("./") ? `calls ${uses}, whose jobs are not known here` : called ? "calls a workflow that calls it back" : `calls ${uses}, which is not a workflow of this repository`;
      for (const pattern of callerPatterns) entries.push({ pattern, job: address, callers: [], reason });
      continue;
    }
    const inner = checksOfWorkflow(called, byFile, new Set([...chain, called.file]));
    for (const name of names.names) {
      for (const entry of inner) {
        const callers = [address, ...entry.callers];
        if ("context" in entry) entries.push({ context: `${name} / ${entry.context}`, job: entry.job, callers });
        else entries.push({ pattern: new RegExp(`^${escapeRegExp(name)} / ${entry.pattern.source.slice(1)}`), job: entry.job, callers, reason: entry.reason });
      }
    }
  }
  return entries;
}

/**
 * The check names one job reports on its own: its `name` (or id); with a matrix, one per leg —
 * `name (value, value)`, or the name with its `${{ matrix.x }}` filled in. Names that depend on
 * anything else are unpredictable.
 */
export function namesOfJob(jobId: string, job: JsonObject): { names: string[] } | { pattern: RegExp; reason: string } {
  const rawName = job["name"];
  const name = typeof rawName === "string" || typeof rawName === "number" || typeof rawName === "boolean" ? String(rawName) : jobId;
  const parts = splitExpressions(name);
  const strategy = isObject(job["strategy"]) ? job["strategy"] : undefined;
  const legs = strategy?.["matrix"] === undefined ? undefined : matrixLegs(strategy["matrix"]);
  const pattern = new RegExp(`^${parts.map((part) => (typeof part === "string" ? escapeRegExp(part) : ".*")).join("")}${legs && parts.every((part) => typeof part === "string") ? "( \\(.*\\))?" : ""}$`);
  if (legs && "problem" in legs) return { pattern, reason: legs.problem };
  const unsupported = parts.find((part) => typeof part !== "string" && part.matrixKey === undefined);
  if (unsupported && typeof unsupported !== "string") return { pattern, reason: `its name uses \`\${{ ${unsupported.body} }}\`, known only when it runs` };
  const hasExpressions = parts.some((part) => typeof part !== "string");
  if (!legs) {
    if (hasExpressions) return { pattern, reason: "its name reads the matrix, but the job has none" };
    return { names: [name] };
  }
  const names = legs.legs.map((leg) => {
    if (hasExpressions) return parts.map((part) => (typeof part === "string" ? part : render(leg.find(([key]) => key === part.matrixKey)?.[1] ?? ""))).join("");
    const values = leg.map(([, value]) => render(value)).filter((value) => value !== "");
    return values.length ? `${name} (${values.join(", ")})` : name;
  });
  return { names: [...new Set(names)] };
}

type NamePart = string | { body: string; matrixKey: string | undefined };

function splitExpressions(text: string): NamePart[] {
  const parts: NamePart[] = [];
  let rest = text;
  for (let start = rest.indexOf("${{"); start >= 0; start = rest.indexOf("${{")) {
    const end = rest.indexOf("}}", start);
    if (end < 0) break;
    if (start > 0) parts.push(rest.slice(0, start));
    const body = rest.slice(start + 3, end).trim();
    parts.push({ body, matrixKey: /^matrix\.([A-Za-z_][\w-]*)$/.exec(body)?.[1] });
    rest = rest.slice(end + 2);
  }
  if (rest) parts.push(rest);
  return parts;
}

type Scalar = string | number | boolean | null;
/** One matrix leg: its keys and values, in the order GitHub lists them in the check name. */
type Leg = [string, Scalar][];

/**
 * The legs of a literal matrix: the product of its lists, minus `exclude`, then `include` added to
 * every leg it does not contradict (or as a leg of its own), as GitHub expands it.
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/running-variations-of-jobs-in-a-workflow#expanding-or-adding-matrix-configurations
 */
export function matrixLegs(matrix: Json): { legs: Leg[] } | { problem: string } {
  if (!isObject(matrix)) return { problem: "its matrix is an expression, known only when it runs" };
  const keys = Object.keys(matrix).filter((key) => key !== "include" && key !== "exclude");
  let legs: Leg[] = keys.length ? [[]] : [];
  for (const key of keys) {
    const values = matrix[key];
    if (!Array.isArray(values)) return { problem: `its matrix value "${key}" is an expression, known only when it runs` };
    if (!values.every(isScalar)) return { problem: `its matrix value "${key}" holds objects or lists, whose check names GitHub does not document` };
    if (values.some(isExpression)) return { problem: `its matrix value "${key}" holds an expression, known only when it runs` };
    legs = legs.flatMap((leg) => values.map((value): Leg => [...leg, [key, value]]));
  }
  for (const [listKey, list] of [["exclude", matrix["exclude"]], ["include", matrix["include"]]] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((entry) => isObject(entry) && Object.values(entry).every(isScalar))) {
      return { problem: `its matrix ${listKey} is not a list of plain key–value objects` };
    }
    if (list.some((entry) => Object.values(entry as JsonObject).some((value) => isExpression(value as Scalar)))) {
      return { problem: `its matrix ${listKey} holds an expression, known only when it runs` };
    }
  }
  const excluded = (matrix["exclude"] ?? []) as JsonObject[];
  legs = legs.filter((leg) => !excluded.some((entry) => Object.entries(entry).every(([key, value]) => leg.some(([legKey, legValue]) => legKey === key && legValue === value))));
  const original = new Set(keys);
  const productLegs = legs;
  const added: Leg[] = [];
  for (const entry of (matrix["include"] ?? []) as JsonObject[]) {
    // added to each leg whose original values it does not change; a leg of its own otherwise
    const fits = productLegs.filter((leg) => Object.entries(entry).every(([key, value]) => !original.has(key) || leg.some(([legKey, legValue]) => legKey === key && legValue === value)));
    for (const leg of fits) {
      for (const [key, value] of Object.entries(entry) as [string, Scalar][]) {
        const existing = leg.find(([legKey]) => legKey === key);
        if (existing) existing[1] = value;
        else leg.push([key, value]);
      }
    }
    if (fits.length === 0) added.push(Object.entries(entry) as Leg);
  }
  return { legs: [...productLegs, ...added] };
}

function render(value: Scalar): string {
  return value === null ? "" : String(value);
}

function isScalar(value: Json): value is Scalar {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function isExpression(value: Scalar): boolean {
  return typeof value === "string" && value.includes("${{");
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
