import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { JobRecord, RunRecord } from "./records.js";

/** What one recorded file held: the runs and jobs it lists, and what was wrong with it. */
export interface ReadResponses {
  runs: RunRecord[];
  jobs: JobRecord[];
  diagnostics: Diagnostic[];
}

// An ISO 8601 date-time with its zone: without one, the same text means another instant on
// every machine, so the figures would depend on where they are computed.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
// A broken file can hold thousands of bad records: the first few say what is wrong.
const MAX_PROBLEMS_PER_FILE = 10;

type Path = (string | number)[];

/**
 * Reads one recorded REST response file: a response of "List workflow runs for a repository"
 * (`workflow_runs`) or of "List jobs for a workflow run" (`jobs`), or an array of them (what
 * `gh api --paginate --slurp` writes). Each response is recognised by its shape, not its name.
 */
export function readResponses(file: string, text: string): ReadResponses {
  const found: ReadResponses = { runs: [], jobs: [], diagnostics: [] };
  const problem = (message: string, hint: string, path?: Path) => {
    if (found.diagnostics.length < MAX_PROBLEMS_PER_FILE) found.diagnostics.push({ rule: "cost", severity: "error", file, message, hint, ...(path ? { path } : {}) });
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    problem(`${file} is not JSON: ${(error as Error).message}`, "record it again, e.g. gh api --paginate --slurp '/repos/OWNER/REPO/actions/runs' > runs.json");
    return found;
  }
  const responses: [unknown, Path][] = Array.isArray(value) ? value.map((item, index) => [item, [index]]) : [[value, []]];
  for (const [response, at] of responses) {
    const object = isObject(response) ? response : undefined;
    if (object && Array.isArray(object.workflow_runs)) {
      object.workflow_runs.forEach((run, index) => {
        const read = readRun(run, [...at, "workflow_runs", index], problem);
        if (read) found.runs.push(read);
      });
    } else if (object && Array.isArray(object.jobs)) {
      object.jobs.forEach((job, index) => {
        const read = readJob(job, [...at, "jobs", index], problem);
        if (read) found.jobs.push(read);
      });
    } else {
      problem(
        `${file}${at.length ? ` at [${at.join("][")}]` : ""} is neither a list of workflow runs nor a list of jobs (no "workflow_runs" or "jobs" array)`,
        "keep only responses of GET /repos/OWNER/REPO/actions/runs and GET …/actions/runs/RUN_ID/jobs under this folder",
        at,
      );
    }
  }
  return found;
}

type Report = (message: string, hint: string, path?: Path) => void;

function readRun(value: unknown, at: Path, problem: Report): RunRecord | undefined {
  if (!isObject(value)) return void problem(`${describe(at)} is not an object`, "record the response again, unchanged", at);
  const field = fieldReader(value, at, problem);
  const run: RunRecord = {
    id: field.id("id"),
    name: field.text("name", false) ?? "",
    path: field.text("path", true) ?? "",
    event: field.text("event", false) ?? "",
    headBranch: field.text("head_branch", false) ?? "",
    status: field.text("status", false) ?? "",
    conclusion: field.text("conclusion", false) ?? null,
    createdAt: field.time("created_at", true) ?? 0,
    updatedAt: field.time("updated_at", true) ?? 0,
    runAttempt: field.attempt(),
  };
  const runStartedAt = field.time("run_started_at", false);
  if (runStartedAt !== undefined) run.runStartedAt = runStartedAt;
  return field.ok() ? run : undefined;
}

function readJob(value: unknown, at: Path, problem: Report): JobRecord | undefined {
  if (!isObject(value)) return void problem(`${describe(at)} is not an object`, "record the response again, unchanged", at);
  const field = fieldReader(value, at, problem);
  const labels = value.labels ?? [];
  if (!Array.isArray(labels) || !labels.every((label) => typeof label === "string")) field.fail("labels", "is not a list of strings");
  const job: JobRecord = {
    id: field.id("id"),
    runId: field.id("run_id"),
    runAttempt: field.attempt(),
    name: field.text("name", false) ?? "",
    conclusion: field.text("conclusion", false) ?? null,
    createdAt: field.time("created_at", true) ?? 0,
    labels: Array.isArray(labels) ? (labels as string[]) : [],
    runnerName: field.text("runner_name", false) ?? null,
  };
  const startedAt = field.time("started_at", false);
  const completedAt = field.time("completed_at", false);
  if (startedAt !== undefined) job.startedAt = startedAt;
  if (completedAt !== undefined) job.completedAt = completedAt;
  return field.ok() ? job : undefined;
}

// Reads fields of one record, reporting each wrong one with its path; `ok()` says whether all held.
function fieldReader(record: Record<string, unknown>, at: Path, problem: Report) {
  let failed = false;
  const fail = (key: string, what: string, hint = "record the response again, unchanged") => {
    failed = true;
    problem(`${describe([...at, key])} ${what}`, hint, [...at, key]);
  };
  return {
    fail,
    ok: () => !failed,
    id(key: string): number {
      const value = record[key];
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      fail(key, `is ${JSON.stringify(value) ?? "missing"}, not a numeric id`);
      return 0;
    },
    attempt(): number {
      const value = record.run_attempt ?? 1;
      if (typeof value === "number" && Number.isInteger(value) && value >= 1) return value;
      fail("run_attempt", `is ${JSON.stringify(value)}, not an attempt number (1, 2, …)`);
      return 1;
    },
    text(key: string, required: boolean): string | undefined {
      const value = record[key];
      if (typeof value === "string") return value;
      if ((value === undefined || value === null) && !required) return undefined;
      fail(key, value === undefined ? "is missing" : `is ${JSON.stringify(value)}, not a string`);
      return undefined;
    },
    time(key: string, required: boolean): number | undefined {
      const value = record[key];
      if ((value === undefined || value === null) && !required) return undefined;
      if (typeof value === "string" && TIMESTAMP.test(value)) {
        const time = Date.parse(value);
        if (!Number.isNaN(time)) return time;
      }
      if (typeof value === "string" && ZONELESS.test(value)) {
        fail(key, `is "${value}", a time without a zone, so the instant it names is unknown`, `write it with its zone as GitHub does, e.g. "${value.replace(" ", "T")}Z"`);
      } else {
        fail(key, value === undefined || value === null ? "is missing" : `is ${JSON.stringify(value)}, not an ISO 8601 time`, 'GitHub writes times as "2026-01-31T12:00:00Z"; record the response again');
      }
      return undefined;
    },
  };
}

function describe(at: Path): string {
  return at.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("") || "the response";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
