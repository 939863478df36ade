import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { isJsonObject } from "../model/json.js";
import { CALLER_JOB_SPEC, type CastPlan, RUNNER_JOB_SPEC, STEP_SPEC, WORKFLOW_SPEC, castKey, planCasts } from "./dsl-shapes.js";
import { type Code, type CodeEntry, type CodeItem, commentLines, constantName, numberLiteral, printCode, propertyKey, stringLiteral } from "./print-ts.js";
import { type PlaceComments, type ReadWorkflow, commentKey } from "./read-workflow-yaml.js";

/** What {@link workflowToTs} needs: the read workflow and the YAML file name it must generate. */
export interface WorkflowToTsInput {
  workflow: ReadWorkflow;
  /** The output file name, e.g. `ci.yml`; `workflow("ci", …)` writes `ci.yml`, `.yaml` is kept. */
  fileName: string;
}

/** A generated source, and how much of it had to be typed loosely. */
export interface WorkflowSource {
  text: string;
  /** Places written with a cast because the workflow types would reject them, with why. */
  looselyTyped: { path: WorkflowPath; reason: string }[];
}

const NO_COMMENTS: PlaceComments = { before: [], end: [] };
const CAST_NOTE = " typed loosely:";

/**
 * Writes a workflow as the trunkline source a person would have written: one constant per job in
 * an order where every job is declared after the jobs it needs, `needs` by reference, steps with
 * step(), scripts as template literals, comments where the YAML had them. Values the DSL's types
 * would reject are kept exactly, behind the narrowest cast that typechecks, with a comment saying why.
 */
export function workflowToTs(input: WorkflowToTsInput): WorkflowSource {
  const context = new Context(input.workflow);
  const root = input.workflow.value as JsonObject;
  const jobsValue = root.jobs;
  const declarations: string[] = [];
  let jobsCode: Code | undefined;
  if (isJsonObject(jobsValue)) {
    const names = new Map<string, string>();
    const used = new Set<string>();
    for (const id of Object.keys(jobsValue)) names.set(id, constantName(id, used));
    const declared = new Set<string>();
    for (const id of declarationOrder(jobsValue)) {
      declarations.push(context.jobDeclaration(id, jobsValue[id]!, names, declared));
      declared.add(id);
    }
    // the comments beside each job id went above its constant
    jobsCode = context.objectCode(jobsValue, ["jobs"], new Map(), (key) => ({ value: { kind: "text", text: names.get(key)! }, shorthand: names.get(key) === propertyKey(key), withoutComments: true }));
  }
  const rootPlan = planCasts(root, WORKFLOW_SPEC, "exact");
  const rootCast = rootPlan.get(castKey([]));
  const specCode = context.objectCode(root, [], rootCast === undefined ? rootPlan : new Map(), (key) => (key === "jobs" && jobsCode ? { value: jobsCode } : undefined));
  // workflow("ci") writes ci.yml; a name that would still end in .yml/.yaml is passed whole
  const shortName = input.fileName.replace(/\.yml$/, "");
  const fileArgument = stringLiteral(/\.ya?ml$/.test(shortName) ? input.fileName : shortName);
  const exportComments = rootCast === undefined ? [] : [`${CAST_NOTE} ${rootCast}`];
  if (rootCast !== undefined) context.looselyTyped.push({ path: [], reason: rootCast });
  // the workflow is the file's subject: one top-level key per line, however short
  if (specCode.kind === "object") specCode.multiline = true;
  const call: Code = { kind: "call", callee: "workflow", args: [{ kind: "text", text: fileArgument }, rootCast === undefined ? specCode : { kind: "cast", value: specCode }, ...context.suppressOption([])] };
  const rootComments = context.commentsAt([]);
  const parts = [
    ...commentLines("", [...rootComments.before, ...(rootComments.trailing === undefined ? [] : [rootComments.trailing])]),
    `import { ${[...context.imports].sort().join(", ")} } from "trunkline";`,
    "",
    ...declarations.flatMap((declaration) => [declaration, ""]),
    [...commentLines("", exportComments), `export default ${printCode(call, "", "export default ".length)};`].join("\n"),
    ...commentLines("", input.workflow.trailingFileComments),
  ];
  return { text: `${parts.join("\n")}\n`, looselyTyped: context.looselyTyped };
}

/**
 * Job ids in the order their constants are declared: the YAML order, except that a job comes after
 * every job it needs (a constant cannot be used before its declaration). Jobs in a cycle keep the
 * YAML order; their `needs` on later jobs are written as ids.
 */
export function declarationOrder(jobs: JsonObject): string[] {
  const ids = Object.keys(jobs);
  const known = new Set(ids);
  const needsOf = new Map(ids.map((id) => [id, neededIds(jobs[id]!).filter((need) => known.has(need) && need !== id)]));
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < ids.length) {
    const ready = ids.find((id) => !placed.has(id) && needsOf.get(id)!.every((need) => placed.has(need)));
    // a cycle: take the first job left in YAML order and let its unmet needs be ids
    const next = ready ?? ids.find((id) => !placed.has(id))!;
    order.push(next);
    placed.add(next);
  }
  return order;
}

function neededIds(job: Json): string[] {
  if (!isJsonObject(job)) return [];
  const needs = job.needs;
  if (typeof needs === "string") return [needs];
  return Array.isArray(needs) ? needs.filter((need): need is string => typeof need === "string") : [];
}

/** An override for one entry of an object being written: its code, and whether to print `{ key }`. */
type EntryOverride = (key: string, value: Json) => { value: Code; shorthand?: boolean; withoutComments?: boolean; notes?: string[] } | undefined;

class Context {
  readonly imports = new Set<string>(["workflow"]);
  readonly looselyTyped: { path: WorkflowPath; reason: string }[] = [];

  private readonly suppressions: Map<string, string[]>;

  constructor(private readonly read: ReadWorkflow) {
    this.suppressions = suppressionsOf(read);
  }

  /** `{ suppress: [...] }` for the workflow, job or step at `path`, when its YAML had ignore comments. */
  suppressOption(path: WorkflowPath): Code[] {
    const rules = this.suppressions.get(commentKey(path));
    if (!rules?.length) return [];
    const list: Code = { kind: "array", items: rules.map((rule) => ({ value: { kind: "text", text: JSON.stringify(rule) }, before: [] })), end: [] };
    return [{ kind: "object", entries: [{ key: "suppress", value: list, before: [] }], end: [] }];
  }

  commentsAt(path: WorkflowPath): PlaceComments {
    return this.read.comments.get(commentKey(path)) ?? NO_COMMENTS;
  }

  /** `const name = job({ … });`, with the comments that sat above the job's id in the YAML. */
  jobDeclaration(id: string, value: Json, names: Map<string, string>, declared: Set<string>): string {
    const path = ["jobs", id];
    const name = names.get(id)!;
    const comments = this.commentsAt(path);
    const above = [...comments.before, ...(comments.trailing === undefined ? [] : [comments.trailing])];
    if (!isJsonObject(value)) {
      // not a mapping: there is no job to build, only a value to keep
      const reason = "a job must be a mapping";
      this.looselyTyped.push({ path, reason });
      return [...commentLines("", [...above, `${CAST_NOTE} ${reason}`]), `const ${name} = ${printCode({ kind: "cast", value: this.valueCode(value, path, new Map(), path.length) }, "", `const ${name} = `.length)};`].join("\n");
    }
    this.imports.add("job");
    const shape = "uses" in value ? CALLER_JOB_SPEC : RUNNER_JOB_SPEC;
    const plan = planCasts(value, shape, "exact");
    const rootCast = plan.get(castKey([]));
    if (rootCast !== undefined) {
      this.looselyTyped.push({ path, reason: rootCast });
      above.push(`${CAST_NOTE} ${rootCast}`);
    }
    const spec = this.objectCode(value, path, rootCast === undefined ? plan : new Map(), (key, entry) => {
      if (key === "needs") {
        const found = this.looselyTyped.length;
        const value = this.needsCode(entry, [...path, "needs"], names, declared);
        // a cast of the whole `needs` gets its note above the entry; casts of items carry their own
        const whole = this.looselyTyped.slice(found).find((loose) => loose.path.length === path.length + 1);
        return { value, notes: whole ? [`${CAST_NOTE} ${whole.reason}`] : [] };
      }
      if (key === "steps" && Array.isArray(entry)) return { value: this.stepsCode(entry, [...path, "steps"]) };
      return undefined;
    });
    const call: Code = { kind: "call", callee: "job", args: [rootCast === undefined ? spec : { kind: "cast", value: spec }, ...this.suppressOption(path)] };
    const head = `const ${name} = `;
    return [...commentLines("", above), `${head}${printCode(call, "", head.length)};`].join("\n");
  }

  /** `needs` by reference to already-declared jobs; anything else (cycles, unknown ids) as written, cast. */
  needsCode(value: Json, path: WorkflowPath, names: Map<string, string>, declared: Set<string>): Code {
    const reference = (need: Json): Code | undefined => (typeof need === "string" && declared.has(need) ? { kind: "text", text: names.get(need)! } : undefined);
    const notes = new Map<string, string>();
    const asWritten = (need: Json, needPath: WorkflowPath): Code => {
      const reason = typeof need === "string" && names.has(need) ? `"${need}" is declared later (the jobs need each other)` : "needs names no job of this workflow";
      this.looselyTyped.push({ path: needPath, reason });
      notes.set(commentKey(needPath), `${CAST_NOTE} ${reason}`);
      return { kind: "cast", value: this.valueCode(need, needPath, new Map(), needPath.length) };
    };
    if (!Array.isArray(value)) {
      const single = reference(value);
      if (!single) return asWritten(value, path);
      // NOTE: normalize writes a lone job reference as a lone id, as the YAML had it
      const reason = "the DSL types take a list of jobs; a single job stays `needs: <id>`";
      this.looselyTyped.push({ path, reason });
      return { kind: "cast", value: single };
    }
    const items: CodeItem[] = value.map((need, index) => {
      const comments = this.commentsAt([...path, index]);
      const code = reference(need) ?? asWritten(need, [...path, index]);
      const note = notes.get(commentKey([...path, index]));
      return { value: code, before: note ? [...comments.before, note] : comments.before, trailing: comments.trailing };
    });
    return { kind: "array", items, end: this.commentsAt(path).end };
  }

  /** Each step mapping as `step({ … })`; anything else kept as written, cast. */
  stepsCode(steps: Json[], path: WorkflowPath): Code {
    const items: CodeItem[] = steps.map((item, index) => {
      const itemPath = [...path, index];
      const comments = this.commentsAt(itemPath);
      const before = [...comments.before];
      if (!isJsonObject(item)) {
        const reason = "a step must be a mapping";
        this.looselyTyped.push({ path: itemPath, reason });
        return { value: { kind: "cast", value: this.valueCode(item, itemPath, new Map(), itemPath.length) }, before: [...before, `${CAST_NOTE} ${reason}`], trailing: comments.trailing };
      }
      this.imports.add("step");
      const plan = planCasts(item, STEP_SPEC, "exact");
      const rootCast = plan.get(castKey([]));
      if (rootCast !== undefined) {
        this.looselyTyped.push({ path: itemPath, reason: rootCast });
        before.push(`${CAST_NOTE} ${rootCast}`);
      }
      const spec = this.objectCode(item, itemPath, rootCast === undefined ? plan : new Map());
      return { value: { kind: "call", callee: "step", args: [rootCast === undefined ? spec : { kind: "cast", value: spec }, ...this.suppressOption(itemPath)] }, before, trailing: comments.trailing };
    });
    return { kind: "array", items, end: this.commentsAt(path).end };
  }

  /**
   * An object literal for a mapping at `path`. `plan` holds casts keyed by path relative to the
   * checked root, which starts `rootDepth` entries into `path`.
   */
  objectCode(value: JsonObject, path: WorkflowPath, plan: CastPlan, override?: EntryOverride, rootDepth = path.length): Code {
    const entries: CodeEntry[] = Object.entries(value).map(([key, entryValue]) => {
      const entryPath = [...path, key];
      const replaced = override?.(key, entryValue);
      const comments = replaced?.withoutComments ? NO_COMMENTS : this.commentsAt(entryPath);
      const before = [...comments.before, ...(replaced?.notes ?? [])];
      let code: Code;
      if (replaced) code = replaced.value;
      else {
        const reason = plan.get(castKey(entryPath.slice(rootDepth)));
        if (reason !== undefined) {
          this.looselyTyped.push({ path: entryPath, reason });
          before.push(`${CAST_NOTE} ${reason}`);
          code = { kind: "cast", value: this.valueCode(entryValue, entryPath, new Map(), rootDepth) };
        } else code = this.valueCode(entryValue, entryPath, plan, rootDepth);
      }
      return { key: propertyKey(key), value: code, shorthand: replaced?.shorthand, before, trailing: comments.trailing };
    });
    return { kind: "object", entries, end: this.commentsAt(path).end };
  }

  /** Any value at `path`: literals, or literals of objects and arrays with their casts and comments. */
  valueCode(value: Json, path: WorkflowPath, plan: CastPlan, rootDepth: number): Code {
    if (value === null) return { kind: "text", text: "null" };
    if (typeof value === "string") return { kind: "text", text: stringLiteral(value) };
    if (typeof value === "number") return { kind: "text", text: numberLiteral(value) };
    if (typeof value === "boolean") return { kind: "text", text: String(value) };
    if (Array.isArray(value)) {
      const items: CodeItem[] = value.map((item, index) => {
        const itemPath = [...path, index];
        const comments = this.commentsAt(itemPath);
        const reason = plan.get(castKey(itemPath.slice(rootDepth)));
        if (reason === undefined) return { value: this.valueCode(item, itemPath, plan, rootDepth), before: comments.before, trailing: comments.trailing };
        this.looselyTyped.push({ path: itemPath, reason });
        return { value: { kind: "cast", value: this.valueCode(item, itemPath, new Map(), rootDepth) }, before: [...comments.before, `${CAST_NOTE} ${reason}`], trailing: comments.trailing };
      });
      return { kind: "array", items, end: this.commentsAt(path).end };
    }
    return this.objectCode(value, path, plan, undefined, rootDepth);
  }
}

// `# trunkline-ignore: rule-a, rule-b -- why` (and `-file:` for the whole workflow), as `lint` reads them.
const IGNORE_COMMENT = /^\s*trunkline-ignore(-file)?:\s*([A-Za-z0-9, \t-]*?)\s*(?:--.*)?$/;

/**
 * The rules each workflow, job and step suppresses through comments in the YAML, keyed by the
 * path of the DSL call that takes them (`suppress` covers everything below it, so a comment on a
 * step's `uses:` line becomes the step's). The comments themselves stay, with their reasons.
 */
function suppressionsOf(read: ReadWorkflow): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const add = (unit: WorkflowPath, rules: string[]) => {
    const key = commentKey(unit);
    result.set(key, [...new Set([...(result.get(key) ?? []), ...rules])]);
  };
  for (const [key, place] of read.comments) {
    const path: WorkflowPath = key === "" ? [] : key.split("\u0000").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    for (const text of [...place.before, ...place.end, ...(place.trailing === undefined ? [] : [place.trailing])]) {
      const match = IGNORE_COMMENT.exec(text);
      if (match) add(match[1] ? [] : dslUnitOf(path), match[2]!.split(/[\s,]+/).filter(Boolean));
    }
  }
  for (const text of read.trailingFileComments) {
    const match = IGNORE_COMMENT.exec(text);
    if (match?.[1]) add([], match[2]!.split(/[\s,]+/).filter(Boolean));
  }
  return result;
}

// The workflow, job or step whose DSL call holds `path`.
function dslUnitOf(path: WorkflowPath): WorkflowPath {
  if (path[0] !== "jobs" || path.length < 2) return [];
  if (path[2] === "steps" && typeof path[3] === "number") return path.slice(0, 4);
  return path.slice(0, 2);
}
