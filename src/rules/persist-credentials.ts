import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { stepsWithin } from "./_nested-steps.js";
import { isCheckout, isCommitSha, parseUses } from "./_uses.js";
import { type JobView, isObject } from "./_workflow-view.js";

export default defineRule({
  id: "persist-credentials",
  severity: "warning",
  summary: "`actions/checkout` leaves the job's token on disk (`.git/config`) without `persist-credentials: false`: worst when the token can write or the checkout is uploaded as an artifact.",
  fixable: true,
  docs: {
    why: `By default \`actions/checkout\` writes \`GITHUB_TOKEN\` into \`.git/config\` so later git commands can push.
Every later step — build scripts, dependencies' install hooks, an uploaded artifact of the workspace
— can read it from there, and with write permissions it can push code or publish.
A job that uploads the checked-out folder as an artifact publishes \`.git/config\`, token included, to
everyone who can download the artifact — on a public repository, anyone ("ArtiPACKED").
See [actions/checkout \`persist-credentials\`](https://github.com/actions/checkout#usage)
and [actions/upload-artifact \`include-hidden-files\`](https://github.com/actions/upload-artifact#inputs).`,
    invalid: `on: push
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
      - run: make release
`,
    valid: `on: push
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          persist-credentials: false
      - run: make release
`,
    fix: "Set `with: { persist-credentials: false }` on the checkout, and give the token to the one step that pushes (e.g. `git push https://x-access-token:${TOKEN}@github.com/…`).\n\nA later `actions/upload-artifact` step counts as uploading the checkout when one of its paths is the workspace (`.`, `*`, `${{ github.workspace }}`, `$GITHUB_WORKSPACE`) or the checkout's `path:`, and it includes hidden files: `include-hidden-files: true`, or a version before v4.4 (named by the ref or by the comment after a SHA), which had no such input and uploaded `.git` too. Upload only the build output (`dist/`) instead.\n\nEvery other checkout without `persist-credentials: false` is reported too, since any later step (a dependency's install hook, a test) can read the token from disk. `persist-credentials: true` written out says the job needs it (later git commands authenticate) and is not reported, unless the token can write or the checkout is uploaded.",
  },
  step({ step, job, workflow, path, report, comment }) {
    if (!isCheckout(step.uses)) return;
    const inputs = isObject(step.raw["with"]) ? step.raw["with"] : {};
    const persist = inputs["persist-credentials"];
    if (persist === false || persist === "false") return;
    const upload = uploadOfCheckout(job, step.index, typeof inputs["path"] === "string" ? inputs["path"] : undefined, comment);
    if (upload) {
      report({
        path: [...path, "uses"],
        message: `this checkout keeps the job's token in .git/config, and the step at ${upload} uploads the checked-out folder, hidden files included, as an artifact anyone who can read the run may download`,
        hint: "set with: { persist-credentials: false }, and upload only the build output",
      });
      return;
    }
    const scopes = writeScopes(job.raw["permissions"] ?? workflow.raw["permissions"]);
    // written out as true, with a token that cannot write, is a choice: later git commands authenticate (private submodules, fetches)
    if ((persist === true || persist === "true") && scopes.length === 0) return;
    report({
      path: [...path, "uses"],
      message: scopes.length > 0
        ? `this checkout keeps the job's token in .git/config, where every later step can read it, and the token can write ${scopes.join(", ")}`
        : "this checkout keeps the job's token on disk (.git/config) for every later step, dependency install hook and uploaded folder to read, though nothing says the job needs it",
      hint: "set with: { persist-credentials: false }, or persist-credentials: true where later steps run git commands that must authenticate",
    });
  },
});

// Paths that mean "the whole workspace" to upload-artifact.
const WORKSPACE = /^(\.|\.\/|\*|\*\*|\.\/\*\*?|\$\{\{\s*github\.workspace\s*\}\}|\$\{?GITHUB_WORKSPACE\}?)(\/|\/\*\*?)?$/i;

// The position (`steps[3]`) of a later upload-artifact step that uploads the checkout, hidden
// files included; undefined when there is none.
function uploadOfCheckout(job: JobView, checkoutIndex: number, checkoutPath: string | undefined, comment: (path: WorkflowPath) => string | undefined): string | undefined {
  const folder = checkoutPath?.replace(/^\.\//, "").replace(/\/+$/, "");
  for (const later of job.steps) {
    if (later.index <= checkoutIndex) continue;
    for (const at of stepsWithin(later)) {
      const target = typeof at.raw["uses"] === "string" ? parseUses(at.raw["uses"]) : undefined;
      if (target?.kind !== "remote" || `${target.owner}/${target.repo}`.toLowerCase() !== "actions/upload-artifact" || target.subpath !== "") continue;
      const inputs: JsonObject = isObject(at.raw["with"]) ? at.raw["with"] : {};
      if (!includesHiddenFiles(inputs, target.ref, comment([...at.path, "uses"]))) continue;
      const paths = typeof inputs["path"] === "string" ? inputs["path"].split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("!")) : [];
      const coversCheckout = paths.some((line) => WORKSPACE.test(line) || (folder !== undefined && folder !== "" && line.replace(/^\.\//, "").replace(/\/+$/, "") === folder));
      if (coversCheckout) return at.path.slice(2).map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${segment}`)).join("").replace(/^\./, "");
    }
  }
  return undefined;
}

// upload-artifact skips hidden files (`.git`) from v4.4 unless told otherwise; older versions had
// no such input and uploaded them.
function includesHiddenFiles(inputs: JsonObject, ref: string, comment: string | undefined): boolean {
  const hidden = inputs["include-hidden-files"];
  if (hidden === true || hidden === "true") return true;
  if (hidden !== undefined) return false;
  const version = isCommitSha(ref) ? comment?.trim() : ref;
  const match = version ? /^v?(\d+)(?:\.(\d+))?/.exec(version) : null;
  if (!match) return false;
  const major = Number(match[1]);
  return major < 4 || (major === 4 && match[2] !== undefined && Number(match[2]) < 4);
}

// Scopes the persisted GITHUB_TOKEN can write; id-token only mints OIDC tokens, it is not the token's.
function writeScopes(permissions: Json | undefined): string[] {
  if (permissions === "write-all") return ["everything"];
  if (!isObject(permissions)) return [];
  return Object.entries(permissions)
    .filter(([scope, level]) => level === "write" && scope !== "id-token")
    .map(([scope]) => scope);
}
