import { type Document, type Node, Pair, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, parseDocument } from "yaml";

/**
 * One small mistake a user makes in a workflow, of one kind: `apply` edits a clean workflow's
 * document in place and returns false when the workflow has no place for it (no matrix, one job...).
 */
export interface Mutation {
  id: string;
  /** The class of mistake, in the words: syntax, expressions, events, needs, ... */
  kind: string;
  apply: (document: Document) => boolean;
}

/** A workflow with one mistake in it: `text` is what both linters read. */
export interface Mutant {
  mutation: string;
  base: string;
  path: string;
  text: string;
}

type Mapping = YAMLMap<unknown, unknown>;

function mapAt(node: unknown, key: string): Mapping | undefined {
  if (!isMap(node)) return undefined;
  const value = node.get(key, true);
  return isMap(value) ? (value as Mapping) : undefined;
}

function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

// Jobs that run steps (not reusable-workflow calls), in file order.
function stepJobs(document: Document): { id: string; job: Mapping; steps: YAMLSeq }[] {
  const jobs = mapAt(document.contents, "jobs");
  if (!jobs) return [];
  return jobs.items.flatMap((pair) => {
    const job = pair.value;
    if (!isMap(job)) return [];
    const steps = job.get("steps", true);
    return isSeq(steps) && steps.items.every(isMap) ? [{ id: keyName(pair.key), job: job as Mapping, steps }] : [];
  });
}

function jobIds(document: Document): string[] {
  const jobs = mapAt(document.contents, "jobs");
  return jobs ? jobs.items.map((pair) => keyName(pair.key)) : [];
}

function firstStepJob(document: Document) {
  return stepJobs(document)[0];
}

// Appends a step to the first job that runs steps.
function addStep(document: Document, step: Record<string, unknown>): boolean {
  const target = firstStepJob(document);
  if (!target) return false;
  target.steps.items.push(document.createNode(step));
  return true;
}

/** Appends `run: <script>` as a new last step of the first job that runs steps. */
function addRun(script: string): (document: Document) => boolean {
  return (document) => addStep(document, { run: script });
}

// Sets a key on the first job that runs steps.
function setOnJob(key: string, value: unknown): (document: Document) => boolean {
  return (document) => {
    const target = firstStepJob(document);
    if (!target) return false;
    target.job.set(key, document.createNode(value));
    return true;
  };
}

// The job with a literal (not expression) matrix mapping whose first key has a literal list.
function matrixJob(document: Document): { job: Mapping; matrix: Mapping; key: string; values: YAMLSeq } | undefined {
  for (const { job } of stepJobs(document)) {
    const matrix = mapAt(mapAt(job, "strategy"), "matrix");
    if (!matrix) continue;
    for (const pair of matrix.items) {
      const key = keyName(pair.key);
      if (key === "include" || key === "exclude") continue;
      if (isSeq(pair.value) && pair.value.items.length > 0 && pair.value.items.every((item) => isScalar(item) && typeof item.value === "string" && !item.value.includes("${{"))) {
        return { job, matrix, key, values: pair.value };
      }
    }
  }
  return undefined;
}

// `on:` as a mapping, turning `on: push` and `on: [push, pull_request]` into one first.
function eventsMap(document: Document): Mapping | undefined {
  if (!isMap(document.contents)) return undefined;
  const on: unknown = (document.contents as Mapping).get("on", true);
  if (isMap(on)) return on as Mapping;
  const names: unknown[] | undefined = isScalar(on) ? [on.value] : isSeq(on) ? on.items.map((item) => (isScalar(item) ? item.value : undefined)) : undefined;
  if (!names || names.some((name) => typeof name !== "string")) return undefined;
  const map = new YAMLMap<unknown, unknown>();
  for (const name of names) map.set(name, null);
  (document.contents as Mapping).set("on", map);
  return map;
}

function addEvent(name: string, config: unknown): (document: Document) => boolean {
  return (document) => {
    const events = eventsMap(document);
    if (!events || events.has(name)) return false;
    events.set(name, config === null ? null : document.createNode(config));
    return true;
  };
}

// Sets a top-level key the workflow does not have yet.
function setOnWorkflow(key: string, value: unknown): (document: Document) => boolean {
  return (document) => {
    if (!isMap(document.contents) || (document.contents as Mapping).has(key)) return false;
    (document.contents as Mapping).set(key, document.createNode(value));
    return true;
  };
}

// A job that calls a reusable workflow, appended to the jobs.
function addCallJob(id: string, job: Record<string, unknown>): (document: Document) => boolean {
  return (document) => {
    const jobs = mapAt(document.contents, "jobs");
    if (!jobs || jobs.has(id)) return false;
    jobs.set(id, document.createNode(job));
    return true;
  };
}

/**
 * The mutation operators, written from GitHub's workflow syntax documentation: each is one mistake
 * of an in-scope kind. Their order is fixed; the harness applies each to the first few workflows
 * where it fits.
 */
export const MUTATIONS: readonly Mutation[] = [
  // syntax
  { id: "job-key-misspelt", kind: "syntax", apply: setOnJob("time-out-minutes", 10) },
  { id: "step-key-misspelt", kind: "syntax", apply: (document) => addStep(document, { name: "build", runs: "make" }) },
  { id: "top-level-key-unknown", kind: "syntax", apply: (document) => isMap(document.contents) && ((document.contents as Mapping).set("envs", document.createNode({ A: "1" })), true) },
  { id: "timeout-not-a-number", kind: "syntax", apply: setOnJob("timeout-minutes", "ten") },
  { id: "continue-on-error-not-boolean", kind: "syntax", apply: (document) => addStep(document, { run: "make", "continue-on-error": "sometimes" }) },
  { id: "step-uses-and-run", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout@v4", run: "make" }) },
  { id: "max-parallel-not-a-number", kind: "syntax", apply: (document) => { const found = matrixJob(document); if (!found) return false; mapAt(found.job, "strategy")!.set("max-parallel", "two"); return true; } },
  // needs
  { id: "needs-missing-job", kind: "needs", apply: setOnJob("needs", ["no-such-job"]) },
  { id: "needs-cycle", kind: "needs", apply: (document) => {
    const jobs = stepJobs(document);
    if (jobs.length < 2) return false;
    jobs[0]!.job.set("needs", document.createNode([jobs[1]!.id]));
    jobs[1]!.job.set("needs", document.createNode([jobs[0]!.id]));
    return true;
  } },
  { id: "needs-itself", kind: "needs", apply: (document) => { const target = firstStepJob(document); if (!target) return false; target.job.set("needs", document.createNode([target.id])); return true; } },
  // expressions
  { id: "matrix-key-missing", kind: "expressions", apply: (document) => {
    const found = matrixJob(document);
    if (!found) return false;
    const steps: unknown = found.job.get("steps", true);
    if (!isSeq(steps)) return false;
    steps.items.push(document.createNode({ run: "echo ${{ matrix.no_such_key }}" }));
    return true;
  } },
  { id: "matrix-without-strategy", kind: "expressions", apply: (document) => {
    const target = stepJobs(document).find(({ job }) => !job.has("strategy"));
    if (!target) return false;
    target.steps.items.push(document.createNode({ run: "echo ${{ matrix.os }}" }));
    return true;
  } },
  { id: "step-outputs-unknown-step", kind: "expressions", apply: addRun("echo ${{ steps.no_such_step.outputs.value }}") },
  { id: "step-without-outputs", kind: "expressions", apply: (document) => {
    const target = firstStepJob(document);
    if (!target) return false;
    target.steps.items.push(document.createNode({ id: "made", run: "echo made" }), document.createNode({ run: "echo ${{ steps.made.value }}" }));
    return true;
  } },
  { id: "github-property-misspelt", kind: "expressions", apply: addRun("echo ${{ github.refname }}") },
  { id: "github-events-plural", kind: "expressions", apply: addRun("echo ${{ github.events.action }}") },
  { id: "context-unknown", kind: "expressions", apply: addRun("echo ${{ gitub.sha }}") },
  { id: "function-unknown", kind: "expressions", apply: addRun("echo ${{ startWith(github.ref, 'refs/tags/') }}") },
  { id: "function-too-few-arguments", kind: "expressions", apply: addRun("echo ${{ contains(github.ref) }}") },
  { id: "function-too-many-arguments", kind: "expressions", apply: addRun("echo ${{ toJSON(github, 2) }}") },
  { id: "format-missing-argument", kind: "expressions", apply: addRun("echo ${{ format('{0}-{1}', github.sha) }}") },
  { id: "expression-unclosed", kind: "expressions", apply: addRun("echo ${{ github.sha }") },
  { id: "expression-bad-operator", kind: "expressions", apply: addRun("echo ${{ github.sha = 'a' }}") },
  { id: "property-of-string", kind: "expressions", apply: addRun("echo ${{ github.repository.default_branch }}") },
  { id: "needs-output-not-needed", kind: "expressions", apply: addRun("echo ${{ needs.no_such_job.outputs.value }}") },
  { id: "env-context-where-unavailable", kind: "expressions", apply: setOnJob("name", "build ${{ env.NAME }}") },
  { id: "steps-context-in-job-if", kind: "expressions", apply: setOnJob("if", "steps.a.outcome == 'success'") },
  { id: "secrets-in-step-if", kind: "expressions", apply: (document) => addStep(document, { if: "secrets.TOKEN != ''", run: "make" }) },
  { id: "inputs-undeclared", kind: "expressions", apply: (document) => {
    const events = eventsMap(document);
    if (!events || !events.has("workflow_dispatch") || !isMap(events.get("workflow_dispatch", true))) return false;
    return addRun("echo ${{ inputs.no_such_input }}")(document);
  } },
  { id: "function-where-unavailable", kind: "expressions", apply: setOnJob("if", "hashFiles('**/go.sum') != ''") },
  { id: "runner-context-in-runs-on", kind: "expressions", apply: setOnJob("runs-on", "${{ runner.os }}") },
  { id: "matrix-in-workflow-env", kind: "expressions", apply: (document) => isMap(document.contents) && !(document.contents as Mapping).has("env") && ((document.contents as Mapping).set("env", document.createNode({ OS: "${{ matrix.os }}" })), true) },
  { id: "needs-result-not-needed", kind: "expressions", apply: (document) => {
    const target = stepJobs(document).find(({ job }) => !job.has("needs"));
    const other = jobIds(document).find((id) => id !== target?.id);
    if (!target || !other) return false;
    target.steps.items.push(document.createNode({ run: `echo \${{ needs.${other}.result }}` }));
    return true;
  } },
  { id: "comparison-object-string", kind: "expressions", apply: (document) => addStep(document, { if: "github.event == 'release'", run: "make" }) },
  // the same mistakes inside a multi-line script, where each line of the script is a line of the file
  { id: "script-line-github-property-misspelt", kind: "expressions", apply: addRun("echo start\necho ${{ github.refname }}\necho end") },
  { id: "script-line-step-outputs-unknown-step", kind: "expressions", apply: addRun("echo start\necho ${{ steps.no_such_step.outputs.value }}") },
  { id: "script-line-matrix-without-strategy", kind: "expressions", apply: (document) => {
    const target = stepJobs(document).find(({ job }) => !job.has("strategy"));
    if (!target) return false;
    target.steps.items.push(document.createNode({ run: "echo start\necho ${{ matrix.os }}" }));
    return true;
  } },
  { id: "script-line-format-missing-argument", kind: "expressions", apply: addRun("echo start\necho ${{ format('{0}-{1}', github.sha) }}") },
  { id: "script-line-untrusted-input", kind: "expressions", apply: addRun('echo start\necho "${{ github.event.issue.title }}"') },
  { id: "script-line-set-output-command", kind: "deprecated commands", apply: addRun('echo start\necho "::set-output name=version::1.0"') },
  { id: "script-line-context-unknown", kind: "expressions", apply: addRun("echo start\n\necho ${{ gitub.sha }}") },
  { id: "block-script-context-unknown", kind: "expressions", apply: addRun("echo start\necho ${{ gitub.sha }}\n") },
  { id: "block-script-function-unknown", kind: "expressions", apply: addRun("make\nmake test TAG=${{ startWith(github.ref, 'refs/tags/') }}\n") },
  { id: "block-script-expression-unclosed", kind: "expressions", apply: addRun("make\necho ${{ github.sha }\n") },
  { id: "block-script-secrets-in-step-if", kind: "expressions", apply: (document) => addStep(document, { if: "secrets.TOKEN != ''\n", run: "make" }) },
  { id: "untrusted-input-in-run", kind: "expressions", apply: addRun('echo "${{ github.event.pull_request.title }}"') },
  { id: "untrusted-input-in-github-script", kind: "expressions", apply: (document) => addStep(document, { uses: "actions/github-script@v7", with: { script: "console.log('${{ github.event.issue.body }}')" } }) },
  { id: "job-context-property-unknown", kind: "expressions", apply: addRun("echo ${{ job.stat }}") },
  { id: "runner-context-property-unknown", kind: "expressions", apply: addRun("echo ${{ runner.osx }}") },
  { id: "strategy-context-property-unknown", kind: "expressions", apply: addRun("echo ${{ strategy.index }}") },
  { id: "inputs-without-input-triggers", kind: "expressions", apply: (document) => {
    const events = eventsMap(document);
    if (!events || events.has("workflow_dispatch") || events.has("workflow_call")) return false;
    return addRun("echo ${{ inputs.version }}")(document);
  } },
  { id: "needs-output-undeclared", kind: "expressions", apply: (document) => {
    const jobs = stepJobs(document);
    const target = jobs.find(({ job }) => !job.has("needs"));
    const other = jobs.find(({ id }) => id !== target?.id);
    if (!target || !other || other.job.has("outputs") || other.job.has("needs")) return false;
    target.job.set("needs", document.createNode([other.id]));
    target.steps.items.push(document.createNode({ run: "echo ${{ needs." + other.id + ".outputs.version }}" }));
    return true;
  } },
  { id: "action-output-unknown", kind: "expressions", apply: (document) => addStep(document, { id: "co", uses: "actions/checkout@v4" }) && addRun("echo ${{ steps.co.outputs.no_such_output }}")(document) },
  { id: "status-function-in-run", kind: "expressions", apply: addRun("echo ${{ always() }}") },
  // syntax
  { id: "runs-on-missing", kind: "syntax", apply: (document) => { const target = firstStepJob(document); return !!target && target.job.delete("runs-on"); } },
  { id: "run-step-with-inputs", kind: "syntax", apply: (document) => addStep(document, { run: "make", with: { target: "all" } }) },
  { id: "uses-step-with-shell", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout@v4", shell: "bash" }) },
  { id: "concurrency-without-group", kind: "syntax", apply: setOnJob("concurrency", { "cancel-in-progress": true }) },
  { id: "timeout-negative", kind: "syntax", apply: setOnJob("timeout-minutes", -5) },
  { id: "container-without-image", kind: "syntax", apply: setOnJob("container", { env: { A: "1" } }) },
  { id: "environment-without-name", kind: "syntax", apply: setOnJob("environment", { url: "https://example.com" }) },
  { id: "step-id-leading-digit", kind: "ids", apply: (document) => addStep(document, { id: "1st", run: "make" }) },
  // events
  { id: "tags-on-pull-request", kind: "events", apply: addEvent("pull_request", { tags: ["v*"] }) },
  { id: "paths-on-workflow-run", kind: "events", apply: addEvent("workflow_run", { workflows: ["CI"], paths: ["src/**"] }) },
  { id: "dispatch-number-default-not-a-number", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { count: { type: "number", default: "many" } } }) },
  { id: "glob-empty", kind: "globs", apply: (document) => addEvent("push", { branches: [""] })(document) || addEvent("pull_request", { branches: [""] })(document) },
  { id: "glob-ref-trailing-space", kind: "globs", apply: (document) => addEvent("push", { branches: ["main "] })(document) || addEvent("pull_request", { branches: ["main "] })(document) },
  { id: "matrix-nested-key-missing", kind: "expressions", apply: (document) => {
    const target = stepJobs(document).find(({ job }) => !job.has("strategy"));
    if (!target) return false;
    target.job.set("strategy", document.createNode({ matrix: { config: [{ os: "ubuntu-latest", node: 20 }, { os: "windows-latest", node: 22 }] } }));
    target.steps.items.push(document.createNode({ run: "echo ${{ matrix.config.python }}" }));
    return true;
  } },
  { id: "untrusted-head-ref-in-run", kind: "expressions", apply: addRun('git checkout "${{ github.head_ref }}"') },
  { id: "untrusted-indexed-commit-in-run", kind: "expressions", apply: addRun('echo "${{ github.event.commits[0].message }}"') },
  { id: "function-in-job-env", kind: "expressions", apply: setOnJob("env", { LOCK: "${{ hashFiles('package-lock.json') }}" }) },
  { id: "call-output-unknown-job", kind: "expressions", apply: addEvent("workflow_call", { outputs: { version: { value: "${{ jobs.no_such_job.outputs.version }}" } } }) },
  { id: "job-key-duplicate", kind: "syntax", apply: (document) => {
    const target = firstStepJob(document);
    const runsOn = target?.job.items.find((pair) => keyName(pair.key) === "runs-on");
    if (!target || !runsOn) return false;
    target.job.items.push(new Pair(document.createNode("runs-on"), document.createNode("ubuntu-latest")));
    return true;
  } },
  { id: "steps-not-a-list", kind: "syntax", apply: (document) => { const target = firstStepJob(document); if (!target) return false; target.job.set("steps", document.createNode({ run: "make" })); return true; } },
  { id: "job-id-with-dot", kind: "ids", apply: (document) => {
    const jobs = mapAt(document.contents, "jobs");
    const target = firstStepJob(document);
    if (!jobs || !target) return false;
    jobs.set("build.linux", target.job.clone());
    return true;
  } },
  { id: "call-not-a-workflow-path", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci@v1" }) },
  { id: "call-secrets-inherit-and-listed", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", secrets: { inherit: "yes" } }) },
  { id: "call-secret-required-not-boolean", kind: "reusable-workflow calls", apply: addEvent("workflow_call", { secrets: { token: { required: "yes" } } }) },
  { id: "event-unknown-in-list", kind: "events", apply: (document) => {
    if (!isMap(document.contents)) return false;
    const on: unknown = (document.contents as Mapping).get("on", true);
    if (!isSeq(on) && !isScalar(on)) return false;
    const names = isSeq(on) ? on.items.map((item) => (isScalar(item) ? item.value : undefined)) : [on.value];
    (document.contents as Mapping).set("on", document.createNode([...names, "pull-request"]));
    return true;
  } },
  { id: "workflow-run-type-unknown", kind: "events", apply: addEvent("workflow_run", { workflows: ["CI"], types: ["finished"] }) },
  { id: "dispatch-input-name-invalid", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { "dry run": { type: "boolean" } } }) },
  { id: "property-of-step-output", kind: "expressions", apply: (document) => addStep(document, { id: "made", run: "echo made" }) && addRun("echo ${{ steps.made.outputs.value.major }}")(document) },
  { id: "property-of-env-value", kind: "expressions", apply: (document) => setOnJob("env", { VERSION: "1.2" })(document) && addRun("echo ${{ env.VERSION.major }}")(document) },
  { id: "from-json-bad-literal", kind: "expressions", apply: addRun("echo ${{ fromJSON('{not json') }}") },
  { id: "glob-empty-class", kind: "globs", apply: (document) => addEvent("push", { paths: ["src/[]/**"] })(document) || addEvent("pull_request", { paths: ["src/[]/**"] })(document) },
  { id: "glob-trailing-backslash", kind: "globs", apply: (document) => addEvent("push", { branches: ["release\\"] })(document) || addEvent("pull_request", { branches: ["release\\"] })(document) },
  { id: "cron-step-zero", kind: "events", apply: addEvent("schedule", [{ cron: "*/0 * * * *" }]) },
  { id: "cron-month-name-unknown", kind: "events", apply: addEvent("schedule", [{ cron: "0 0 1 JAM *" }]) },
  { id: "object-in-script", kind: "expressions", apply: addRun("echo ${{ github.event }}") },
  { id: "job-container-property-unknown", kind: "expressions", apply: (document) => setOnJob("container", { image: "node:20" })(document) && addRun("echo ${{ job.container.ip }}")(document) },
  { id: "call-required-input-with-default", kind: "events", apply: addEvent("workflow_call", { inputs: { level: { type: "string", required: true, default: "low" } } }) },
  // events
  { id: "push-with-types", kind: "events", apply: addEvent("push", { types: ["created"] }) },
  { id: "choice-default-not-an-option", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "choice", options: ["low", "high"], default: "medium" } } }) },
  { id: "call-input-default-wrong-type", kind: "events", apply: addEvent("workflow_call", { inputs: { dry: { type: "boolean", default: "yes please" } } }) },
  { id: "call-output-without-value", kind: "events", apply: addEvent("workflow_call", { outputs: { version: { description: "the version" } } }) },
  { id: "schedule-not-a-list", kind: "events", apply: addEvent("schedule", { cron: "0 0 * * *" }) },
  { id: "event-unknown", kind: "events", apply: addEvent("pull_requests", null) },
  { id: "event-activity-type-unknown", kind: "events", apply: addEvent("issues", { types: ["opend"] }) },
  { id: "event-filter-key-unknown", kind: "events", apply: addEvent("release", { branches: ["main"] }) },
  { id: "cron-bad-field-count", kind: "events", apply: addEvent("schedule", [{ cron: "0 0 * *" }]) },
  { id: "cron-minute-out-of-range", kind: "events", apply: addEvent("schedule", [{ cron: "60 1 * * *" }]) },
  { id: "cron-every-minute", kind: "events", apply: addEvent("schedule", [{ cron: "* * * * *" }]) },
  { id: "branches-and-ignore", kind: "events", apply: addEvent("pull_request_target", { branches: ["main"], "branches-ignore": ["dev"] }) },
  { id: "dispatch-input-type-unknown", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "text" } } }) },
  { id: "dispatch-choice-without-options", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "choice" } } }) },
  { id: "workflow-run-without-workflows", kind: "events", apply: addEvent("workflow_run", { types: ["completed"] }) },
  // globs
  { id: "glob-unclosed-bracket", kind: "globs", apply: (document) => addEvent("push", { branches: ["release/[0-9"] })(document) || addEvent("pull_request", { branches: ["release/[0-9"] })(document) },
  { id: "glob-regex-looking", kind: "globs", apply: (document) => addEvent("push", { tags: ["/v.*/"] })(document) || addEvent("pull_request", { branches: ["/.*-stable/"] })(document) },
  { id: "glob-path-leading-space", kind: "globs", apply: (document) => addEvent("push", { paths: [" src/**"] })(document) || addEvent("pull_request", { paths: [" src/**"] })(document) },
  { id: "glob-dot-segment", kind: "globs", apply: (document) => addEvent("push", { paths: ["./src/**"] })(document) || addEvent("pull_request", { paths: ["./src/**"] })(document) },
  // ids
  { id: "step-id-duplicate-case", kind: "ids", apply: (document) => addStep(document, { id: "Build", run: "make" }) && addStep(document, { id: "build", run: "make test" }) },
  { id: "step-id-invalid", kind: "ids", apply: (document) => addStep(document, { id: "build step", run: "make" }) },
  { id: "job-id-duplicate-case", kind: "ids", apply: (document) => {
    const jobs = mapAt(document.contents, "jobs");
    const target = firstStepJob(document);
    if (!jobs || !target || target.id.toUpperCase() === target.id) return false;
    jobs.set(target.id.toUpperCase(), target.job.clone());
    return true;
  } },
  { id: "job-id-invalid", kind: "ids", apply: (document) => {
    const jobs = mapAt(document.contents, "jobs");
    const target = firstStepJob(document);
    if (!jobs || !target) return false;
    jobs.set("1st-job", target.job.clone());
    return true;
  } },
  // conditions
  { id: "if-text-around-expression", kind: "conditions", apply: (document) => addStep(document, { if: "${{ github.event_name == 'push' }} && ${{ github.ref == 'refs/heads/main' }}", run: "make" }) },
  { id: "if-expression-then-text", kind: "conditions", apply: setOnJob("if", "${{ github.event_name }} == 'push'") },
  { id: "if-constant-true", kind: "conditions", apply: (document) => addStep(document, { if: true, run: "make" }) },
  { id: "if-constant-string", kind: "conditions", apply: (document) => addStep(document, { if: "${{ 'false' }}", run: "make" }) },
  // permissions
  { id: "permission-scope-unknown", kind: "permissions", apply: setOnJob("permissions", { content: "read" }) },
  { id: "permission-level-unknown", kind: "permissions", apply: setOnJob("permissions", { contents: "admin" }) },
  { id: "permission-all-misspelt", kind: "permissions", apply: setOnJob("permissions", "readall") },
  { id: "workflow-permission-scope-unknown", kind: "permissions", apply: (document) => isMap(document.contents) && !(document.contents as Mapping).has("permissions") && ((document.contents as Mapping).set("permissions", document.createNode({ "pull-request": "write" })), true) },
  // reusable-workflow calls
  { id: "call-without-ref", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml" }) },
  { id: "call-local-with-ref", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "./.github/workflows/build.yml@v1" }) },
  { id: "call-with-steps", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", "runs-on": "ubuntu-latest" }) },
  { id: "call-input-type-unknown", kind: "reusable-workflow calls", apply: addEvent("workflow_call", { inputs: { level: { type: "text", required: true } } }) },
  { id: "call-input-undeclared-in-called", kind: "reusable-workflow calls", apply: (document) => addEvent("workflow_call", { inputs: { level: { type: "string" } } })(document) && addRun("echo ${{ inputs.levle }}")(document) },
  { id: "call-secret-undeclared-in-called", kind: "reusable-workflow calls", apply: (document) => addEvent("workflow_call", { secrets: { token: { required: true } } })(document) && addRun("echo ${{ secrets.tokne }}")(document) },
  // credentials
  { id: "container-password-literal", kind: "credentials", apply: setOnJob("container", { image: "ghcr.io/octo/build:1", credentials: { username: "octo", password: "hunter2" } }) },
  { id: "service-password-literal", kind: "credentials", apply: setOnJob("services", { db: { image: "ghcr.io/octo/db:1", credentials: { username: "octo", password: "hunter2" } } }) },
  // deprecated commands
  { id: "set-output-command", kind: "deprecated commands", apply: addRun('echo "::set-output name=version::1.0"') },
  { id: "set-env-command", kind: "deprecated commands", apply: addRun('echo "::set-env name=VERSION::1.0"') },
  { id: "add-path-command", kind: "deprecated commands", apply: addRun('echo "::add-path::/opt/bin"') },
  { id: "save-state-command", kind: "deprecated commands", apply: addRun('echo "::save-state name=x::1"') },
  // uses shapes (reported by actionlint as "action")
  { id: "uses-without-owner", kind: "syntax", apply: (document) => addStep(document, { uses: "checkout@v4" }) },
  { id: "uses-without-ref", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout" }) },
  { id: "uses-docker-empty-tag", kind: "syntax", apply: (document) => addStep(document, { uses: "docker://alpine:" }) },
  // matrix
  { id: "matrix-exclude-unknown-key", kind: "matrix", apply: (document) => {
    const found = matrixJob(document);
    if (!found || found.matrix.has("exclude")) return false;
    found.matrix.set("exclude", document.createNode([{ no_such_key: "x" }]));
    return true;
  } },
  { id: "matrix-exclude-unmatched-value", kind: "matrix", apply: (document) => {
    const found = matrixJob(document);
    if (!found || found.matrix.has("exclude")) return false;
    found.matrix.set("exclude", document.createNode([{ [found.key]: "no-such-value" }]));
    return true;
  } },
  { id: "matrix-duplicate-value", kind: "matrix", apply: (document) => {
    const found = matrixJob(document);
    if (!found) return false;
    found.values.items.push((found.values.items[0] as Node).clone());
    return true;
  } },
  // other syntax with meaning
  { id: "env-name-with-equals", kind: "env", apply: setOnJob("env", { "A=B": "1" }) },
  { id: "runner-retired", kind: "runner", apply: setOnJob("runs-on", "ubuntu-18.04") },
  { id: "shell-unknown", kind: "shell", apply: (document) => addStep(document, { run: "make", shell: "bsh" }) },

  // second round: contexts where GitHub does not allow them
  { id: "secrets-in-job-if", kind: "expressions", apply: setOnJob("if", "secrets.TOKEN != ''") },
  { id: "env-in-job-if", kind: "expressions", apply: setOnJob("if", "env.DEPLOY == 'true'") },
  { id: "env-in-runs-on", kind: "expressions", apply: setOnJob("runs-on", "${{ env.RUNNER }}") },
  { id: "steps-in-job-env", kind: "expressions", apply: setOnJob("env", { OUT: "${{ steps.build.outputs.version }}" }) },
  { id: "runner-in-job-env", kind: "expressions", apply: setOnJob("env", { TMP: "${{ runner.temp }}" }) },
  { id: "env-in-container-image", kind: "expressions", apply: setOnJob("container", { image: "${{ env.IMAGE }}" }) },
  { id: "steps-in-timeout", kind: "expressions", apply: setOnJob("timeout-minutes", "${{ steps.a.outputs.minutes }}") },
  { id: "steps-in-environment-name", kind: "expressions", apply: setOnJob("environment", { name: "${{ steps.a.outputs.env }}" }) },
  { id: "steps-in-job-concurrency", kind: "expressions", apply: setOnJob("concurrency", { group: "${{ steps.a.outputs.group }}" }) },
  { id: "matrix-in-workflow-concurrency", kind: "expressions", apply: setOnWorkflow("concurrency", { group: "${{ matrix.os }}" }) },
  { id: "secrets-in-run-name", kind: "expressions", apply: setOnWorkflow("run-name", "Deploy ${{ secrets.TOKEN }}") },
  { id: "env-in-run-name", kind: "expressions", apply: setOnWorkflow("run-name", "Deploy ${{ env.TARGET }}") },
  { id: "steps-in-call-output", kind: "expressions", apply: addEvent("workflow_call", { outputs: { version: { value: "${{ steps.a.outputs.version }}" } } }) },
  { id: "env-in-call-with", kind: "expressions", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", with: { level: "${{ env.LEVEL }}" } }) },
  { id: "status-function-in-job-env", kind: "expressions", apply: setOnJob("env", { OK: "${{ success() }}" }) },
  { id: "function-in-job-outputs", kind: "expressions", apply: setOnJob("outputs", { lock: "${{ hashFiles('package-lock.json') }}" }) },
  { id: "function-in-runs-on", kind: "expressions", apply: setOnJob("runs-on", "${{ hashFiles('a') }}") },
  // expression types and shapes
  { id: "function-argument-object", kind: "expressions", apply: addRun("echo ${{ startsWith(github.event, 'refs/') }}") },
  { id: "string-double-quoted", kind: "expressions", apply: addRun('echo ${{ github.ref == "refs/heads/main" }}') },
  { id: "expression-empty", kind: "expressions", apply: addRun("echo ${{ }}") },
  { id: "operator-missing-operand", kind: "expressions", apply: (document) => addStep(document, { if: "github.ref == 'refs/heads/main' &&", run: "make" }) },
  { id: "object-filter-on-string", kind: "expressions", apply: addRun("echo ${{ github.sha.*.id }}") },
  { id: "index-of-string", kind: "expressions", apply: addRun("echo ${{ github.sha[0] }}") },
  { id: "format-placeholder-skipped", kind: "expressions", apply: addRun("echo ${{ format('{1}', github.sha) }}") },
  { id: "format-placeholder-unclosed", kind: "expressions", apply: addRun("echo ${{ format('{0', github.sha) }}") },
  { id: "hash-files-no-arguments", kind: "expressions", apply: addRun("echo ${{ hashFiles() }}") },
  { id: "job-status-property", kind: "expressions", apply: addRun("echo ${{ job.status.code }}") },
  { id: "dispatch-event-input-undeclared", kind: "expressions", apply: (document) => addEvent("workflow_dispatch", { inputs: { level: { type: "string" } } })(document) && addRun("echo ${{ github.event.inputs.levle }}")(document) },
  { id: "boolean-input-property", kind: "expressions", apply: (document) => addEvent("workflow_call", { inputs: { dry: { type: "boolean" } } })(document) && addRun("echo ${{ inputs.dry.value }}")(document) },
  { id: "step-output-of-later-step", kind: "expressions", apply: (document) => addRun("echo ${{ steps.later.outputs.value }}")(document) && addStep(document, { id: "later", run: "echo later" }) },
  { id: "job-outputs-unknown-step", kind: "expressions", apply: setOnJob("outputs", { version: "${{ steps.no_such_step.outputs.version }}" }) },
  { id: "job-outputs-other-job-step", kind: "expressions", apply: (document) => {
    const [first, second] = stepJobs(document);
    if (!first || !second || first.job.has("outputs") || first.steps.items.some((step) => isMap(step) && step.get("id") === "made")) return false;
    second.steps.items.push(document.createNode({ id: "made", run: "echo made" }));
    first.job.set("outputs", document.createNode({ value: "${{ steps.made.outputs.value }}" }));
    return true;
  } },
  // needs
  { id: "needs-duplicate", kind: "needs", apply: (document) => {
    const jobs = stepJobs(document);
    const target = jobs.find(({ job }) => !job.has("needs"));
    const other = jobs.find(({ id }) => id !== target?.id);
    if (!target || !other) return false;
    target.job.set("needs", document.createNode([other.id, other.id]));
    return true;
  } },
  // events and schedules
  { id: "cron-every-two-minutes", kind: "events", apply: addEvent("schedule", [{ cron: "*/2 * * * *" }]) },
  { id: "cron-every-minute-for-an-hour", kind: "events", apply: addEvent("schedule", [{ cron: "* */12 * * *" }]) },
  { id: "cron-hour-out-of-range", kind: "events", apply: addEvent("schedule", [{ cron: "0 24 * * *" }]) },
  { id: "cron-weekday-out-of-range", kind: "events", apply: addEvent("schedule", [{ cron: "0 0 * * 8" }]) },
  { id: "schedule-without-cron", kind: "events", apply: addEvent("schedule", [{ crontab: "0 0 * * *" }]) },
  { id: "dispatch-boolean-default-not-boolean", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { dry: { type: "boolean", default: "maybe" } } }) },
  { id: "dispatch-choice-option-duplicate", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "choice", options: ["low", "low"] } } }) },
  { id: "dispatch-options-on-string", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "string", options: ["low", "high"] } } }) },
  { id: "dispatch-required-not-boolean", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "string", required: "yes" } } }) },
  { id: "call-input-choice", kind: "events", apply: addEvent("workflow_call", { inputs: { level: { type: "choice", options: ["low", "high"] } } }) },
  { id: "call-input-without-type", kind: "events", apply: addEvent("workflow_call", { inputs: { level: { description: "the level" } } }) },
  { id: "paths-and-ignore", kind: "events", apply: (document) => addEvent("push", { paths: ["src/**"], "paths-ignore": ["docs/**"] })(document) || addEvent("pull_request", { paths: ["src/**"], "paths-ignore": ["docs/**"] })(document) },
  { id: "tags-and-ignore", kind: "events", apply: addEvent("push", { tags: ["v*"], "tags-ignore": ["v0*"] }) },
  { id: "label-type-unknown", kind: "events", apply: addEvent("label", { types: ["open"] }) },
  { id: "branches-on-check-run", kind: "events", apply: addEvent("check_run", { branches: ["main"] }) },
  { id: "pull-request-type-misspelt", kind: "events", apply: addEvent("pull_request_target", { types: ["synchronized"] }) },
  // globs
  { id: "glob-ref-invalid-character", kind: "globs", apply: (document) => addEvent("push", { branches: ["feature:x"] })(document) || addEvent("pull_request", { branches: ["feature:x"] })(document) },
  { id: "glob-ref-tilde", kind: "globs", apply: (document) => addEvent("push", { tags: ["v1~1"] })(document) || addEvent("pull_request", { branches: ["v1~1"] })(document) },
  { id: "glob-path-trailing-space", kind: "globs", apply: (document) => addEvent("push", { paths: ["src/** "] })(document) || addEvent("pull_request", { paths: ["src/** "] })(document) },
  { id: "glob-leading-plus", kind: "globs", apply: (document) => addEvent("push", { branches: ["+main"] })(document) || addEvent("pull_request", { branches: ["+main"] })(document) },
  // ids
  { id: "job-id-with-space", kind: "ids", apply: (document) => {
    const jobs = mapAt(document.contents, "jobs");
    const target = firstStepJob(document);
    if (!jobs || !target) return false;
    jobs.set("build linux", target.job.clone());
    return true;
  } },
  { id: "step-id-leading-dash", kind: "ids", apply: (document) => addStep(document, { id: "-build", run: "make" }) },
  { id: "step-id-duplicate", kind: "ids", apply: (document) => addStep(document, { id: "made", run: "make" }) && addStep(document, { id: "made", run: "make test" }) },
  // conditions
  { id: "if-block-trailing-newline", kind: "conditions", apply: (document) => addStep(document, { if: "${{ github.event_name == 'push' }}\n", run: "make" }) },
  { id: "if-text-before-expression", kind: "conditions", apply: setOnJob("if", "github.ref == ${{ 'refs/heads/main' }}") },
  // permissions
  { id: "permission-level-capitalised", kind: "permissions", apply: setOnJob("permissions", { contents: "Read" }) },
  { id: "permission-write-not-write-all", kind: "permissions", apply: setOnJob("permissions", "write") },
  // syntax with meaning
  { id: "fail-fast-not-boolean", kind: "syntax", apply: (document) => { const found = matrixJob(document); if (!found) return false; mapAt(found.job, "strategy")!.set("fail-fast", "sometimes"); return true; } },
  { id: "max-parallel-zero", kind: "syntax", apply: (document) => { const found = matrixJob(document); if (!found) return false; mapAt(found.job, "strategy")!.set("max-parallel", 0); return true; } },
  { id: "cancel-in-progress-not-boolean", kind: "syntax", apply: setOnJob("concurrency", { group: "ci", "cancel-in-progress": "yes" }) },
  { id: "container-image-empty", kind: "syntax", apply: setOnJob("container", { image: "" }) },
  { id: "step-timeout-not-a-number", kind: "syntax", apply: (document) => addStep(document, { run: "make", "timeout-minutes": "ten" }) },
  { id: "step-without-run-or-uses", kind: "syntax", apply: (document) => addStep(document, { name: "build" }) },
  { id: "working-directory-on-uses", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout@v4", "working-directory": "src" }) },
  { id: "runs-on-group-key-unknown", kind: "syntax", apply: setOnJob("runs-on", { group: "big", label: "linux" }) },
  { id: "step-env-a-list", kind: "syntax", apply: (document) => addStep(document, { run: "make", env: ["A=1"] }) },
  { id: "job-outputs-a-list", kind: "syntax", apply: setOnJob("outputs", ["version"]) },
  { id: "jobs-empty", kind: "syntax", apply: (document) => isMap(document.contents) && ((document.contents as Mapping).set("jobs", new YAMLMap()), true) },
  { id: "on-missing", kind: "syntax", apply: (document) => isMap(document.contents) && (document.contents as Mapping).delete("on") },
  { id: "matrix-row-empty-list", kind: "matrix", apply: (document) => { const found = matrixJob(document); if (!found) return false; found.matrix.set("extra", document.createNode([])); return true; } },
  // reusable-workflow calls
  { id: "call-with-env", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", env: { A: "1" } }) },
  { id: "call-with-timeout", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", "timeout-minutes": 10 }) },
  { id: "call-empty-ref", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@" }) },
  { id: "call-with-object-input", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", with: { config: { a: 1 } } }) },
  { id: "call-secrets-a-list", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", secrets: ["TOKEN"] }) },
  // operators GitHub's expressions do not have
  { id: "arithmetic-operator", kind: "expressions", apply: addRun("echo ${{ github.run_number + 1 }}") },
  { id: "triple-equals", kind: "expressions", apply: (document) => addStep(document, { if: "github.event_name === 'push'", run: "make" }) },
  { id: "ternary-operator", kind: "expressions", apply: addRun("echo ${{ github.event_name == 'push' ? 'a' : 'b' }}") },
  { id: "env-in-strategy-matrix", kind: "expressions", apply: (document) => { const target = stepJobs(document).find(({ job }) => !job.has("strategy")); if (!target) return false; target.job.set("strategy", document.createNode({ matrix: { os: "${{ fromJSON(env.OSES) }}" } })); return true; } },
  { id: "uses-expression", kind: "syntax", apply: (document) => addStep(document, { uses: "${{ github.repository }}@v1" }) },
  // schedules and events
  { id: "cron-day-zero", kind: "events", apply: addEvent("schedule", [{ cron: "0 0 0 * *" }]) },
  { id: "cron-month-thirteen", kind: "events", apply: addEvent("schedule", [{ cron: "0 0 1 13 *" }]) },
  { id: "cron-macro", kind: "events", apply: addEvent("schedule", [{ cron: "@daily" }]) },
  { id: "schedule-empty", kind: "events", apply: addEvent("schedule", []) },
  { id: "dispatch-choice-empty-options", kind: "events", apply: addEvent("workflow_dispatch", { inputs: { level: { type: "choice", options: [] } } }) },
  { id: "workflow-run-branches-and-ignore", kind: "events", apply: addEvent("workflow_run", { workflows: ["CI"], branches: ["main"], "branches-ignore": ["dev"] }) },
  { id: "call-input-duplicate-case", kind: "events", apply: addEvent("workflow_call", { inputs: { Level: { type: "string" }, level: { type: "string" } } }) },
  // reusable-workflow calls, again
  { id: "call-with-a-string", kind: "reusable-workflow calls", apply: addCallJob("call", { uses: "octo-org/ci/.github/workflows/build.yml@v1", with: "level=low" }) },
  // syntax, again
  { id: "matrix-a-list", kind: "syntax", apply: (document) => { const target = stepJobs(document).find(({ job }) => !job.has("strategy")); if (!target) return false; target.job.set("strategy", document.createNode({ matrix: ["ubuntu-latest"] })); return true; } },
  { id: "job-continue-on-error-not-boolean", kind: "syntax", apply: setOnJob("continue-on-error", "sometimes") },
  { id: "step-with-a-string", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout@v4", with: "fetch-depth=0" }) },
  { id: "defaults-run-key-unknown", kind: "syntax", apply: setOnJob("defaults", { run: { "working-dir": "src" } }) },
  // types of matrix values and inputs
  { id: "matrix-property-of-string", kind: "expressions", apply: (document) => {
    const found = matrixJob(document);
    if (!found) return false;
    const steps: unknown = found.job.get("steps", true);
    if (!isSeq(steps)) return false;
    steps.items.push(document.createNode({ run: `echo \${{ matrix.${found.key}.name }}` }));
    return true;
  } },
  { id: "needs-in-call-output", kind: "expressions", apply: addEvent("workflow_call", { outputs: { version: { value: "${{ needs.build.outputs.version }}" } } }) },
  // untrusted values of other shapes
  { id: "untrusted-review-body-in-run", kind: "expressions", apply: addRun('echo "${{ github.event.review.body }}"') },
  { id: "untrusted-head-commit-email-in-run", kind: "expressions", apply: addRun('echo "${{ github.event.head_commit.author.email }}"') },
  { id: "untrusted-filter-in-run", kind: "expressions", apply: addRun('echo "${{ join(github.event.commits.*.message) }}"') },
  // uses shapes, again
  { id: "uses-empty-ref", kind: "syntax", apply: (document) => addStep(document, { uses: "actions/checkout@" }) },
  // empty sections
  { id: "steps-empty", kind: "syntax", apply: (document) => { const target = firstStepJob(document); if (!target) return false; target.job.set("steps", new YAMLSeq()); return true; } },
  { id: "job-env-empty", kind: "syntax", apply: setOnJob("env", {}) },
  { id: "services-empty", kind: "syntax", apply: setOnJob("services", {}) },
  { id: "job-outputs-empty", kind: "syntax", apply: setOnJob("outputs", {}) },
  { id: "status-function-with-argument", kind: "expressions", apply: (document) => addStep(document, { if: "success('build')", run: "make" }) },
  { id: "status-function-without-call", kind: "expressions", apply: (document) => addStep(document, { if: "always", run: "make" }) },
  { id: "steps-in-run-name", kind: "expressions", apply: setOnWorkflow("run-name", "Deploy ${{ steps.a.outputs.version }}") },
  { id: "env-in-call-input-default", kind: "expressions", apply: addEvent("workflow_call", { inputs: { level: { type: "string", default: "${{ env.LEVEL }}" } } }) },
  { id: "call-number-default-not-a-number", kind: "events", apply: addEvent("workflow_call", { inputs: { count: { type: "number", default: "many" } } }) },
  { id: "object-ordered-against-number", kind: "expressions", apply: (document) => addStep(document, { if: "github.event > 1", run: "make" }) },
  // credentials
  { id: "container-password-only-literal", kind: "credentials", apply: setOnJob("container", { image: "ghcr.io/octo/build:1", credentials: { username: "${{ github.actor }}", password: "s3cret-value" } }) },
];

/** Each mutation applied to the first `perMutation` bases where it fits, starting at a different base for each mutation. */
export function mutants(bases: readonly { name: string; text: string }[], perMutation: number): Mutant[] {
  const made: Mutant[] = [];
  MUTATIONS.forEach((mutation, index) => {
    let count = 0;
    for (let step = 0; step < bases.length && count < perMutation; step++) {
      const base = bases[(index * 7 + step) % bases.length]!;
      const document = parseDocument(base.text);
      if (!mutation.apply(document)) continue;
      const text = document.toString({ lineWidth: 0 });
      if (text === base.text) continue;
      made.push({ mutation: mutation.id, base: base.name, path: `${mutation.id}--${base.name}`, text });
      count++;
    }
  });
  return made;
}
