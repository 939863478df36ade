// `trunkline lint --fix`: the mechanical fixes of a hand-written workflow, made on the YAML
// document itself so comments, quoting and layout stay as they were. A fix that does not parse
// back to a mapping is dropped whole: the file is then left untouched.
import { type Document, LineCounter, type Pair, type YAMLMap, isMap, isScalar, isSeq, parse, parseDocument } from "yaml";
import { quickDocument } from "../yaml-reader/read-yaml.js";
import { hasRepeatedKey } from "./lint-yaml.js";
import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { findExpressions } from "../rules/_expressions.js";
import { parseUses } from "../rules/_uses.js";

/** What fixing one file gave: its new text and the number of findings fixed, or nothing to write. */
export interface FixedYaml {
  text: string;
  fixed: number;
  /** The fixed text read back as data (it is read back to be sure it parses). */
  value: Record<string, unknown>;
}

/** The rules `--fix` can fix. */
export const FIXABLE_RULES: ReadonlySet<string> = new Set(["persist-credentials", "unpinned-action", "script-injection", "permissions-missing", "timeout-missing"]);

/** The `timeout-minutes` written for timeout-missing: an hour, far below the 6-hour default, and marked for review. */
export const FIX_TIMEOUT_MINUTES = 60;
/** The comment on every value `--fix` chose rather than copied: it is a guess to review. */
export const REVIEW_COMMENT = " review: set by trunkline lint --fix";

/**
 * Fixes the findings of one file that have a mechanical fix: `persist-credentials: false` on a
 * checkout; a tag pin replaced by the commit the lockfile locks (`owner/repo@sha # tag`); an
 * untrusted expression in `run:` moved into the step's `env:` and read as a variable; a workflow
 * `permissions: contents: read` and a job `timeout-minutes`, each marked for review. Undefined when
 * nothing was fixed or the result does not parse.
 */
export function fixYaml(text: string, diagnostics: readonly Diagnostic[], locked: ReadonlyMap<string, { sha: string; tag: string }>): FixedYaml | undefined {
  // the quick reader when the text is in its subset (it reads repeated keys, which are refused here)
  const document = quickDocument(text, new LineCounter()) ?? parseDocument(text, { keepSourceTokens: true });
  if (document.errors.length > 0 || hasRepeatedKey(document.contents)) return undefined;
  let fixed = 0;
  let permissionsSet = false;
  for (const diagnostic of diagnostics) {
    const path = diagnostic.path;
    if (!path) continue;
    if (diagnostic.rule === "persist-credentials" && path.at(-1) === "uses" && setPersistCredentials(document, path.slice(0, -1))) fixed++;
    else if (diagnostic.rule === "unpinned-action" && path.at(-1) === "uses" && pinFromLockfile(document, path, locked)) fixed++;
    else if (diagnostic.rule === "script-injection" && path.at(-1) === "run" && moveIntoEnv(document, path, diagnostic.message)) fixed++;
    else if (diagnostic.rule === "timeout-missing" && path.length === 2 && path[0] === "jobs" && setTimeout(document, path)) fixed++;
    // every job's finding is fixed by the one workflow-level entry
    else if (diagnostic.rule === "permissions-missing" && (permissionsSet ||= setWorkflowPermissions(document))) fixed++;
  }
  if (fixed === 0) return undefined;
  const result = document.toString({ lineWidth: 0 });
  let reparsed: unknown;
  try {
    reparsed = quickDocument(result, new LineCounter())?.toJS() ?? parse(result);
  } catch {
    return undefined;
  }
  if (typeof reparsed !== "object" || reparsed === null || Array.isArray(reparsed)) return undefined;
  return { text: result, fixed, value: reparsed as Record<string, unknown> };
}

function setPersistCredentials(document: Document, stepPath: WorkflowPath): boolean {
  const step = document.getIn(stepPath, true);
  if (!isMap(step)) return false;
  const inputs = step.get("with", true);
  if (inputs !== undefined && !isMap(inputs)) return false;
  if (inputs === undefined) step.set("with", document.createNode({ "persist-credentials": false }));
  else inputs.set("persist-credentials", false);
  return true;
}

function pinFromLockfile(document: Document, path: WorkflowPath, locked: ReadonlyMap<string, { sha: string; tag: string }>): boolean {
  const node = document.getIn(path, true);
  if (!isScalar(node) || typeof node.value !== "string") return false;
  const target = parseUses(node.value);
  if (target?.kind !== "remote") return false;
  const key = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  const pin = locked.get(key) ?? [...locked].find(([name]) => name.toLowerCase() === key.toLowerCase())?.[1];
  if (!pin) return false;
  node.value = `${key}@${pin.sha}`;
  node.comment = ` ${pin.tag}`;
  return true;
}

// Inserts `pair` into `map` before the first of `before` it has, else after the last of `after`, else at the end.
function insertPair(map: YAMLMap, pair: Pair, placement: { before?: readonly string[]; after?: readonly string[] }): void {
  const keyOf = (item: Pair) => (isScalar(item.key) ? String(item.key.value) : undefined);
  const items = map.items as Pair[];
  const beforeIndex = items.findIndex((item) => placement.before?.includes(keyOf(item) ?? ""));
  if (beforeIndex >= 0) return void items.splice(beforeIndex, 0, pair);
  const afterIndexes = items.flatMap((item, index) => (placement.after?.includes(keyOf(item) ?? "") ? [index] : []));
  if (afterIndexes.length > 0) return void items.splice(afterIndexes.at(-1)! + 1, 0, pair);
  items.push(pair);
}

// `permissions: contents: read` on the workflow, before `jobs:`: what the rule's page advises, and
// enough for a checkout; jobs that need more grant it on themselves.
function setWorkflowPermissions(document: Document): boolean {
  const root = document.contents;
  if (!isMap(root) || root.has("permissions")) return false;
  const pair = document.createPair("permissions", { contents: "read" });
  if (isScalar(pair.key)) pair.key.commentBefore = `${REVIEW_COMMENT}; grant more on the jobs that need it`;
  insertPair(root, pair, { before: ["jobs"] });
  return true;
}

function setTimeout(document: Document, jobPath: WorkflowPath): boolean {
  const job = document.getIn(jobPath, true);
  if (!isMap(job) || job.has("timeout-minutes") || job.has("uses")) return false;
  const pair = document.createPair("timeout-minutes", FIX_TIMEOUT_MINUTES);
  if (isScalar(pair.value)) pair.value.comment = `${REVIEW_COMMENT}; a few times the job's usual duration`;
  insertPair(job, pair, { after: ["runs-on", "needs", "if", "name"], before: ["steps"] });
  return true;
}

// The reference the finding names: "github.event.issue.title is written by …".
const INJECTED_REFERENCE = /^([A-Za-z_][\w-]*(?:\.[A-Za-z_*][\w-]*)+) is (?:written by |text this workflow does not control)/;
// A whole expression that only reads that reference: `${{ github.event.issue.title }}`.
const EMBEDDED = /\$\{\{\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\s*\}\}/g;

/**
 * Moves `${{ <reference> }}` out of a `run:` script into the step's `env:` under a name derived from
 * the reference, and reads the variable in the script: `"$TITLE"` in bash and sh, `$env:TITLE` in
 * PowerShell. Nothing is changed for another shell, an expression that does more than read the
 * reference, or a place in the script where the variable would not be expanded.
 */
function moveIntoEnv(document: Document, runPath: WorkflowPath, message: string): boolean {
  const reference = INJECTED_REFERENCE.exec(message)?.[1];
  const stepPath = runPath.slice(0, -1);
  const step = document.getIn(stepPath, true);
  const run = document.getIn(runPath, true);
  if (!reference || !isMap(step) || !isScalar(run) || typeof run.value !== "string") return false;
  const shell = shellOf(document, stepPath);
  if (shell === undefined) return false;
  const script = run.value;
  const env = step.get("env", true);
  if (env !== undefined && !isMap(env)) return false;
  const value = `\${{ ${reference} }}`;
  const name = envName(document, stepPath, reference, script, value);
  const rewritten = script.replace(EMBEDDED, (whole: string, body: string, offset: number) => {
    if (body.toLowerCase() !== reference.toLowerCase()) return whole;
    const followedByName = /^[A-Za-z0-9_:]/.test(script.slice(offset + whole.length));
    return readVariable(shell, name, quoteAt(script, offset), followedByName) ?? whole;
  });
  // every use must be gone, or the finding would stay: then the script is left as it was
  const lowered = reference.toLowerCase();
  if (rewritten === script || findExpressions(rewritten).some((expression) => expression.body.toLowerCase().includes(lowered))) return false;
  run.value = rewritten;
  if (env === undefined) insertPair(step, document.createPair("env", { [name]: value }), { before: ["run"] });
  else if (!env.has(name)) env.set(name, value);
  return true;
}

type Shell = "posix" | "pwsh";

// The shell that runs the step: its own `shell:`, else the job's or the workflow's `defaults.run.shell`,
// else the runner's default (PowerShell on Windows, bash elsewhere). Undefined for any other shell.
function shellOf(document: Document, stepPath: WorkflowPath): Shell | undefined {
  const jobPath = stepPath.slice(0, 2);
  const named = [document.getIn([...stepPath, "shell"]), document.getIn([...jobPath, "defaults", "run", "shell"]), document.getIn(["defaults", "run", "shell"])].find((shell) => shell !== undefined);
  if (named === undefined) {
    const runsOn = document.getIn([...jobPath, "runs-on"]);
    const labels = typeof runsOn === "string" ? [runsOn] : isSeq(document.getIn([...jobPath, "runs-on"], true)) ? (document.getIn([...jobPath, "runs-on"]) as { toJSON(): unknown }).toJSON() : [];
    const text = Array.isArray(labels) ? labels.map(String) : [];
    if (text.some((label) => label.includes("${{"))) return undefined;
    return text.some((label) => label.toLowerCase().startsWith("windows")) ? "pwsh" : "posix";
  }
  if (typeof named !== "string") return undefined;
  const program = named.trim().split(/\s+/)[0]!.toLowerCase();
  if (program === "bash" || program === "sh") return "posix";
  if (program === "pwsh" || program === "powershell") return "pwsh";
  return undefined;
}

// The quote open at `offset` on its line of the script: a double or single quote, or none.
function quoteAt(script: string, offset: number): '"' | "'" | undefined {
  const lineStart = script.lastIndexOf("\n", offset - 1) + 1;
  let open: '"' | "'" | undefined;
  for (let index = lineStart; index < offset; index++) {
    const char = script[index];
    if (char === "\\" && open !== "'") index++;
    else if ((char === '"' || char === "'") && (open === undefined || open === char)) open = open ? undefined : char;
  }
  return open;
}

// How the script reads the variable where the expression was: always inside double quotes for a
// POSIX shell, so the text stays one word and is never run; braces when a name character follows.
function readVariable(shell: Shell, name: string, quote: '"' | "'" | undefined, followedByName: boolean): string | undefined {
  if (shell === "posix") {
    const variable = followedByName ? `\${${name}}` : `$${name}`;
    return quote === '"' ? variable : quote === "'" ? `'"${variable}"'` : `"${variable}"`;
  }
  // PowerShell expands $env:X bare and inside double quotes, not inside single quotes
  if (quote === "'") return undefined;
  return followedByName ? `\${env:${name}}` : `$env:${name}`;
}

// An upper-case name from the reference's last segments (TITLE, then ISSUE_TITLE, then TITLE_2 …)
// that no env of the step, job or workflow holds for another value and the script does not use.
function envName(document: Document, stepPath: WorkflowPath, reference: string, script: string, value: string): string {
  const segments = reference.split(".").map((segment) => segment.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase());
  const taken = new Map<string, unknown>();
  for (const path of [["env"], [...stepPath.slice(0, 2), "env"], [...stepPath, "env"]]) {
    const env = document.getIn(path);
    if (env && typeof env === "object" && !Array.isArray(env)) {
      const plain = document.getIn(path, true);
      if (isMap(plain)) for (const item of plain.items) if (isScalar(item.key)) taken.set(String(item.key.value).toUpperCase(), isScalar(item.value) ? item.value.value : item.value);
    }
  }
  const free = (name: string) => {
    if (/^[0-9]/.test(name)) return false;
    if (taken.has(name)) return taken.get(name) === value;
    return !new RegExp(`\\$(\\{)?(env:)?${name}(?![A-Za-z0-9_])`, "i").test(script);
  };
  const candidates = [segments.at(-1)!, segments.slice(-2).join("_"), segments.slice(-3).join("_")];
  for (const candidate of candidates) if (free(candidate)) return candidate;
  for (let suffix = 2; ; suffix++) if (free(`${candidates[0]}_${suffix}`)) return `${candidates[0]}_${suffix}`;
}
