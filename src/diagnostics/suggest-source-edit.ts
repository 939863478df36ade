// The TypeScript edit for a finding of a fixable rule on a generated workflow: the same fixes
// `lint --fix` makes in YAML, said in the DSL at the source line that wrote the step, job or
// workflow. Only said, never made: the source is the author's code (spreads, helpers, loops), and a
// rewrite of it could not be shown safe the way a re-parse shows a YAML fix safe.
import path from "node:path";
import { BINDINGS_FOLDER, bindingName } from "../actions/bindings.js";
import { type Json, type JsonObject, isJsonObject } from "../model/json.js";
import { propertyKey } from "../importer/print-ts.js";
import { parseUses } from "../rules/_uses.js";
import { FIX_TIMEOUT_MINUTES, fixYaml } from "../validate/fix-yaml.js";
import type { Diagnostic, SourcePosition, SuggestedEdit, WorkflowPath } from "./diagnostic.js";

/** What a suggestion needs beyond the diagnostic: the emitted file and where its parts were written. */
export interface SourceEditContext {
  /** The generated YAML text the diagnostic is in. */
  text: string;
  /** The workflow (or action) as plain data. */
  model: JsonObject;
  /** The TypeScript position that wrote the value at `path` (or the nearest thing above it). */
  siteOf(path: WorkflowPath): SourcePosition | undefined;
  /** `owner/repo[/path]@<sha>` keys of the actions lockfile: an action in it has a typed binding. */
  lockedPins?: Iterable<string>;
}

/** The rules whose findings get a suggested edit: those `lint --fix` fixes. */
export const SOURCE_EDIT_RULES: ReadonlySet<string> = new Set(["persist-credentials", "unpinned-action", "script-injection", "permissions-missing", "timeout-missing"]);

/** Each diagnostic of a fixable rule with its suggested TypeScript edit, when one can be said. */
export function withSourceEdits(diagnostics: readonly Diagnostic[], context: SourceEditContext): Diagnostic[] {
  return diagnostics.map((diagnostic) => {
    if (!SOURCE_EDIT_RULES.has(diagnostic.rule) || diagnostic.suggestion || !diagnostic.path) return diagnostic;
    const suggestion = suggestSourceEdit(diagnostic, diagnostic.path, context);
    return suggestion ? { ...diagnostic, suggestion } : diagnostic;
  });
}

function suggestSourceEdit(diagnostic: Diagnostic, at: WorkflowPath, context: SourceEditContext): SuggestedEdit | undefined {
  const edit = editFor(diagnostic, at, context);
  if (!edit) return undefined;
  const site = context.siteOf(edit.place);
  return site ? { file: site.file, line: site.line, column: site.column, text: edit.text, code: edit.code } : undefined;
}

// What to write and which part of the workflow (step, job, workflow) it belongs to.
function editFor(diagnostic: Diagnostic, at: WorkflowPath, context: SourceEditContext): { place: WorkflowPath; text: string; code: string } | undefined {
  const last = at.at(-1);
  switch (diagnostic.rule) {
    case "persist-credentials": {
      const stepPath = at.slice(0, -1);
      const step = objectAt(context.model, stepPath);
      if (last !== "uses" || !step) return undefined;
      const inputs = isJsonObject(step["with"]) ? step["with"] : {};
      return { place: stepPath, text: 'add "persist-credentials": false to this step\'s with', code: `with: ${tsValue({ ...inputs, "persist-credentials": false })},` };
    }
    case "unpinned-action":
      return last === "uses" ? bindingEdit(at, context) : undefined;
    case "script-injection":
      return last === "run" ? envEdit(diagnostic, at, context) : undefined;
    case "timeout-missing":
      return at.length === 2 && at[0] === "jobs" ? { place: at, text: `add a timeout to this job: a few times its usual duration (${FIX_TIMEOUT_MINUTES} is a guess to review)`, code: `"timeout-minutes": ${FIX_TIMEOUT_MINUTES},` } : undefined;
    case "permissions-missing":
      return { place: [], text: "give the workflow a read-only token, and grant more only on the jobs that need it", code: 'permissions: { contents: "read" },' };
    default:
      return undefined;
  }
}

// A tag-pinned action: call its typed binding, which carries the commit the lockfile locks.
function bindingEdit(at: WorkflowPath, context: SourceEditContext): { place: WorkflowPath; text: string; code: string } | undefined {
  const uses = valueAt(context.model, at);
  const target = typeof uses === "string" ? parseUses(uses) : undefined;
  if (target?.kind !== "remote") return undefined;
  const key = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  const stepPath = at.slice(0, -1);
  const step = objectAt(context.model, stepPath);
  // a job calling a reusable workflow has no binding: the pin is written in the string
  if (!step || at.at(-3) !== "steps") {
    return { place: stepPath, text: `pin the commit of that release (trunkline actions add ${key}@${target.ref} locks it)`, code: `uses: "${key}@<40-character sha>",` };
  }
  const locked = [...(context.lockedPins ?? [])].some((pin) => pin.toLowerCase().startsWith(`${key.toLowerCase()}@`));
  const name = bindingName(key);
  const site = context.siteOf(stepPath);
  const from = site ? path.posix.relative(path.posix.dirname(site.file), BINDINGS_FOLDER) : BINDINGS_FOLDER;
  const module = `${from.startsWith(".") ? from : `./${from}`}/index.js`;
  const { uses: _uses, ...rest } = step;
  const call = `${name}(${Object.keys(rest).length > 0 ? tsValue(rest) : ""})`;
  return {
    place: stepPath,
    text: locked
      ? `call the typed binding of ${key} instead of writing uses: it carries the commit trunkline.actions.lock.json locks`
      : `run "npx trunkline actions add ${key}@${target.ref}" to lock the commit, then call its typed binding instead of writing uses`,
    code: `import { ${name} } from "${module}";\n${call},`,
  };
}

// An untrusted expression in `run:`: the step `lint --fix` would write, said in TypeScript.
function envEdit(diagnostic: Diagnostic, at: WorkflowPath, context: SourceEditContext): { place: WorkflowPath; text: string; code: string } | undefined {
  const stepPath = at.slice(0, -1);
  const before = objectAt(context.model, stepPath);
  const fixed = fixYaml(context.text, [diagnostic], new Map());
  if (!before || !fixed) return undefined;
  const after = objectAt(fixed.value as JsonObject, stepPath);
  const run = after?.["run"];
  if (!after || typeof run !== "string" || !isJsonObject(after["env"])) return undefined;
  const previous = isJsonObject(before["env"]) ? before["env"] : {};
  const added = Object.entries(after["env"]).filter(([name]) => !(name in previous));
  if (added.length === 0) return undefined;
  const names = added.map(([name]) => name).join(", ");
  const typed = added.some(([, value]) => typedExpression(value) !== undefined);
  return {
    place: stepPath,
    text: `move the untrusted value into this step's env and read it as a variable (${names}), so the shell treats it as data${typed ? '; github comes from "trunkline"' : ""}`,
    code: `env: ${tsValue(after["env"])},\nrun: ${tsString(run)},`,
  };
}

/**
 * The untrusted references the typed `github` context holds (src/expressions/github.ts types a
 * documented subset of the payloads): these are written typed, any other keeps its `${{ }}` string.
 */
export const TYPED_UNTRUSTED_REFERENCES: ReadonlySet<string> = new Set([
  "github.head_ref",
  "github.event.pull_request.title",
  "github.event.pull_request.body",
  "github.event.pull_request.head.ref",
  "github.event.pull_request.head.label",
  "github.event.pull_request.head.repo.default_branch",
  "github.event.head_commit.message",
  "github.event.head_commit.author.email",
  "github.event.head_commit.author.name",
]);

// `${{ github.event.pull_request.title }}` as the typed context it reads, `github.event.pull_request.title`:
// the form the README leads with, where the typed context has it.
function typedExpression(value: Json): string | undefined {
  if (typeof value !== "string") return undefined;
  const reference = /^\$\{\{\s*([\w.-]+)\s*\}\}$/.exec(value)?.[1];
  return reference !== undefined && TYPED_UNTRUSTED_REFERENCES.has(reference) ? reference : undefined;
}

// A JSON value as TypeScript source, on one line: keys bare where they can be, expressions typed.
function tsValue(value: Json): string {
  if (typeof value === "string") return typedExpression(value) ?? tsString(value);
  if (Array.isArray(value)) return `[${value.map(tsValue).join(", ")}]`;
  if (isJsonObject(value)) {
    const entries = Object.entries(value).map(([key, entry]) => `${propertyKey(key)}: ${tsValue(entry)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

// A string literal as the README writes them: double quotes, single ones around a text holding
// double quotes (`'echo "$TITLE"'`), a template literal for a multi-line script.
function tsString(text: string): string {
  if (text.includes("\n")) return `\`${text.replace(/[\\`]/g, "\\$&").replace(/\$\{/g, "\\${")}\``;
  return text.includes('"') && !text.includes("'") ? `'${text.replace(/\\/g, "\\\\")}'` : JSON.stringify(text);
}

function valueAt(model: JsonObject, at: WorkflowPath): Json | undefined {
  let value: Json | undefined = model;
  for (const key of at) value = value !== null && typeof value === "object" ? (value as Record<string | number, Json>)[key] : undefined;
  return value;
}

function objectAt(model: JsonObject, at: WorkflowPath): JsonObject | undefined {
  const value = valueAt(model, at);
  return isJsonObject(value) ? value : undefined;
}
