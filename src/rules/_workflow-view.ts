// A read-only view of a normalized workflow for rules: jobs, steps, needs and triggers in the
// forms GitHub accepts, and every expression found in a job, computed once and shared by all rules.
// Any JSON can arrive here (lint reads hand-written YAML that may be malformed), so every read is
// checked; a rule never sees a value of the wrong kind.
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { type ExpressionFacts, type Reference, expressionFacts, findExpressions } from "./_expressions.js";

/** A string of the workflow that holds expressions, and what they read. */
export interface ExpressionUse {
  path: WorkflowPath;
  /** The whole string, as written. */
  text: string;
  /** An `if:` value: an expression even without `${{ }}`. */
  isCondition: boolean;
  /** The text of each expression, without `${{ }}` (for a condition without them, the whole value). */
  bodies: readonly string[];
  expressions: readonly ExpressionFacts[];
}

/** One entry of a job's `needs`. */
export interface NeedsEntry {
  id: string;
  path: WorkflowPath;
}

/** One step of a job. */
export interface StepView {
  index: number;
  path: WorkflowPath;
  raw: JsonObject;
  /** The `id:`, when it is a string. */
  id: string | undefined;
  uses: string | undefined;
  run: string | undefined;
  /** The expressions in this step's values, `if:` included. */
  readonly expressions: readonly ExpressionUse[];
  /** A fact about this step, worked out by `compute` once per view (see {@link Remembering}). */
  remember: Remembering["remember"];
}

/**
 * What several rules ask about the same job or step (its action in the catalog, its runner labels)
 * is kept on the view itself: a module-level WeakMap keyed by views cost the garbage collector more
 * than the work it saved, with tens of thousands of short-lived views in a lint run.
 */
export interface Remembering {
  /** The value `compute` gives, computed on the first call with this `key` (a module's own constant). */
  remember<T>(key: object, compute: () => T): T;
}

/** One job of the workflow. */
export interface JobView {
  id: string;
  path: WorkflowPath;
  raw: JsonObject;
  /** The `name:` when it is a string, else the id: the name a check run gets. */
  name: string;
  needs: readonly NeedsEntry[];
  steps: readonly StepView[];
  /** The `if:` as a string (`true` and `false` are given as text), or undefined. */
  condition?: string;
  /** A job that calls a reusable workflow (`uses:`) instead of running steps. */
  isCall: boolean;
  /** Step ids (lowercased) and the index of the first step with each. */
  stepIndexById: ReadonlyMap<string, number>;
  /** Every expression in the job, inside steps or not. */
  readonly expressions: readonly ExpressionUse[];
  /** The expressions of the job's `if:`, empty when it has none. */
  readonly conditionFacts: readonly ExpressionFacts[];
  /** A fact about this job, worked out by `compute` once per view (see {@link Remembering}). */
  remember: Remembering["remember"];
}

/** A trigger (`on:` entry) and where it is written. */
export interface TriggerView {
  name: string;
  /** The event's filters and types; undefined for `on: push` or `push:` with no value. */
  config?: JsonObject;
  path: WorkflowPath;
}

/** The workflow as rules see it. */
export interface WorkflowView {
  raw: JsonObject;
  jobs: readonly JobView[];
  /** A job by id, case-insensitively (GitHub compares job ids that way). */
  job(id: string): JobView | undefined;
  triggers: ReadonlyMap<string, TriggerView>;
  /** The expressions in the workflow's own keys (`run-name`, `env`, `concurrency`…), not in `on` or `jobs`. */
  readonly expressions: readonly ExpressionUse[];
}

/** Whether a JSON value is an object (not null, not a list). */
export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value under `key` when it is an object. */
export function objectAt(value: JsonObject | undefined, key: string): JsonObject | undefined {
  const found = value?.[key];
  return isObject(found) ? found : undefined;
}

/** The value under `key` when it is a string. */
export function stringAt(value: JsonObject | undefined, key: string): string | undefined {
  const found = value?.[key];
  return typeof found === "string" ? found : undefined;
}

/** Builds the view of a workflow model; undefined when the model is not a mapping. */
export function viewWorkflow(model: unknown): WorkflowView | undefined {
  if (!isObject(model as Json)) return undefined;
  return new WorkflowViewOf(model as JsonObject);
}

// Classes, not object literals with getters: a literal's getters are new closures for every
// workflow, job and step viewed, which lint builds by the ten thousand.
class WorkflowViewOf implements WorkflowView {
  readonly raw: JsonObject;
  readonly jobs: readonly JobView[];
  readonly triggers: ReadonlyMap<string, TriggerView>;
  readonly #byId: ReadonlyMap<string, JobView>;
  #expressions: ExpressionUse[] | undefined;

  constructor(raw: JsonObject) {
    this.raw = raw;
    const jobsObject = objectAt(raw, "jobs") ?? {};
    const jobs: JobView[] = [];
    for (const id of Object.keys(jobsObject)) {
      const job = jobsObject[id]!;
      if (isObject(job)) jobs.push(new JobViewOf(id, job));
    }
    this.jobs = jobs;
    this.#byId = new Map(jobs.map((job) => [job.id.toLowerCase(), job]));
    this.triggers = viewTriggers(raw["on"]);
  }

  job(id: string): JobView | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  get expressions(): readonly ExpressionUse[] {
    this.#expressions ??= Object.entries(this.raw).flatMap(([key, value]) => (key === "jobs" || key === "on" ? [] : expressionsIn(value, [key])));
    return this.#expressions;
  }
}

function viewTriggers(on: Json | undefined): Map<string, TriggerView> {
  const triggers = new Map<string, TriggerView>();
  if (typeof on === "string") triggers.set(on, { name: on, path: ["on"] });
  else if (Array.isArray(on)) {
    on.forEach((name, index) => {
      if (typeof name === "string") triggers.set(name, { name, path: ["on", index] });
    });
  } else if (isObject(on)) {
    for (const [name, config] of Object.entries(on)) {
      triggers.set(name, { name, path: ["on", name], ...(isObject(config) ? { config } : {}) });
    }
  }
  return triggers;
}

class JobViewOf implements JobView {
  readonly id: string;
  readonly path: WorkflowPath;
  readonly raw: JsonObject;
  readonly name: string;
  readonly needs: readonly NeedsEntry[];
  readonly steps: readonly StepView[];
  readonly condition: string | undefined;
  readonly isCall: boolean;
  readonly stepIndexById: ReadonlyMap<string, number>;
  #expressions: ExpressionUse[] | undefined;
  #conditionFacts: ExpressionFacts[] | undefined;
  #remembered: Map<object, unknown> | undefined;

  remember<T>(key: object, compute: () => T): T {
    return remembered((this.#remembered ??= new Map()), key, compute);
  }

  constructor(id: string, raw: JsonObject) {
    const path = ["jobs", id];
    this.id = id;
    this.path = path;
    this.raw = raw;
    this.name = stringAt(raw, "name") ?? id;
    const rawNeeds = raw["needs"];
    const needs: NeedsEntry[] = [];
    if (typeof rawNeeds === "string") needs.push({ id: rawNeeds, path: [...path, "needs"] });
    else if (Array.isArray(rawNeeds)) {
      rawNeeds.forEach((need, index) => {
        if (typeof need === "string") needs.push({ id: need, path: [...path, "needs", index] });
      });
    }
    this.needs = needs;
    const rawSteps = raw["steps"];
    const steps: StepView[] = [];
    if (Array.isArray(rawSteps)) {
      for (let index = 0; index < rawSteps.length; index++) {
        const step = rawSteps[index]!;
        if (isObject(step)) steps.push(new StepViewOf(step, index, ["jobs", id, "steps", index]));
      }
    }
    this.steps = steps;
    const condition = raw["if"];
    this.condition = typeof condition === "string" || typeof condition === "boolean" ? String(condition) : undefined;
    this.isCall = typeof raw["uses"] === "string";
    const stepIndexById = new Map<string, number>();
    for (const step of steps) if (step.id !== undefined && !stepIndexById.has(step.id.toLowerCase())) stepIndexById.set(step.id.toLowerCase(), step.index);
    this.stepIndexById = stepIndexById;
  }

  get expressions(): readonly ExpressionUse[] {
    if (!this.#expressions) {
      const expressions: ExpressionUse[] = [];
      const stack: (string | number)[] = [...this.path];
      for (const key of Object.keys(this.raw)) {
        if (key === "steps") {
          for (const step of this.steps) for (const use of step.expressions) expressions.push(use);
          continue;
        }
        stack.push(key);
        collectExpressions(this.raw[key]!, stack, key === "if", expressions);
        stack.pop();
      }
      this.#expressions = expressions;
    }
    return this.#expressions;
  }

  get conditionFacts(): readonly ExpressionFacts[] {
    const condition = this.raw["if"];
    this.#conditionFacts ??= typeof condition === "string" ? conditionExpressions(condition).map(expressionFacts) : [];
    return this.#conditionFacts;
  }
}

class StepViewOf implements StepView {
  readonly index: number;
  readonly path: WorkflowPath;
  readonly raw: JsonObject;
  readonly id: string | undefined;
  readonly uses: string | undefined;
  readonly run: string | undefined;
  #expressions: ExpressionUse[] | undefined;
  #remembered: Map<object, unknown> | undefined;

  remember<T>(key: object, compute: () => T): T {
    return remembered((this.#remembered ??= new Map()), key, compute);
  }

  constructor(raw: JsonObject, index: number, path: WorkflowPath) {
    this.index = index;
    this.path = path;
    this.raw = raw;
    this.id = stringAt(raw, "id");
    this.uses = stringAt(raw, "uses");
    this.run = stringAt(raw, "run");
  }

  get expressions(): readonly ExpressionUse[] {
    if (!this.#expressions) {
      const expressions: ExpressionUse[] = [];
      const stack: (string | number)[] = [...this.path];
      for (const key of Object.keys(this.raw)) {
        stack.push(key);
        collectExpressions(this.raw[key]!, stack, key === "if", expressions);
        stack.pop();
      }
      this.#expressions = expressions;
    }
    return this.#expressions;
  }
}

function remembered<T>(store: Map<object, unknown>, key: object, compute: () => T): T {
  if (store.has(key)) return store.get(key) as T;
  const value = compute();
  store.set(key, value);
  return value;
}

/** The expression texts of an `if:` value: the whole value when it has no `${{ }}`. */
export function conditionExpressions(condition: string): string[] {
  const embedded = findExpressions(condition);
  if (embedded.length > 0) return embedded.map((expression) => expression.body);
  return condition.trim() === "" ? [] : [condition];
}

// `path` is a stack shared by the whole walk and copied only for a string that holds expressions:
// most values hold none, and a path per value was the walk's main cost.
function collectExpressions(value: Json, path: WorkflowPath, isCondition: boolean, into: ExpressionUse[]): void {
  if (typeof value === "string") {
    const bodies = isCondition ? conditionExpressions(value) : value.includes("${{") ? findExpressions(value).map((expression) => expression.body) : [];
    if (bodies.length > 0) into.push({ path: [...path], text: value, isCondition, bodies, expressions: bodies.map(expressionFacts) });
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectExpressions(value[index]!, path, false, into);
      path.pop();
    }
  } else if (isObject(value)) {
    for (const key in value) {
      path.push(key);
      collectExpressions(value[key]!, path, false, into);
      path.pop();
    }
  }
}

/** Every expression in a value outside jobs (workflow `env`, `run-name`, `concurrency`, …). */
export function expressionsIn(value: Json, path: WorkflowPath): ExpressionUse[] {
  const found: ExpressionUse[] = [];
  collectExpressions(value, [...path], false, found);
  return found;
}

/** A read of `<root>.<name>` the workflow does not declare: where it is, what it says, the name lowercased. */
export interface UndeclaredRead {
  use: ExpressionUse;
  reference: Reference;
  name: string;
}

/**
 * Every read of `<root>.<name>` (`inputs.x`, `secrets.x`) in the workflow's expressions whose name,
 * lowercased, is not a key of `declared`; each name once per value it is read in.
 */
export function undeclaredReads(workflow: WorkflowView, root: string, declared: ReadonlyMap<string, string>): UndeclaredRead[] {
  const found: UndeclaredRead[] = [];
  const look = (use: ExpressionUse) => {
    let seen: Set<string> | undefined;
    for (const expression of use.expressions) {
      for (const reference of expression.references) {
        const [name] = reference.segments;
        if (reference.root !== root || typeof name !== "string" || name === "*" || declared.has(name) || seen?.has(name)) continue;
        (seen ??= new Set()).add(name);
        found.push({ use, reference, name });
      }
    }
  };
  for (const use of workflow.expressions) look(use);
  for (const job of workflow.jobs) for (const use of job.expressions) look(use);
  return found;
}
