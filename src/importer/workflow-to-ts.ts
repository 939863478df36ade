import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { isJsonObject } from "../model/json.js";
import { CALLER_JOB_SPEC, type CastPlan, RUNNER_JOB_SPEC, STEP_SPEC, WORKFLOW_SPEC, castKey, planCasts } from "./dsl-shapes.js";
import { type Code, type CodeEntry, type CodeItem, commentLines, constantName, numberLiteral, printCode, propertyKey, stringLiteral } from "./print-ts.js";
import { type PlaceComments, type ReadWorkflow, commentKey } from "./read-workflow-yaml.js";
import type { ActionCatalog } from "../rules/_action-catalog.js";
import { type LocalActionOutputs, knownStepOutputs } from "./step-outputs.js";
import {
  GITHUB_SHAPE, JOB_SHAPE, type KnownShape, RUNNER_SHAPE, STRATEGY_SHAPE, type SpecialFunction, type TypedContextName, type TypedPlaceOptions, type TypedScope, type TypedString,
  countExpressions, countStepOutputReads, matrixShape, typedString,
} from "./typed-expressions.js";

/** What {@link workflowToTs} needs: the read workflow and the YAML file name it must generate. */
export interface WorkflowToTsInput {
  workflow: ReadWorkflow;
  /** The output file name, e.g. `ci.yml`; `workflow("ci", …)` writes `ci.yml`, `.yaml` is kept. */
  fileName: string;
  /** Where the outputs of the actions steps use are looked up, so later steps read them typed. */
  actions?: ActionCatalog;
  /** The outputs of the local actions (`uses: ./…`) the workflow's steps use. */
  localActions?: LocalActionOutputs;
}

/** A generated source, and how much of it had to be typed loosely. */
export interface WorkflowSource {
  text: string;
  /** Places written with a cast because the workflow types would reject them, with why. */
  looselyTyped: { path: WorkflowPath; reason: string }[];
  /**
   * The `${{ }}` expressions of the workflow: all of them, those written typed, and of those that
   * read `steps.<id>.outputs`, all and typed.
   */
  expressions: { total: number; typed: number; stepOutputs: number; typedStepOutputs: number };
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
  const context = new Context(input.workflow, input.actions, input.localActions);
  const root = input.workflow.value as JsonObject;
  const jobsValue = root.jobs;
  const rootPlan = planCasts(root, WORKFLOW_SPEC, "exact");
  const rootCast = rootPlan.get(castKey([]));
  context.inputs = rootCast === undefined ? inputsShape(root.on, rootPlan) : undefined;
  const declarations: string[] = [];
  let jobsCode: Code | undefined;
  if (isJsonObject(jobsValue)) {
    const names = new Map<string, string>();
    const used = context.usedNames;
    for (const id of Object.keys(jobsValue)) names.set(id, constantName(id, used));
    const declared = new Set<string>();
    for (const id of declarationOrder(jobsValue)) {
      declarations.push(context.jobDeclaration(id, jobsValue[id]!, names, declared));
      declared.add(id);
    }
    // the comments beside each job id went above its constant
    jobsCode = context.objectCode(jobsValue, ["jobs"], new Map(), (key) => ({ value: { kind: "text", text: names.get(key)! }, shorthand: names.get(key) === propertyKey(key), withoutComments: true }));
  }
  // the triggers are declared apart when a job reads `inputs`: inputsOf(on) types it from them
  const triggers: string[] = [];
  // workflow-level keys read `inputs` too, and are written after the triggers
  const rootReadsInputs = Object.entries(root).some(([key, value]) => key !== "jobs" && key !== "on" && context.contextsRead(value, [key]).has("inputs"));
  if (context.imports.has("inputsOf") || rootReadsInputs) {
    context.imports.add("defineTriggers");
    const head = "const on = defineTriggers(";
    triggers.push(`${head}${printCode(context.valueCode(root.on!, ["on"], new Map(), 1), "", head.length)});`, "const inputs = inputsOf(on);", "");
  }
  const specCode = context.objectCode(root, [], rootCast === undefined ? rootPlan : new Map(), (key) => {
    if (key === "jobs" && jobsCode) return { value: jobsCode };
    if (key === "on" && triggers.length) return { value: { kind: "text", text: "on" }, shorthand: true };
    return undefined;
  });
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
    ...triggers,
    ...declarations.flatMap((declaration) => [declaration, ""]),
    [...commentLines("", exportComments), `export default ${printCode(call, "", "export default ".length)};`].join("\n"),
    ...commentLines("", input.workflow.trailingFileComments),
  ];
  return {
    text: `${parts.join("\n")}\n`,
    looselyTyped: context.looselyTyped,
    expressions: { total: countExpressions(root), typed: context.typedExpressions, stepOutputs: countStepOutputReads(root), typedStepOutputs: context.typedStepOutputs },
  };
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
type EntryOverride = (key: string, value: Json) => { value: Code; shorthand?: boolean; withoutComments?: boolean; notes?: string[]; omit?: boolean } | undefined;

// The keys of a step whose text GitHub evaluates with every context of the job's steps.
const STEP_TEXT_KEYS = new Set(["name", "if", "run", "working-directory", "timeout-minutes", "continue-on-error"]);
// Job keys evaluated before the job runs, with its matrix and strategy.
const JOB_TEXT_KEYS = new Set(["runs-on", "name", "timeout-minutes", "continue-on-error"]);
// The special functions each kind of place allows (the workflow definition lists them per key).
const NO_FUNCTIONS: ReadonlySet<SpecialFunction> = new Set();
const STEP_FUNCTIONS: ReadonlySet<SpecialFunction> = new Set(["hashFiles"]);
const STEP_IF_FUNCTIONS: ReadonlySet<SpecialFunction> = new Set(["always", "success", "failure", "cancelled", "hashFiles"]);
const JOB_IF_FUNCTIONS: ReadonlySet<SpecialFunction> = new Set(["always", "success", "failure", "cancelled"]);
// The typed-context names a source imports from trunkline (the others are declared in it).
const IMPORTED_CONTEXTS: Partial<Record<TypedContextName, string>> = { github: "github", runner: "runner", strategy: "strategy", job: "jobContext" };

/** What is typed at one place: the contexts and what else the place allows. */
interface TypedPlace {
  scope: TypedScope;
  options: TypedPlaceOptions;
}

/** What a job's steps are known to be, when they are written as a jobSteps() chain. */
interface JobStepsPlan {
  /** The `steps` context each step sees: the steps before it that have an id. */
  before: KnownShape[];
  /** The `steps` context of all the steps, for the job's `outputs`. */
  all: KnownShape;
  /** The outputs each step is known to set, by index, declared with `step(…, { outputs })`. */
  outputs: Map<number, string[]>;
  /** The steps added as functions of the earlier steps' context: those that read it. */
  readers: Set<number>;
  /** The constant the chain is declared in, when the job's `outputs` or its environment's `url` read it; inline otherwise. */
  hoisted?: string;
}

/**
 * The shape of `inputs` for the triggers `on`, when they can be declared with defineTriggers (a
 * mapping of triggers with nothing cast in it): the inputs of workflow_dispatch and workflow_call.
 */
function inputsShape(on: Json | undefined, rootPlan: CastPlan): KnownShape | undefined {
  if (!isJsonObject(on) || [...rootPlan.keys()].some((key) => key === "on" || key.startsWith("on\u0000"))) return undefined;
  const shape: Record<string, KnownShape> = {};
  for (const event of ["workflow_dispatch", "workflow_call"]) {
    const trigger = on[event];
    const inputs = isJsonObject(trigger) ? trigger.inputs : undefined;
    if (isJsonObject(inputs)) for (const name of Object.keys(inputs)) shape[name] = "value";
  }
  return Object.keys(shape).length ? shape : undefined;
}

class Context {
  readonly imports = new Set<string>(["workflow"]);
  /** The names of the source's constants so far. */
  readonly usedNames = new Set<string>();
  /** How many typed expressions read `steps.<id>.outputs`. */
  typedStepOutputs = 0;
  readonly looselyTyped: { path: WorkflowPath; reason: string }[] = [];
  /** The shape of `inputs` when the triggers can be declared with defineTriggers; undefined otherwise. */
  inputs: KnownShape | undefined;
  /** How many `${{ }}` expressions were written typed. */
  typedExpressions = 0;
  // the outputs each declared job is known to declare in its type, by job id
  private readonly jobOutputs = new Map<string, string[]>();
  // what the job being written can read typed: its matrix and needs only when it is written with job.using
  private job: { id: string; matrix?: KnownShape; needs?: KnownShape; steps?: JobStepsPlan } | undefined;

  private readonly suppressions: Map<string, string[]>;

  constructor(
    private readonly read: ReadWorkflow,
    private readonly actions: ActionCatalog | undefined,
    private readonly localActions: LocalActionOutputs | undefined,
  ) {
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
    const dependencies = rootCast === undefined ? this.typedDependencies(id, value, plan, names, declared) : undefined;
    this.job = { id, ...(dependencies ?? {}) };
    const steps = rootCast === undefined ? this.stepsPlan(value, path, plan, name) : undefined;
    if (steps) this.job.steps = steps;
    if (dependencies && !this.readsDependencies(value, path)) this.job = { id, ...(steps ? { steps } : {}) };
    const using = this.job.matrix !== undefined || this.job.needs !== undefined;
    let hoisted: string | undefined;
    const spec = this.objectCode(value, path, rootCast === undefined ? plan : new Map(), (key, entry) => {
      if (using && (key === "needs" || key === "strategy")) return { value: { kind: "text", text: "" }, omit: true };
      if (key === "needs") {
        const found = this.looselyTyped.length;
        const value = this.needsCode(entry, [...path, "needs"], names, declared);
        // a cast of the whole `needs` gets its note above the entry; casts of items carry their own
        const whole = this.looselyTyped.slice(found).find((loose) => loose.path.length === path.length + 1);
        return { value, notes: whole ? [`${CAST_NOTE} ${whole.reason}`] : [] };
      }
      if (key === "steps" && Array.isArray(entry)) {
        const code = this.stepsCode(entry, [...path, "steps"]);
        const constant = this.job?.steps?.hoisted;
        if (constant === undefined) return { value: code };
        // the job's outputs read the steps through the constant they are declared in
        const head = `const ${constant} = `;
        hoisted = `${head}${printCode(code, "", head.length)};`;
        return { value: { kind: "text", text: constant } };
      }
      return undefined;
    });
    if (rootCast === undefined && "uses" in value === false && isJsonObject(value.outputs) && ![...plan.keys()].some((key) => key === "outputs" || key.startsWith(`outputs\u0000`))) {
      this.jobOutputs.set(id, Object.keys(value.outputs));
    }
    let call: Code = { kind: "call", callee: "job", args: [rootCast === undefined ? spec : { kind: "cast", value: spec }, ...this.suppressOption(path)] };
    if (using) call = this.jobUsingCall(value, path, spec, plan, names);
    this.job = undefined;
    const head = `const ${name} = `;
    return [...(hoisted === undefined ? [] : [hoisted, ""]), ...commentLines("", above), `${head}${printCode(call, "", head.length)};`].join("\n");
  }

  /**
   * How the job's steps are written as a jobSteps() chain, so that steps read the outputs of the
   * steps before them typed, and the job's `outputs` those of all of them; undefined when nothing
   * would read them typed or a chain cannot write the steps as they are (an id used twice, a step
   * that is not a mapping, the whole list cast).
   */
  private stepsPlan(job: JsonObject, path: WorkflowPath, plan: CastPlan, jobName: string): JobStepsPlan | undefined {
    const steps = job.steps;
    if (!Array.isArray(steps) || steps.length === 0 || plan.has(castKey(["steps"]))) return undefined;
    // comments after the last step would end the chain's line, and its comma with it
    if (this.commentsAt([...path, "steps"]).end.length) return undefined;
    const before: KnownShape[] = [];
    const known: Record<string, KnownShape> = {};
    const outputs = new Map<number, string[]>();
    const ids = new Set<string>();
    for (const [index, step] of steps.entries()) {
      before.push({ ...known });
      if (!isJsonObject(step)) return undefined;
      const id = step.id;
      if (typeof id !== "string") continue;
      // a repeated id is a type error at the step that repeats it
      if (ids.has(id)) return undefined;
      ids.add(id);
      const stepPlan = planCasts(step, STEP_SPEC, "exact");
      // a cast step, or a cast id, has no literal id in its type
      if (stepPlan.has(castKey([])) || stepPlan.has(castKey(["id"])) || id === "__proto__") continue;
      const names = knownStepOutputs(step, this.actions, this.commentsAt([...path, "steps", index, "uses"]).trailing, this.localActions);
      if (names?.length) outputs.set(index, names);
      known[id] = { outputs: Object.fromEntries((names ?? []).map((output) => [output, "value"])), outcome: "value", conclusion: "value" };
    }
    if (Object.keys(known).length === 0) return undefined;
    // which strings would read steps typed, with every step a reader and the outputs reading the chain
    const candidate: JobStepsPlan = { before, all: known, outputs, readers: new Set(steps.keys()), hoisted: "built" };
    this.job!.steps = candidate;
    const readers = new Set<number>();
    let stepsReadDependencies = false;
    steps.forEach((step, index) => {
      const reads = this.contextsRead(step, [...path, "steps", index]);
      if (reads.has("steps")) readers.add(index);
      if (reads.has("matrix") || reads.has("needs")) stepsReadDependencies = true;
    });
    // a constant declared before the job cannot read the job's matrix or needs
    const readAfter = (key: string) => job[key] !== undefined && this.contextsRead(job[key]!, [...path, key]).has("steps");
    const hoist = !stepsReadDependencies && (readAfter("outputs") || readAfter("environment"));
    this.job!.steps = undefined;
    if (readers.size === 0 && !hoist) return undefined;
    return { before, all: known, outputs, readers, ...(hoist ? { hoisted: constantName(`${jobName}-steps`, this.usedNames) } : {}) };
  }

  /** The typed contexts the strings of `value` (at `at`) would read. */
  contextsRead(value: Json, at: WorkflowPath): Set<TypedContextName> {
    const found = new Set<TypedContextName>();
    const visit = (item: Json, place: WorkflowPath): void => {
      if (typeof item === "string") for (const name of this.typedAt(item, place)?.contexts ?? []) found.add(name);
      else if (Array.isArray(item)) item.forEach((entry, index) => visit(entry, [...place, index]));
      else if (isJsonObject(item)) for (const [key, entry] of Object.entries(item)) visit(entry, [...place, key]);
    };
    visit(value, at);
    return found;
  }

  // The typed form of the string at `at`, when it has one there.
  private typedAt(text: string, at: WorkflowPath): TypedString | undefined {
    const place = this.scopeAt(at);
    return place && typedString(text, place.scope, place.options);
  }

  /**
   * What a job can read typed when written with job.using: its matrix, from a literal with no cast
   * in it, and the outputs of the jobs it needs, when each is declared before it with its outputs
   * typed. Undefined when job.using cannot write the job as it is (a lone `needs`, a cast).
   */
  private typedDependencies(id: string, job: JsonObject, plan: CastPlan, names: Map<string, string>, declared: Set<string>): { matrix?: KnownShape; needs?: KnownShape } | undefined {
    if ("uses" in job) return undefined;
    const castUnder = (key: string) => [...plan.keys()].some((place) => place === key || place.startsWith(`${key}\u0000`));
    const result: { matrix?: KnownShape; needs?: KnownShape } = {};
    if (job.needs !== undefined) {
      // job.using writes `needs` as a list, in the order of its keys: integer-like ids would move
      if (!Array.isArray(job.needs) || job.needs.length === 0 || castUnder("needs")) return undefined;
      const needs: Record<string, KnownShape> = {};
      for (const need of job.needs) {
        if (typeof need !== "string" || !declared.has(need) || need === id || /^\d+$/.test(need) || Object.hasOwn(needs, need) || !names.has(need)) return undefined;
        const outputs = this.jobOutputs.get(need) ?? [];
        needs[need] = { outputs: Object.fromEntries(outputs.map((output) => [output, "value"])), result: "value" };
      }
      result.needs = needs;
    }
    if (job.strategy !== undefined) {
      if (!isJsonObject(job.strategy) || castUnder("strategy")) return undefined;
      const matrix = matrixShape(job.strategy.matrix);
      if (matrix === undefined) return undefined;
      result.matrix = matrix;
    }
    return result;
  }

  // Whether some string of the job would read `matrix` or `needs` typed.
  private readsDependencies(job: JsonObject, path: WorkflowPath): boolean {
    const visit = (value: Json, at: WorkflowPath): boolean => {
      if (typeof value === "string") {
        const typed = this.typedAt(value, at);
        return typed !== undefined && (typed.contexts.has("matrix") || typed.contexts.has("needs"));
      }
      if (Array.isArray(value)) return value.some((item, index) => visit(item, [...at, index]));
      if (isJsonObject(value)) return Object.entries(value).some(([key, item]) => visit(item, [...at, key]));
      return false;
    };
    return Object.entries(job).some(([key, value]) => key !== "needs" && key !== "strategy" && visit(value, [...path, key]));
  }

  // job.using({ needs: { build }, strategy }, ({ needs, matrix }) => ({ … })): the job written with its dependencies apart.
  private jobUsingCall(job: JsonObject, path: WorkflowPath, spec: Code, plan: CastPlan, names: Map<string, string>): Code {
    const dependencies: CodeEntry[] = [];
    const params: string[] = [];
    if (this.job?.needs !== undefined) {
      const entries: CodeEntry[] = (job.needs as string[]).map((need) => ({ key: propertyKey(need), value: { kind: "text", text: names.get(need)! }, shorthand: names.get(need) === propertyKey(need), before: [] }));
      const comments = this.commentsAt([...path, "needs"]);
      dependencies.push({ key: "needs", value: { kind: "object", entries, end: [] }, before: comments.before, trailing: comments.trailing });
      params.push("needs");
    }
    if (this.job?.matrix !== undefined) {
      const comments = this.commentsAt([...path, "strategy"]);
      dependencies.push({ key: "strategy", value: this.valueCode(job.strategy!, [...path, "strategy"], plan, path.length), before: comments.before, trailing: comments.trailing });
      params.push("matrix");
    } else if (job.strategy !== undefined) {
      const comments = this.commentsAt([...path, "strategy"]);
      dependencies.push({ key: "strategy", value: this.valueCode(job.strategy, [...path, "strategy"], plan, path.length), before: comments.before, trailing: comments.trailing });
    }
    if (spec.kind === "object") spec.entries = spec.entries.filter((entry) => entry.key !== "needs" && entry.key !== "strategy");
    this.imports.add("job");
    const body: Code = { kind: "arrow", params: `({ ${params.join(", ")} })`, body: spec };
    return { kind: "call", callee: "job.using", args: [{ kind: "object", entries: dependencies, end: [] }, body, ...this.suppressOption(path)] };
  }

  /**
   * The typed contexts GitHub allows at `path` (the workflow definition's list for that key) that
   * the importer writes typed, with what is known of each, and the special functions allowed there;
   * undefined where it writes none.
   */
  scopeAt(path: WorkflowPath): TypedPlace | undefined {
    if (path[0] !== "jobs") return this.workflowScopeAt(path);
    const job = this.job;
    if (job === undefined || path[1] !== job.id) return undefined;
    const shapes: Record<TypedContextName, KnownShape | undefined> = {
      github: GITHUB_SHAPE, runner: RUNNER_SHAPE, inputs: this.inputs, matrix: job.matrix, needs: job.needs, strategy: STRATEGY_SHAPE, job: JOB_SHAPE, steps: undefined,
    };
    const known = (names: TypedContextName[], functions: ReadonlySet<SpecialFunction>, steps?: { shape: KnownShape; name?: string }): TypedPlace => {
      const scope: TypedScope = {};
      for (const name of names) if (shapes[name] !== undefined) scope[name] = shapes[name];
      if (steps) scope.steps = steps.shape;
      return { scope, options: { functions, ...(steps?.name ? { names: { steps: steps.name } } : {}) } };
    };
    const [, , key, index, stepKey, entry] = path;
    const stepContexts: TypedContextName[] = ["github", "runner", "inputs", "matrix", "needs", "strategy", "job"];
    if (key === "steps" && typeof index === "number") {
      // a step added as a function of the earlier steps' context reads them
      const steps = job.steps?.readers.has(index) ? { shape: job.steps.before[index]! } : undefined;
      if (path.length === 5 && typeof stepKey === "string" && STEP_TEXT_KEYS.has(stepKey)) return known(stepContexts, stepKey === "if" ? STEP_IF_FUNCTIONS : STEP_FUNCTIONS, steps);
      if (path.length === 6 && (stepKey === "with" || stepKey === "env") && typeof entry === "string") return known(stepContexts, STEP_FUNCTIONS, steps);
      return undefined;
    }
    if (path.length === 3 && typeof key === "string" && JOB_TEXT_KEYS.has(key)) return known(["github", "inputs", "matrix", "needs", "strategy"], NO_FUNCTIONS);
    if (path.length === 4 && key === "env") return known(["github", "inputs", "matrix", "needs", "strategy"], NO_FUNCTIONS);
    // the job's outputs and its environment's url are evaluated after its steps
    if ((path.length === 4 && key === "outputs") || (path.length === 4 && key === "environment" && index === "url")) {
      const hoisted = job.steps?.hoisted;
      return known(["github", "runner", "inputs", "matrix", "needs", "strategy", "job"], NO_FUNCTIONS, hoisted === undefined ? undefined : { shape: job.steps!.all, name: `${hoisted}.steps` });
    }
    if (path.length === 3 && key === "if") return known(["github", "inputs", "needs"], JOB_IF_FUNCTIONS);
    // a job's concurrency and environment name are evaluated with its matrix, before its steps
    const [, , , field, inner] = path;
    const beforeSteps: TypedContextName[] = ["github", "inputs", "matrix", "needs", "strategy"];
    if ((key === "concurrency" || key === "environment") && (path.length === 3 || (path.length === 4 && (field === "group" || field === "cancel-in-progress" || field === "name")))) return known(beforeSteps, NO_FUNCTIONS);
    if (key === "defaults" && field === "run" && path.length === 5 && (inner === "shell" || inner === "working-directory")) return known(beforeSteps, NO_FUNCTIONS);
    return undefined;
  }

  // The typed contexts at a workflow-level key: `github` and `inputs` only (GitHub's definition).
  private workflowScopeAt(path: WorkflowPath): TypedPlace | undefined {
    const [key, field] = path;
    const place = (): TypedPlace => ({ scope: { github: GITHUB_SHAPE, ...(this.inputs ? { inputs: this.inputs } : {}) }, options: { functions: NO_FUNCTIONS } });
    if (path.length === 1 && (key === "run-name" || key === "concurrency")) return place();
    if (path.length === 2 && (key === "env" || (key === "concurrency" && (field === "group" || field === "cancel-in-progress")))) return place();
    return undefined;
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

  /**
   * Each step mapping as `step({ … })`, in a jobSteps() chain when the job's plan has one; anything
   * else kept as written, cast.
   */
  stepsCode(steps: Json[], path: WorkflowPath): Code {
    const chain = this.job?.steps;
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
      const call: Code = { kind: "call", callee: "step", args: [rootCast === undefined ? spec : { kind: "cast", value: spec }, ...this.stepOptions(itemPath, chain?.outputs.get(index))] };
      // a step that reads the earlier steps is added as a function of their context
      const value: Code = chain?.readers.has(index) ? { kind: "arrow", params: "({ steps })", body: call } : call;
      return { value, before, trailing: comments.trailing };
    });
    if (chain === undefined) return { kind: "array", items, end: this.commentsAt(path).end };
    this.imports.add("jobSteps");
    return { kind: "chain", head: "jobSteps()", method: "add", links: items };
  }

  // `{ outputs: [...], suppress: [...] }` for a step, when it has either.
  private stepOptions(path: WorkflowPath, outputs: string[] | undefined): Code[] {
    const [suppress] = this.suppressOption(path);
    if (!outputs?.length) return suppress ? [suppress] : [];
    const list: Code = { kind: "array", items: outputs.map((output) => ({ value: { kind: "text", text: JSON.stringify(output) }, before: [] })), end: [] };
    const entries: CodeEntry[] = [{ key: "outputs", value: list, before: [] }, ...(suppress?.kind === "object" ? suppress.entries : [])];
    return [{ kind: "object", entries, end: [] }];
  }

  /**
   * An object literal for a mapping at `path`. `plan` holds casts keyed by path relative to the
   * checked root, which starts `rootDepth` entries into `path`.
   */
  objectCode(value: JsonObject, path: WorkflowPath, plan: CastPlan, override?: EntryOverride, rootDepth = path.length): Code {
    const entries: CodeEntry[] = [];
    for (const [key, entryValue] of Object.entries(value)) {
      const entryPath = [...path, key];
      const replaced = override?.(key, entryValue);
      if (replaced?.omit) continue;
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
      entries.push({ key: propertyKey(key), value: code, shorthand: replaced?.shorthand, before, trailing: comments.trailing });
    }
    return { kind: "object", entries, end: this.commentsAt(path).end };
  }

  /** Any value at `path`: literals, or literals of objects and arrays with their casts and comments. */
  valueCode(value: Json, path: WorkflowPath, plan: CastPlan, rootDepth: number): Code {
    if (value === null) return { kind: "text", text: "null" };
    if (typeof value === "string") {
      const typed = this.typedAt(value, path);
      if (!typed) return { kind: "text", text: stringLiteral(value) };
      this.typedExpressions += typed.expressions;
      if (typed.contexts.has("steps")) this.typedStepOutputs += typed.stepOutputs;
      if (typed.template) this.imports.add("expr");
      for (const name of typed.contexts) if (IMPORTED_CONTEXTS[name] !== undefined) this.imports.add(IMPORTED_CONTEXTS[name]);
      for (const name of typed.functions) this.imports.add(name);
      if (typed.contexts.has("inputs")) this.imports.add("inputsOf");
      return { kind: "text", text: typed.code };
    }
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
