import type { Json } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { callsAny } from "./_gate.js";
import { type ExpressionFacts, expressionFacts, findExpressions } from "./_expressions.js";
import { type JobView, type WorkflowView, isObject, objectAt } from "./_workflow-view.js";

// Events that run the pull request's own code, which a fork's author controls.
const FORK_EVENTS = ["pull_request", "pull_request_review", "pull_request_review_comment"];
// GitHub-hosted runner labels: https://docs.github.com/actions/reference/runners/github-hosted-runners
const GITHUB_HOSTED = /^(ubuntu|windows|macos)-(latest|slim|\d+(\.\d+)?)(-(arm|arm64|intel|large|xlarge|xl))?$/i;

export default defineRule({
  id: "fork-unsafe-self-hosted",
  severity: "error",
  summary: "A pull-request job runs on a self-hosted (or variable) runner without a same-repository guard.",
  docs: {
    why: `A pull request from a fork runs the fork author's code. On a self-hosted runner that code can stay
behind after the job, read other jobs' secrets and caches, and reach your network. GitHub advises
never to use self-hosted runners for public repositories' pull requests; a runner picked from a
variable may be self-hosted too.
See [self-hosted runner security](https://docs.github.com/actions/concepts/runners/self-hosted-runners#self-hosted-runner-security).`,
    invalid: `on: pull_request
jobs:
  build:
    runs-on: [self-hosted, linux]
    steps:
      - run: make
`,
    valid: `on: pull_request
jobs:
  build:
    if: github.event.pull_request.head.repo.full_name == github.repository
    runs-on: [self-hosted, linux]
    steps:
      - run: make
`,
    fix: "Guard the job with `if: github.event.pull_request.head.repo.full_name == github.repository` (or `!github.event.pull_request.head.repo.fork`), or pick a GitHub-hosted runner for forks in the `runs-on` expression. A job that needs a guarded job, without a status function in its `if:`, is guarded too.",
    options: "- `hostedLabels` (default `[]`): extra runner labels or group names that are GitHub-hosted (larger runners), so they are not taken for self-hosted ones.",
  },
  options: { hostedLabels: [] as readonly string[] },
  job({ job, workflow, options, report }) {
    const event = FORK_EVENTS.find((name) => workflow.triggers.has(name));
    if (!event) return;
    const runner = runnerKind(job, options.hostedLabels);
    if (runner === "github-hosted" || isGuarded(job, workflow, new Set())) return;
    report({
      path: [...job.path, "runs-on"],
      message: `job "${job.id}" runs ${event} code from forks on a ${runner === "variable" ? "runner chosen at run time, which may be self-hosted" : "self-hosted runner"}`,
      hint: "add `if: github.event.pull_request.head.repo.full_name == github.repository`, or choose a GitHub-hosted runner for forks",
    });
  },
});

type RunnerKind = "github-hosted" | "self-hosted" | "variable";

function runnerKind(job: JobView, hostedLabels: readonly string[]): RunnerKind {
  const runsOn = job.raw["runs-on"];
  const labelKind = (label: Json): RunnerKind => {
    if (typeof label !== "string") return "variable";
    if (!label.includes("${{")) return GITHUB_HOSTED.test(label) || hostedLabels.includes(label) ? "github-hosted" : "self-hosted";
    // `runs-on: ${{ matrix.os }}` over a list of labels is as good as the labels themselves
    const labels = matrixValues(label, job);
    return labels ? combine(labels.map(labelKind)) : "variable";
  };
  if (runsOn === undefined) return "github-hosted";
  if (typeof runsOn === "string") return labelKind(runsOn);
  if (Array.isArray(runsOn)) return combine(runsOn.map(labelKind));
  if (isObject(runsOn)) {
    const group = runsOn["group"];
    if (typeof group === "string" && hostedLabels.includes(group)) return "github-hosted";
    return JSON.stringify(runsOn).includes("${{") ? "variable" : "self-hosted";
  }
  return "variable";
}

// A set of labels is GitHub-hosted only if every label is; one unknown label makes it unknown.
function combine(kinds: readonly RunnerKind[]): RunnerKind {
  if (kinds.includes("variable")) return "variable";
  return kinds.length > 0 && kinds.every((kind) => kind === "github-hosted") ? "github-hosted" : "self-hosted";
}

// The values `${{ matrix.<key> }}` takes, when the matrix lists them; undefined when unknown.
function matrixValues(text: string, job: JobView): Json[] | undefined {
  const [only, ...more] = findExpressions(text);
  if (!only || more.length > 0 || only.start !== 0 || only.end !== text.length) return undefined;
  const facts = expressionFacts(only.body);
  const [reference, ...others] = facts.references;
  const key = reference?.segments[0];
  if (!reference || others.length > 0 || facts.functions.size > 0 || reference.root !== "matrix" || reference.segments.length !== 1 || typeof key !== "string") return undefined;
  const matrix = objectAt(objectAt(job.raw, "strategy"), "matrix");
  if (!matrix) return undefined;
  const entry = Object.entries(matrix).find(([name]) => name.toLowerCase() === key);
  const values: Json[] = [];
  if (entry) {
    if (!Array.isArray(entry[1])) return undefined;
    values.push(...entry[1]);
  }
  const include = matrix["include"];
  if (include !== undefined && !Array.isArray(include)) return undefined;
  for (const row of include ?? []) {
    if (!isObject(row)) return undefined;
    const value = Object.entries(row).find(([name]) => name.toLowerCase() === key)?.[1];
    if (value !== undefined) values.push(value);
  }
  return values.length > 0 ? values : undefined;
}

// A guard reads where the pull request comes from (head.repo.full_name, head.repo.fork), in the
// job's `if:` or in a `runs-on` expression that picks a runner by it.
function isGuarded(job: JobView, workflow: WorkflowView, visiting: Set<JobView>): boolean {
  const runsOn = job.raw["runs-on"];
  const runsOnFacts = typeof runsOn === "string" ? findExpressions(runsOn).map((expression) => expressionFacts(expression.body)) : [];
  if ([...job.conditionFacts, ...runsOnFacts].some(readsOrigin)) return true;
  // a job whose needed job is skipped is skipped too, unless a status function overrides that
  if (callsAny(job.conditionFacts, "always", "failure", "cancelled") || visiting.has(job)) return false;
  visiting.add(job);
  return job.needs.some((need) => {
    const needed = workflow.job(need.id);
    return needed !== undefined && isGuarded(needed, workflow, visiting);
  });
}

function readsOrigin(facts: ExpressionFacts): boolean {
  return facts.references.some(
    (reference) =>
      reference.root === "github" && reference.segments[0] === "event" && reference.segments[1] === "pull_request" && reference.segments[2] === "head" && reference.segments[3] === "repo",
  );
}
