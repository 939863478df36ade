import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { suggestName } from "./_closest-match.js";
import { type RepositoryFinding, defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { type JobView, type WorkflowView, isObject, objectAt } from "./_workflow-view.js";

const CALLED = `on:
  workflow_call:
    inputs:
      context:
        type: string
        required: true
    secrets:
      registry_token:
        required: true
    outputs:
      digest:
        value: \${{ jobs.build.outputs.digest }}
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      digest: \${{ steps.push.outputs.digest }}
    steps:
      - id: push
        run: echo "digest=sha256:00" >> "$GITHUB_OUTPUT"
`;

/** The calling side of a local call: a job whose `uses:` is `./.github/workflows/<file>`. */
const LOCAL_CALL = /^\.\/\.github\/workflows\/[^/@]+\.ya?ml$/;

export default defineRule({
  id: "workflow-call-mismatch",
  severity: "error",
  summary: "A call of a reusable workflow of this repository names a file that is not there, passes an input or secret it does not declare, misses a required one, or reads an output it does not have.",
  docs: {
    why: `A job that calls a reusable workflow (\`uses: ./.github/workflows/<file>\`) must pass every input and
secret the called workflow marks \`required\`, and nothing it does not declare under \`on.workflow_call\`:
GitHub refuses the whole run otherwise, only once it starts. An output the called workflow does not
declare reads as an empty string in \`needs.<job>.outputs\`, without an error. A call of a file the
repository's \`.github/workflows\` does not have (renamed, or misspelt) fails the run as it starts.
See [reusing workflows](https://docs.github.com/actions/sharing-automations/reusing-workflows#using-inputs-and-secrets-in-a-reusable-workflow)
and [\`on.workflow_call\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_call).`,
    called: { file: ".github/workflows/build-image.yml", yaml: CALLED },
    invalid: `on: push
jobs:
  image:
    uses: ./.github/workflows/build-image.yml
    with:
      context: services/api
      contxt: services/web
    secrets:
      registry_token: \${{ secrets.REGISTRY_TOKEN }}
`,
    valid: `on: push
jobs:
  image:
    uses: ./.github/workflows/build-image.yml
    with:
      context: services/api
    secrets:
      registry_token: \${{ secrets.REGISTRY_TOKEN }}
  report:
    needs: image
    runs-on: ubuntu-latest
    steps:
      - run: echo "$DIGEST"
        env:
          DIGEST: \${{ needs.image.outputs.digest }}
`,
    fix: `Pass what the called workflow declares under \`on.workflow_call\` (names compare without case), or
declare the input, secret or output there. \`secrets: inherit\` passes every secret, so secrets are
not checked then. In TypeScript, call the workflow by value, \`job.call(buildImage, { with, secrets })\`,
and these mistakes are type errors. Calls of workflows in other repositories are not checked.`,
  },
  crossWorkflow: true,
  repository({ repository, report }) {
    for (const caller of repository.workflows) {
      const calls = new Map<string, CallInterface>();
      for (const job of caller.view.jobs) {
        const uses = job.raw["uses"];
        if (typeof uses !== "string" || !LOCAL_CALL.test(uses)) continue;
        const target = calledFile(caller.file, uses);
        const called = target === undefined ? undefined : repository.workflow(target);
        if (!called) {
          // only a caller in a workflows folder that was listed says where the called file must be
          if (target !== undefined && repository.lists(target) === false) {
            report({ file: caller.file, path: [...job.path, "uses"], message: `job "${job.id}" calls ${uses}, but there is no ${target}, so GitHub fails the run`, hint: "correct the path (it is read from the repository root), or add the workflow" });
          }
          continue;
        }
        const found = (finding: Omit<RepositoryFinding, "file">) => report({ file: caller.file, ...finding });
        const callable = interfaceOf(called.view);
        if (!callable) {
          found({ path: [...job.path, "uses"], message: `job "${job.id}" calls ${called.file}, which has no \`workflow_call\` trigger, so GitHub refuses the call`, hint: `add \`on: workflow_call\` to ${called.file}` });
          continue;
        }
        calls.set(job.id.toLowerCase(), callable);
        checkPassed(job, "with", callable.inputs, called.file, "input", found);
        if (job.raw["secrets"] !== "inherit") checkPassed(job, "secrets", callable.secrets, called.file, "secret", found);
      }
      if (calls.size) checkOutputsRead(caller.view, calls, (finding) => report({ file: caller.file, ...finding }));
    }
  },
});

/** What a called workflow declares under `on.workflow_call`. */
interface CallInterface {
  inputs: JsonObject;
  secrets: JsonObject;
  outputs: JsonObject;
}

// `./.github/workflows/x.yml` is read from the root of the caller's repository; the file it names,
// or undefined for a caller outside a `.github/workflows` folder.
function calledFile(callerFile: string, uses: string): string | undefined {
  const root = /^(.*?)(?:^|\/)\.github\/workflows\/[^/]+$/.exec(callerFile);
  if (!root) return undefined;
  return `${root[1] === "" ? "" : `${root[1]}/`}${uses.slice(2)}`;
}

function interfaceOf(view: WorkflowView): CallInterface | undefined {
  const trigger = view.triggers.get("workflow_call");
  if (!trigger) return undefined;
  const config = trigger.config;
  return { inputs: objectAt(config, "inputs") ?? {}, secrets: objectAt(config, "secrets") ?? {}, outputs: objectAt(config, "outputs") ?? {} };
}

// Unknown names in `with:` / `secrets:`, and required definitions nothing passes (GitHub compares names without case).
function checkPassed(job: JobView, key: "with" | "secrets", declared: JsonObject, calledFile: string, kind: string, report: (finding: Omit<RepositoryFinding, "file">) => void): void {
  const passed = isObject(job.raw[key]) ? (job.raw[key] as JsonObject) : {};
  const declaredNames = Object.keys(declared);
  const declaredLower = new Set(declaredNames.map((name) => name.toLowerCase()));
  for (const name of Object.keys(passed)) {
    if (declaredLower.has(name.toLowerCase())) continue;
    const suggestion = suggestName(name, declaredNames);
    report({
      path: [...job.path, key, name],
      message: `job "${job.id}" passes the ${kind} "${name}", which ${calledFile} does not declare under on.workflow_call.${kind}s, so GitHub refuses the call`,
      hint: suggestion ? `did you mean "${suggestion}"?` : declaredNames.length ? `${calledFile} declares ${declaredNames.map((known) => `"${known}"`).join(", ")}` : `remove it, or declare it under on.workflow_call.${kind}s in ${calledFile}`,
    });
  }
  const passedLower = new Set(Object.keys(passed).map((name) => name.toLowerCase()));
  for (const [name, definition] of Object.entries(declared)) {
    if (!isRequired(definition) || passedLower.has(name.toLowerCase())) continue;
    const path: WorkflowPath = isObject(job.raw[key]) ? [...job.path, key] : [...job.path, "uses"];
    report({
      path,
      message: `job "${job.id}" does not pass the ${kind} "${name}", which ${calledFile} requires, so GitHub refuses the call`,
      hint: `pass it under ${key}:${kind === "secret" ? ", or use `secrets: inherit`" : ""}`,
    });
  }
}

function isRequired(definition: Json | undefined): boolean {
  return isObject(definition) && definition["required"] === true;
}

// `needs.<caller>.outputs.<name>` in any job of the calling workflow, for an output the called workflow lacks.
function checkOutputsRead(view: WorkflowView, calls: ReadonlyMap<string, CallInterface>, report: (finding: Omit<RepositoryFinding, "file">) => void): void {
  for (const job of view.jobs) {
    const seen = new Set<string>();
    for (const use of job.expressions) {
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          const [callerId, kind, name] = reference.segments;
          if (reference.root !== "needs" || kind !== "outputs" || typeof callerId !== "string" || typeof name !== "string" || name === "*") continue;
          const called = calls.get(callerId);
          if (!called) continue;
          const declared = Object.keys(called.outputs);
          if (declared.some((output) => output.toLowerCase() === name)) continue;
          const text = formatReference(reference);
          const key = `${use.path.join("\0")}\0${text}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const suggestion = suggestName(name, declared);
          const callerJob = view.job(callerId);
          report({
            path: use.path,
            message: `${text} is not an output of the workflow job "${callerJob?.id ?? callerId}" calls, so the value is always empty`,
            hint: suggestion ? `did you mean "${suggestion}"?` : declared.length ? `it declares ${declared.map((output) => `"${output}"`).join(", ")}` : "declare it under on.workflow_call.outputs of the called workflow",
          });
        }
      }
    }
  }
}
