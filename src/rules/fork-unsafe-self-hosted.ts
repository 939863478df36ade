import type { Json } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { callsAny } from "./_gate.js";
import { type ResolveReference, possibleTemplateValues } from "./_expression-values.js";
import { type ExpressionFacts, expressionFacts, findExpressions } from "./_expressions.js";
import { matrixValues } from "./_matrix.js";
import { type JobView, type WorkflowView, isObject } from "./_workflow-view.js";

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
    fix: "Guard the job with `if: github.event.pull_request.head.repo.full_name == github.repository` (or `!github.event.pull_request.head.repo.fork`), or pick a GitHub-hosted runner for forks in the `runs-on` expression. A job that needs a guarded job, without a status function in its `if:`, is guarded too.\n\nA `runs-on` expression is followed to the labels it can become: matrix values (nested ones like `matrix.job.os`, and `include` rows), text around `${{ }}` (`${{ matrix.os }}-latest`) and defaults after `||` (`${{ inputs.platform || 'ubuntu' }}-latest`; `inputs` is empty in a run started by a pull request). When every label is GitHub-hosted there is no finding; a variable or a function call makes the runner unknown, which is reported.",
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
  const resolve = runnerReference(job);
  const labelKind = (label: Json): RunnerKind => {
    if (Array.isArray(label)) return combine(label.map(labelKind));
    if (typeof label !== "string") return "variable";
    if (!label.includes("${{")) return GITHUB_HOSTED.test(label) || hostedLabels.includes(label) ? "github-hosted" : "self-hosted";
    // `${{ matrix.os }}`, `${{ matrix.os }}-latest` or `${{ inputs.os || 'ubuntu' }}-latest` are
    // as good as the labels they can become
    const labels = possibleTemplateValues(label, resolve);
    return labels && labels.length > 0 ? combine(labels.map(labelKind)) : "variable";
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

// The values a context can take in a run started by a fork's pull request: the matrix as written
// (nested values and `include` rows too), and no inputs at all, since only `workflow_dispatch` and
// `workflow_call` runs have inputs (https://docs.github.com/actions/reference/workflows-and-actions/contexts#inputs-context).
function runnerReference(job: JobView): ResolveReference {
  return (reference) => {
    if (reference.root === "matrix") return matrixValues(job, reference.segments);
    if (reference.root === "inputs") return [null];
    if (reference.root === "github" && reference.segments[0] === "event" && reference.segments[1] === "inputs") return [null];
    return undefined;
  };
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
