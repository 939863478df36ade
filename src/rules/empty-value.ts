import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { jobContainers } from "./_containers.js";
import { defineRule, type Finding } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

// Lists of an event that narrow when it runs; an empty one narrows to nothing or means nothing.
const EVENT_LISTS = new Set(["types", "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "workflows", "names", "versions"]);

type Report = (finding: Finding) => void;

export default defineRule({
  id: "empty-value",
  severity: "error",
  summary: "A key GitHub needs a value for is empty (`runs-on: []`, `image: ''`, an output with no `value`), or a list is empty where an empty one says nothing (`branches: []`, `needs: []`).",
  docs: {
    why: `Some keys only work with a value: a job with \`runs-on: []\` has no runner to run on, a container with
\`image: ''\` has nothing to start, a reusable workflow's output with no \`value\` gives its callers nothing,
and an empty choice option is one no one can mean. GitHub accepts the file and the run fails or the
value is quietly empty. These are errors.

An empty list where GitHub takes a list to narrow or extend something (\`branches: []\`, \`types: []\`,
\`needs: []\`, a matrix's \`include: []\`) is left over from an edit: it either narrows the event to
nothing or does nothing at all, and the reader cannot tell which was meant. These are warnings.
See [workflow syntax](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax).`,
    invalid: `on:
  workflow_call:
    outputs:
      version:
        description: The version built
        value:
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
`,
    valid: `on:
  workflow_call:
    outputs:
      version:
        description: The version built
        value: \${{ jobs.build.outputs.version }}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
`,
    fix: "Give the key its value, or remove it: an event without filters runs for every branch, a job without `needs` starts at once.",
  },
  workflow({ workflow, report }) {
    for (const trigger of workflow.triggers.values()) {
      const config = trigger.config;
      if (!config) continue;
      // an event's config holds a key or two: look at those, not at every list an event may have
      for (const key in config) {
        if (EVENT_LISTS.has(key) && isEmptyList(config[key])) {
          report({ path: [...trigger.path, key], severity: "warning", message: `${trigger.name}'s ${key} is an empty list, which either keeps the event from ever running the workflow or means nothing`, hint: `list what ${key} should hold, or remove it` });
        }
      }
      const inputs = config["inputs"];
      if (isObject(inputs)) for (const [name, input] of Object.entries(inputs)) emptyOptions(input, [...trigger.path, "inputs", name], name, report);
      const outputs = config["outputs"];
      if (isObject(outputs)) {
        for (const [name, output] of Object.entries(outputs)) {
          if (isObject(output) && isBlank(output["value"])) {
            report({ path: [...trigger.path, "outputs", name, "value"], message: `output "${name}" of the reusable workflow has no value, so callers always read it as empty`, hint: "set value to the job output it passes on, e.g. ${{ jobs.build.outputs.version }}" });
          }
        }
      }
    }
  },
  job({ job, report }) {
    const raw = job.raw;
    const runsOn = raw["runs-on"];
    if (runsOn !== undefined && (isBlank(runsOn) || isEmptyList(runsOn))) {
      report({ path: [...job.path, "runs-on"], message: `job "${job.id}" has an empty runs-on, so no runner can take it`, hint: "name a runner label, e.g. ubuntu-latest" });
    } else if (isObject(runsOn) && runsOn["labels"] !== undefined && (isBlank(runsOn["labels"]) || isEmptyList(runsOn["labels"]))) {
      report({ path: [...job.path, "runs-on", "labels"], message: `job "${job.id}" asks for a runner with no labels`, hint: "list the labels the runner must have, or remove labels and keep group" });
    }
    if (isEmptyList(raw["needs"])) {
      report({ path: [...job.path, "needs"], severity: "warning", message: `job "${job.id}" needs an empty list of jobs, which is the same as no needs`, hint: "list the jobs it waits for, or remove needs" });
    }
    const matrix = isObject(raw["strategy"]) ? raw["strategy"]["matrix"] : undefined;
    if (isObject(matrix)) {
      for (const key of ["include", "exclude"]) {
        if (isEmptyList(matrix[key])) report({ path: [...job.path, "strategy", "matrix", key], severity: "warning", message: `the matrix of job "${job.id}" has an empty ${key}, which changes nothing`, hint: `add the combinations ${key} is for, or remove it` });
      }
    }
    for (const { value, path, label } of jobContainers(job)) emptyContainer(value, path, label, report);
  },
});

function emptyOptions(input: Json, path: WorkflowPath, name: string, report: Report): void {
  if (!isObject(input) || !Array.isArray(input["options"])) return;
  input["options"].forEach((option, index) => {
    if (isBlank(option)) report({ path: [...path, "options", index], message: `input "${name}" has an empty option, which no one can mean to choose`, hint: "remove the empty option, or give it a name" });
  });
}

// `container: ''`, an empty image, or an empty port or volume: each is a container GitHub cannot start.
function emptyContainer(container: Json, path: WorkflowPath, what: string, report: Report): void {
  // `container: null` is how a matrix or a template says "no container": only an empty text is a mistake
  if (container === null) return;
  if (isBlank(container)) {
    report({ path, message: `${what} is empty, so there is no image to start`, hint: "name an image, e.g. node:20, or remove the key" });
    return;
  }
  if (!isObject(container)) return;
  if (container["image"] !== undefined && isBlank(container["image"])) report({ path: [...path, "image"], message: `${what} has an empty image`, hint: "name an image, e.g. node:20" });
  for (const key of ["ports", "volumes"]) {
    const list = container[key];
    if (Array.isArray(list)) list.forEach((entry, index) => {
      if (isBlank(entry)) report({ path: [...path, key, index], message: `${what} has an empty entry in ${key}`, hint: "remove the empty entry" });
    });
  }
}

function isEmptyList(value: Json | undefined): boolean {
  return Array.isArray(value) && value.length === 0;
}

// A value left out (`value:` with nothing after it) or an empty or blank text.
function isBlank(value: Json | undefined): boolean {
  return value === null || (typeof value === "string" && value.trim() === "");
}
