import type { Diagnostic, SourcePosition, WorkflowPath } from "../diagnostics/diagnostic.js";
import { ACTION, DOCUMENT, JOB, LOCAL_ACTION, WORKFLOW, hasBrand } from "../dsl/brand.js";
import type { AuthoredAction } from "../actions/authored-action.js";
import { type NormalizedAction, normalizeAction } from "./normalize-action.js";
import { type CallSite, resolveCallSite } from "../dsl/call-site.js";
import type { Workflow } from "../dsl/types.js";
import type { Document } from "../dsl/document.js";
import { type JsonObject, isJsonObject } from "../model/json.js";
import type { NormalizedRuleset } from "../rulesets/compile-rulesets.js";
import { checkWorkflowFileName } from "../sync/check-workflow-file-name.js";
import { RULESET, type Ruleset } from "../rulesets/ruleset.js";
import type { CalleeResolver } from "./callees.js";
import { WORKFLOW_SHAPE } from "./shape.js";
import { type ToJsonContext, pathKey, quoteError, toJson } from "./to-json.js";

/** A source module after import: its repo-relative path and what it exports. */
export interface LoadedSource {
  file: string;
  exports: Record<string, unknown>;
  /** The modules of each circular import among the source's modules, when it has any. */
  importCycles?: readonly (readonly string[])[];
}

/** Options of {@link normalizeSource}. */
export interface NormalizeOptions {
  /**
   * Turns a call site (in a compiled module, absolute) into the TypeScript position, repo-relative.
   * Without it, diagnostics carry no line.
   */
  toSource?: (position: SourcePosition) => SourcePosition;
  /** Where a workflow passed to `job.call` is generated (see `calleeResolver`). */
  resolveCallee?: CalleeResolver;
}

/** One workflow in the plain model, with what is needed to point diagnostics back at the source. */
export interface NormalizedWorkflow {
  sourceFile: string;
  exportName: string;
  /** The YAML file name, e.g. `ci.yml`. */
  fileName: string;
  model: JsonObject;
  /** Call sites of the workflow (key ""), its jobs and steps, keyed by `pathKey`. */
  callSites: Map<string, CallSite>;
  /** Rule ids suppressed in the source on the workflow (key ""), its jobs and steps, keyed by `pathKey`. */
  suppressions: Map<string, readonly string[]>;
  /** The DSL job objects in `jobs`, with their ids: how a ruleset's required job is found. */
  jobs: ReadonlyMap<object, string>;
  /** `uses:` → release tag of the remote workflows it calls, for the comment beside each pin. */
  releaseTags?: ReadonlyMap<string, string>;
  /** The actions authored in TypeScript its steps call: their action.yml is generated with it. */
  localActions: ReadonlySet<object>;
}

/** A generated document a source exports (see `document()`). */
export interface NormalizedDocument {
  sourceFile: string;
  exportName: string;
  /** Relative to the target's repository root, e.g. `RELEASING.md`. */
  fileName: string;
  text: string;
}

/** The result of normalizing one source: its workflows, documents and rulesets, and problems found in it. */
export interface NormalizedSource {
  workflows: NormalizedWorkflow[];
  documents: NormalizedDocument[];
  /** Actions authored in TypeScript, each written to `.github/actions/<name>/action.yml`. */
  actions: NormalizedAction[];
  /** Resolved against the target's workflows later, by the ruleset stage. */
  rulesets: NormalizedRuleset[];
  diagnostics: Diagnostic[];
}

interface Candidate {
  kind: "dsl" | "workflow-ts" | "plain";
  exportName: string;
  fileName: string;
  spec: unknown;
  definedAt?: CallSite;
  suppress?: readonly string[];
}

/**
 * Finds the workflows a source exports — trunkline `workflow()` values, workflow-ts `Workflow`
 * builders, or plain typed objects — and converts each to the plain model. Every export must be a
 * workflow (or a list of them): anything else is reported, because a typo'd export would
 * otherwise silently generate nothing.
 */
export function normalizeSource(source: LoadedSource, options: NormalizeOptions = {}): NormalizedSource {
  const diagnostics: Diagnostic[] = [];
  const candidates: Candidate[] = [];
  const documents: NormalizedDocument[] = [];
  const rulesets: NormalizedRuleset[] = [];
  const actions: NormalizedAction[] = [];
  const plainBaseName = source.file.replace(/^.*\//, "").replace(/\.[cm]?[jt]sx?$/, "");
  const seen = new Set<unknown>();
  let bindings = 0;
  for (const [exportName, value] of Object.entries(source.exports)) {
    if (typeof value === "function" && LOCAL_ACTION in value) {
      try {
        const normalized = normalizeAction(value as unknown as AuthoredAction<object, string>, exportName, source.file);
        for (const problem of normalized.problems) diagnostics.push(placeActionProblem(problem, normalized.callSites, source.file, options));
        if (normalized.action) actions.push(normalized.action);
      } catch (error) {
        diagnostics.push(exportThrew(source.file, exportName, error, options));
      }
      continue;
    }
    // action bindings (workflows-src/actions/) are modules sources import, not workflows to generate
    if (typeof value === "function" && ACTION in value) {
      bindings++;
      continue;
    }
    // An export is the author's data: a getter or a Proxy in it may throw at any read.
    try {
      const values = Array.isArray(value) && value.length > 0 && value.every((item) => isWorkflowLike(item) || hasBrand(item, RULESET)) ? value : [value];
      for (const item of values) {
        // `export default ci` beside `export const ci`: one workflow, exported twice.
        if (typeof item === "object" && item !== null && seen.has(item)) continue;
        seen.add(item);
        if (hasBrand(item, DOCUMENT)) {
          const document = normalizeDocument(item as Document, exportName, source.file);
          if ("diagnostic" in document) diagnostics.push(document.diagnostic);
          else documents.push(document);
          continue;
        }
        if (hasBrand(item, RULESET)) {
          // a copy of its own fields, read here where a throwing getter is reported with the export
          rulesets.push({ sourceFile: source.file, exportName, ruleset: { ...(item as Ruleset) } });
          continue;
        }
        const candidate = recognize(item, exportName, plainBaseName);
        if (candidate) candidates.push(candidate);
        else diagnostics.push(notAWorkflow(source.file, exportName, item));
      }
    } catch (error) {
      diagnostics.push(exportThrew(source.file, exportName, error, options));
    }
  }
  if (candidates.length === 0 && documents.length === 0 && rulesets.length === 0 && actions.length === 0 && bindings === 0 && diagnostics.length === 0) {
    diagnostics.push({
      rule: "load", severity: "error", file: source.file,
      message: `${source.file} exports no workflow`,
      hint: 'export one, e.g. `export default workflow("ci", { … })`, or move the file out of the source folder',
    });
  }
  const plainCount = candidates.filter((candidate) => candidate.kind === "plain").length;
  const workflows: NormalizedWorkflow[] = [];
  for (const candidate of candidates) {
    if (plainCount > 1 && candidate.kind === "plain") {
      diagnostics.push({
        rule: "load", severity: "error", file: source.file, path: ["export", candidate.exportName],
        message: `${source.file} exports several plain workflow objects ("${candidate.exportName}" among them), which would all be written to ${candidate.fileName}`,
        hint: 'wrap each in workflow("<file name>", { … }) to give it its own file name',
      });
      continue;
    }
    try {
      const normalized = normalizeCandidate(candidate, source, options);
      diagnostics.push(...normalized.diagnostics);
      if (normalized.workflow) workflows.push(normalized.workflow);
    } catch (error) {
      diagnostics.push(exportThrew(source.file, candidate.exportName, error, options));
    }
  }
  return { workflows, documents, rulesets, actions, diagnostics };
}

// A problem in an authored action: at its nearest step's call site, else where the action is declared.
function placeActionProblem(problem: Omit<Diagnostic, "file">, callSites: ReadonlyMap<string, CallSite>, sourceFile: string, options: NormalizeOptions): Diagnostic {
  const path = problem.path ?? [];
  for (let length = path.length; length >= 0; length--) {
    const place = placeOf(callSites.get(pathKey(path.slice(0, length))), sourceFile, options);
    if (place) return { ...problem, file: sourceFile, ...place };
  }
  return { ...problem, file: sourceFile };
}

// A document's path stays inside the target's repository root and names a Markdown file, the only
// kind whose header (an HTML comment) trunkline knows how to write.
function normalizeDocument(document: Document, exportName: string, sourceFile: string): NormalizedDocument | { diagnostic: Diagnostic } {
  const segment = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
  if (typeof document.fileName !== "string" || !document.fileName.split("/").every((part) => segment.test(part)) || !document.fileName.endsWith(".md")) {
    return {
      diagnostic: {
        rule: "load", severity: "error", file: sourceFile, path: ["export", exportName],
        message: `document "${exportName}": "${String(document.fileName)}" is not a usable Markdown file path inside the repository`,
        hint: 'use a relative path ending in .md, such as "RELEASING.md" or "docs/RELEASING.md"',
      },
    };
  }
  return { sourceFile, exportName, fileName: document.fileName, text: String(document.text) };
}

function normalizeCandidate(candidate: Candidate, source: LoadedSource, options: NormalizeOptions): { workflow?: NormalizedWorkflow; diagnostics: Diagnostic[] } {
  const sourceFile = source.file;
  const diagnostics: Diagnostic[] = [];
  const workflowPlace = () => placeOf(candidate.definedAt, sourceFile, options) ?? { path: ["export", candidate.exportName] };
  const fileNameProblem = checkWorkflowFileName(candidate.fileName);
  if (fileNameProblem) {
    return { diagnostics: [{ rule: "load", severity: "error", file: sourceFile, ...workflowPlace(), message: `workflow "${candidate.exportName}": ${fileNameProblem.message}`, hint: fileNameProblem.hint }] };
  }
  const spec = candidate.spec;
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    const kind = spec === null ? "null" : Array.isArray(spec) ? "a list" : spec === undefined ? "undefined" : `a ${typeof spec}`;
    return { diagnostics: [{ rule: "normalize", severity: "error", file: sourceFile, ...workflowPlace(), message: `workflow "${candidate.fileName}" (export "${candidate.exportName}") is ${kind}, not an object with \`on\` and \`jobs\``, hint: "pass the workflow's object itself, e.g. workflow(\"ci\", { on: …, jobs: { … } }); a function that builds it must return it" }] };
  }
  const context: ToJsonContext = { jobIds: new Map(), callSites: new Map(), suppressions: new Map(), problems: [], localActions: new Set(), ...(source.importCycles ? { importCycles: source.importCycles } : {}), ...(options.toSource ? { toSource: options.toSource } : {}), ...(options.resolveCallee ? { resolveCallee: options.resolveCallee } : {}) };
  const jobs = (spec as { jobs?: unknown }).jobs;
  const listedTwice: Omit<Diagnostic, "file">[] = [];
  if (typeof jobs === "object" && jobs !== null) {
    for (const [id, value] of Object.entries(jobs as Record<string, unknown>)) {
      if (hasBrand(value, JOB)) {
        const existing = context.jobIds.get(value as object);
        if (existing !== undefined) {
          listedTwice.push({ rule: "normalize", severity: "error", path: ["jobs", id], message: `the same job object is listed as both "${existing}" and "${id}"`, hint: "call job() once for each job id" });
        }
        context.jobIds.set(value as object, id);
      }
    }
  }
  if (candidate.definedAt) context.callSites.set("", candidate.definedAt);
  if (candidate.suppress?.length) context.suppressions.set("", candidate.suppress);
  const model = toJson(spec, [], WORKFLOW_SHAPE, context);
  // placed after the walk, which records the call site of every job and step it meets
  for (const problem of [...listedTwice, ...context.problems]) diagnostics.push(placeProblem(problem, candidate, context.callSites, sourceFile, options));
  const failed = diagnostics.some((diagnostic) => diagnostic.severity === "error");
  if (!isJsonObject(model ?? null)) {
    if (!failed) diagnostics.push({ rule: "normalize", severity: "error", file: sourceFile, ...workflowPlace(), message: `workflow "${candidate.exportName}" is not an object`, hint: "pass an object with `on` and `jobs`" });
    return { diagnostics };
  }
  if (failed) return { diagnostics };
  return {
    diagnostics,
    workflow: { sourceFile, exportName: candidate.exportName, fileName: candidate.fileName, model: model as JsonObject, callSites: context.callSites, suppressions: context.suppressions, jobs: context.jobIds, localActions: context.localActions!, ...(context.releaseTags ? { releaseTags: context.releaseTags } : {}) },
  };
}

// A problem's TypeScript place: the nearest job or step call site on its path, else the workflow's
// own. A workflow written without trunkline's builders has none: the problem then names its export
// (the path starts ["export", name]), which the pipeline turns into the line that declares it.
function placeProblem(problem: Omit<Diagnostic, "file">, candidate: Candidate, callSites: ReadonlyMap<string, CallSite>, sourceFile: string, options: NormalizeOptions): Diagnostic {
  const diagnostic: Diagnostic = { ...problem, file: sourceFile };
  if (!options.toSource) return diagnostic;
  const path = problem.path ?? [];
  for (let length = path.length; length >= 0; length--) {
    const place = placeOf(callSites.get(pathKey(path.slice(0, length))), sourceFile, options);
    if (place) return { ...diagnostic, ...place };
  }
  return { ...diagnostic, path: ["export", candidate.exportName, ...path] };
}

// Where a call site is: a line in the source itself, or a position in a module it imports.
function placeOf(site: CallSite | undefined, sourceFile: string, options: NormalizeOptions): { line: number; column: number } | { source: SourcePosition } | undefined {
  const resolved = site && options.toSource ? resolveCallSite(site) : undefined;
  if (!resolved) return undefined;
  const position = options.toSource!(resolved);
  return position.file === sourceFile ? { line: position.line, column: position.column } : { source: position };
}

// An export that threw while it was read: reported at the throw when it is in the source, else at the export.
function exportThrew(file: string, exportName: string, error: unknown, options: NormalizeOptions): Diagnostic {
  const place = error instanceof Error ? placeOf({ stack: error }, file, options) : undefined;
  const path: WorkflowPath = ["export", exportName];
  return {
    rule: "normalize", severity: "error", file, path,
    ...(place && "line" in place ? place : {}),
    message: `reading export "${exportName}" of ${file} threw ${quoteError(error)}`,
    hint: "export plain values: a getter or a Proxy that throws cannot be turned into a workflow",
  };
}

function recognize(value: unknown, exportName: string, plainBaseName: string): Candidate | undefined {
  if (hasBrand(value, WORKFLOW)) {
    const built = value as Workflow;
    return { kind: "dsl", exportName, fileName: built.fileName, spec: built.spec, definedAt: built.definedAt, ...(built.suppress ? { suppress: built.suppress } : {}) };
  }
  if (isGawtWorkflow(value)) {
    const fileName = /\.ya?ml$/.test(value.filename) ? value.filename : `${value.filename}.yml`;
    return { kind: "workflow-ts", exportName, fileName, spec: value.workflow };
  }
  if (isPlainWorkflow(value)) return { kind: "plain", exportName, fileName: `${plainBaseName}.yml`, spec: value };
  return undefined;
}

// workflow-ts's `Workflow` class keeps its document in `.workflow` and its file name in `.filename`.
function isGawtWorkflow(value: unknown): value is { filename: string; workflow: object } {
  return typeof value === "object" && value !== null && typeof (value as { filename?: unknown }).filename === "string" && isPlainWorkflow((value as { workflow?: unknown }).workflow);
}

function isPlainWorkflow(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "on" in value && "jobs" in value;
}

function isWorkflowLike(value: unknown): boolean {
  return hasBrand(value, WORKFLOW) || isGawtWorkflow(value) || isPlainWorkflow(value);
}

function notAWorkflow(file: string, exportName: string, value: unknown): Diagnostic {
  // a job exported as it is, the likeliest slip of a first source: say what to wrap it in
  const isJob = hasBrand(value, JOB);
  const kind = isJob ? "a job" : value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "function" ? "a function" : typeof value === "object" ? "an object without `on` and `jobs`" : `a ${typeof value}`;
  const id = exportName === "default" ? "build" : exportName;
  return {
    rule: "load", severity: "error", file,
    // The path names the export; the pipeline turns it into the line that declares it.
    path: ["export", exportName],
    message: `export "${exportName}" of ${file} is ${kind}, not a workflow`,
    hint: isJob
      ? `a job is generated inside a workflow: export \`workflow("ci", { on: …, jobs: { ${id} } })\` instead; a job shared by several sources belongs in a module outside the source folder`
      : "export only workflows from a workflow source; keep shared jobs and helpers in a module outside the source folder",
  };
}
