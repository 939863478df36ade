import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { parseUses } from "./_uses.js";

// Reusable workflows live here, in the called repository or this one.
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

export default defineRule({
  id: "uses-invalid",
  severity: "error",
  summary: "A `uses:` value has a shape GitHub refuses: no `@ref`, no owner, a local path without `./`, or an empty image tag.",
  docs: {
    why: `GitHub reads a step's \`uses:\` as \`owner/repo[/path]@ref\`, \`./path\` (an action in this repository)
or \`docker://image[:tag]\`, and a job's \`uses:\` as \`owner/repo/.github/workflows/file.yml@ref\` or
\`./.github/workflows/file.yml\` (read from the same commit, so it takes no ref). Anything else fails
when the run starts: \`checkout@v4\` has no owner, \`actions/checkout\` no ref, \`.github/actions/build\`
is taken for a repository because it lacks \`./\`, and \`docker://alpine:\` names no tag.
See [\`jobs.<job_id>.steps[*].uses\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsuses)
and [calling a reusable workflow](https://docs.github.com/actions/how-tos/reuse-automations/reuse-workflows#calling-a-reusable-workflow).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: checkout@v4
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`,
    fix: "Write `owner/repo@ref` (or `owner/repo/path@ref`) for an action from another repository, `./path` for one in this repository, `docker://image:tag` with a tag after the colon, `owner/repo/.github/workflows/file.yml@ref` for another repository's reusable workflow and `./.github/workflows/file.yml` without `@` for one of this repository.",
  },
  job({ job, path, report }) {
    const uses = job.raw["uses"];
    if (typeof uses === "string" && !uses.includes("${{")) check(workflowUsesProblem(uses), uses, [...path, "uses"], report);
  },
  step({ step, path, report }) {
    if (step.uses !== undefined && !step.uses.includes("${{")) check(actionUsesProblem(step.uses), step.uses, [...path, "uses"], report);
  },
});

interface Problem {
  message: string;
  hint: string;
}

function check(problem: Problem | undefined, uses: string, path: WorkflowPath, report: (finding: Finding) => void): void {
  if (problem) report({ path, message: `uses "${uses}" ${problem.message}`, hint: problem.hint });
}

// A path of this repository written without the `./` GitHub needs to tell it from `owner/repo`.
function looksLocal(uses: string): boolean {
  return uses.startsWith(".") || uses.startsWith("/") || (!uses.includes("@") && /\.ya?ml$|(^|\/)action\.ya?ml$/.test(uses));
}

function actionUsesProblem(uses: string): Problem | undefined {
  if (parseUses(uses)?.kind === "local") return undefined;
  if (uses.startsWith("docker://")) {
    const image = uses.slice("docker://".length);
    if (image === "") return { message: "names no image", hint: "write docker://image:tag, e.g. docker://alpine:3.20" };
    if (image.endsWith(":")) return { message: "ends with \":\", an empty tag", hint: `write the tag after the colon (${image}3.20), or drop the colon for latest` };
    if (image.endsWith("@")) return { message: "ends with \"@\", an empty digest", hint: `write the digest after @ (${image}sha256:…), or drop the @` };
    return undefined;
  }
  if (looksLocal(uses)) return { message: "is a path without \"./\", so GitHub reads it as owner/repo", hint: `start a path in this repository with ./ (./${uses.replace(/^\.?\/+/, "")})` };
  return remoteProblem(uses, "an action", "actions/checkout@v4");
}

function workflowUsesProblem(uses: string): Problem | undefined {
  if (uses.startsWith("./") || uses.startsWith("$/")) {
    const at = uses.indexOf("@");
    if (at >= 0) return { message: "gives a ref to a workflow of this repository, which is always read from the same commit", hint: `drop the ref: ${uses.slice(0, at)}` };
    if (!WORKFLOW_FILE.test(uses.slice(2))) return { message: "is not a file in .github/workflows/", hint: "reusable workflows are .yml or .yaml files directly in .github/workflows/" };
    return undefined;
  }
  if (looksLocal(uses)) return { message: "is a path without \"./\", so GitHub reads it as owner/repo", hint: `start a workflow of this repository with ./ (./${uses.replace(/^\.?\/+/, "").replace(/@.*$/, "")}), without a ref` };
  const problem = remoteProblem(uses, "a reusable workflow", "octo-org/shared/.github/workflows/ci.yml@v1");
  if (problem) return problem;
  // where the file sits in the other repository is that repository's business, but a file it must be
  const path = uses.slice(0, uses.lastIndexOf("@")).split("/").slice(2).join("/");
  if (!/\.ya?ml$/.test(path)) return { message: "names no workflow file (.yml or .yaml) of the other repository", hint: "write owner/repo/.github/workflows/<file>.yml@ref; an action (owner/repo@ref) is used by a step, not a job" };
  return undefined;
}

// `owner/repo[/path]@ref`: both names, and a ref.
function remoteProblem(uses: string, what: string, example: string): Problem | undefined {
  const at = uses.lastIndexOf("@");
  const name = at < 0 ? uses : uses.slice(0, at);
  const [owner, repo] = name.split("/");
  if (!owner || !repo) return { message: `has no owner: GitHub needs owner/repo for ${what} from another repository`, hint: `name the repository that holds it, e.g. ${example}` };
  if (at < 0 || at === uses.length - 1) return { message: "has no @ref, which GitHub requires", hint: `add a tag, branch or commit SHA: ${name}@<ref>` };
  return undefined;
}
