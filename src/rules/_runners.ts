// The runner labels of a job's `runs-on`, as far as they can be known before the run, and what
// GitHub says about its hosted labels: https://docs.github.com/actions/reference/runners/github-hosted-runners
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { possibleTemplateValues } from "./_expression-values.js";
import { matrixValues } from "./_matrix.js";
import { type JobView, isObject } from "./_workflow-view.js";

/** The shape of a GitHub-hosted label, current or retired: `ubuntu-24.04`, `macos-15-intel`, `windows-latest`. */
export const GITHUB_HOSTED_LABEL = /^(ubuntu|windows|macos)-(latest|slim|\d+(\.\d+)?)(-(arm|arm64|intel|large|xlarge|xl))?$/i;

/** Labels every self-hosted runner gets from its operating system and architecture. */
export const DEFAULT_SELF_HOSTED_LABELS = new Set(["self-hosted", "linux", "windows", "macos", "x64", "arm", "arm64"]);

/** A retired hosted image: the date its jobs stopped running, and GitHub's announcement. */
export interface RetiredImage {
  retired: string;
  replacement: string;
}

/**
 * GitHub-hosted images GitHub no longer runs, by label without a size suffix (`macos-13` covers
 * `macos-13-large`). Dates from the runner-images announcements.
 */
export const RETIRED_IMAGES: ReadonlyMap<string, RetiredImage> = new Map([
  ["ubuntu-16.04", { retired: "2021-09-20", replacement: "ubuntu-24.04" }],
  ["ubuntu-18.04", { retired: "2023-04-03", replacement: "ubuntu-24.04" }],
  ["ubuntu-20.04", { retired: "2025-04-15", replacement: "ubuntu-24.04" }],
  ["macos-10.15", { retired: "2022-12-01", replacement: "macos-15" }],
  ["macos-11", { retired: "2024-06-28", replacement: "macos-15" }],
  ["macos-12", { retired: "2024-12-03", replacement: "macos-15" }],
  ["macos-13", { retired: "2025-12-04", replacement: "macos-15-intel (x64) or macos-15" }],
  ["windows-2016", { retired: "2022-03-15", replacement: "windows-2025" }],
  ["windows-2019", { retired: "2025-06-30", replacement: "windows-2025" }],
]);

/** The retired image a label names, when it names one. */
export function retiredImage(label: string): { image: string; facts: RetiredImage } | undefined {
  const image = label.toLowerCase().replace(/-(large|xlarge|xl|arm64)$/, "").replace(/^macos-11\.0$/, "macos-11");
  const facts = RETIRED_IMAGES.get(image);
  return facts && { image, facts };
}

/** One label a job can run on, where it is written, and whether it came through an expression. */
export interface RunnerLabel {
  label: string;
  path: WorkflowPath;
}

/** What a job's `runs-on` asks for: labels known before the run, and whether it names a runner group. */
export interface RunnerRequest {
  /** Every set of labels the job can ask for (one per matrix combination when they differ). */
  labelSets: RunnerLabel[][];
  /** A `group:` is named: its runners carry labels of their own. */
  hasGroup: boolean;
}

/**
 * The labels of a job's `runs-on`: literal ones, and those a `${{ }}` can become from the job's
 * matrix (a label that is not known, such as from `vars`, is left out).
 */
export function runnerRequest(job: JobView): RunnerRequest | undefined {
  return job.remember(REQUEST, () => requestOf(job));
}

// runner-label-unknown and runner-retired both ask about every job; the answer depends on the job alone.
const REQUEST = {};

function requestOf(job: JobView): RunnerRequest | undefined {
  const runsOn = job.raw["runs-on"];
  const path = [...job.path, "runs-on"];
  if (runsOn === undefined) return undefined;
  if (isObject(runsOn)) {
    const labels = runsOn["labels"];
    const labelsPath = [...path, "labels"];
    return { labelSets: labels === undefined ? [] : labelSets(labels, labelsPath, job), hasGroup: runsOn["group"] !== undefined };
  }
  return { labelSets: labelSets(runsOn, path, job), hasGroup: false };
}

function labelSets(value: Json, path: WorkflowPath, job: JobView): RunnerLabel[][] {
  if (Array.isArray(value)) {
    const labels = value.flatMap((item, index) => (typeof item === "string" ? expand(item, [...path, index], job).flat() : []));
    return [labels];
  }
  return typeof value === "string" ? expand(value, path, job) : [];
}

// A label written with `${{ }}` becomes each value the matrix gives it; a value that is a list
// (`runs-on: ${{ matrix.runner }}` with `runner: [self-hosted, gpu]`) is one set of labels.
function expand(text: string, path: WorkflowPath, job: JobView): RunnerLabel[][] {
  if (!text.includes("${{")) return [[{ label: text, path }]];
  const values = possibleTemplateValues(text, (reference) => (reference.root === "matrix" ? matrixValues(job, reference.segments) : undefined));
  if (!values) return [];
  return values.map((value) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : typeof value === "string" ? [value] : []).map((label) => ({ label, path })));
}
