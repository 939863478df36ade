import type { Json, JsonObject } from "../model/json.js";
import { isJsonObject } from "../model/json.js";

/**
 * A conservative description of the TypeScript types the DSL's `workflow()`, `job()` and `step()`
 * accept (they come from src/types/, generated from GitHub's workflow definition). The importer
 * asks it whether a YAML value would typecheck as written; where it would not, the value is written
 * with a narrow cast instead. Saying "does not fit" when TypeScript would accept costs one needless
 * cast; saying "fits" when it would not breaks the build, so every doubt answers "does not fit".
 */
export type TypeShape =
  | { kind: "string" | "number" | "boolean" | "null" | "unknown" }
  | { kind: "literal"; values: readonly (string | number | boolean)[] }
  | { kind: "object"; props: Readonly<Record<string, PropShape>>; rest?: TypeShape }
  | { kind: "array"; item: TypeShape; nonEmpty?: boolean }
  | { kind: "union"; of: readonly TypeShape[] }
  | { kind: "lazy"; get: () => TypeShape };

/** One declared property of an object shape. */
export interface PropShape {
  type: TypeShape;
  required?: boolean;
}

const string: TypeShape = { kind: "string" };
const number: TypeShape = { kind: "number" };
const boolean: TypeShape = { kind: "boolean" };
const nullShape: TypeShape = { kind: "null" };
const unknown: TypeShape = { kind: "unknown" };
const oneOf = (...values: string[]): TypeShape => ({ kind: "literal", values });
const union = (...of: TypeShape[]): TypeShape => ({ kind: "union", of });
const nonEmptyList = (item: TypeShape): TypeShape => ({ kind: "array", item, nonEmpty: true });
const record = (value: TypeShape): TypeShape => ({ kind: "object", props: {}, rest: value });
/** A shape defined in terms of itself; built once, on first use. */
const lazy = (build: () => TypeShape): TypeShape => {
  let built: TypeShape | undefined;
  return { kind: "lazy", get: () => (built ??= build()) };
};
const optional = (type: TypeShape): PropShape => ({ type });
const required = (type: TypeShape): PropShape => ({ type, required: true });
/** An object whose listed keys are typed; other keys are rejected (no index signature). */
const closed = (props: Record<string, PropShape>): TypeShape => ({ kind: "object", props });
/** An object whose listed keys are typed and whose other keys may hold anything. */
const open = (props: Record<string, PropShape>): TypeShape => ({ kind: "object", props, rest: unknown });

const scalar = union(string, number, boolean);
const stringList = nonEmptyList(string);
const expressionOr = (type: TypeShape) => union(type, string);
const envMap = union(record(scalar), string);
const permissionLevel = oneOf("read", "write", "none");
const PERMISSION_SCOPES = [
  "actions", "artifact-metadata", "attestations", "checks", "code-quality", "contents", "deployments", "discussions", "drives",
  "issues", "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses",
];
const permissions = union(
  oneOf("read-all", "write-all"),
  closed({
    ...Object.fromEntries(PERMISSION_SCOPES.map((scope) => [scope, optional(permissionLevel)])),
    "id-token": optional(oneOf("write", "none")), "copilot-requests": optional(oneOf("write", "none")),
    models: optional(oneOf("read", "none")), "vulnerability-alerts": optional(oneOf("read", "none")),
  }),
);
const shell = string;
const defaults = closed({ run: optional(closed({ shell: optional(shell), "working-directory": optional(string) })) });
const concurrency = union(string, closed({ group: required(string), "cancel-in-progress": optional(expressionOr(boolean)), queue: optional(oneOf("single", "max")) }));

// Activity types per event, as the workflow types list them: a typed `types` must be a non-empty
// list of these names (a single string does not typecheck).
const ACTIVITY_TYPES: Record<string, readonly string[]> = {
  branch_protection_rule: ["created", "edited", "deleted"],
  check_run: ["created", "rerequested", "completed", "requested_action"],
  check_suite: ["completed"],
  discussion: ["created", "edited", "deleted", "transferred", "pinned", "unpinned", "labeled", "unlabeled", "locked", "unlocked", "category_changed", "answered", "unanswered"],
  discussion_comment: ["created", "edited", "deleted"],
  issue_comment: ["created", "edited", "deleted"],
  issues: ["opened", "edited", "deleted", "transferred", "pinned", "unpinned", "closed", "reopened", "assigned", "unassigned", "labeled", "unlabeled", "locked", "unlocked", "milestoned", "demilestoned", "field_added", "field_removed", "typed", "untyped"],
  label: ["created", "edited", "deleted"],
  merge_group: ["checks_requested"],
  milestone: ["created", "closed", "opened", "edited", "deleted"],
  project: ["created", "closed", "reopened", "edited", "deleted"],
  project_card: ["created", "moved", "converted", "edited", "deleted"],
  project_column: ["created", "updated", "moved", "deleted"],
  pull_request: ["assigned", "unassigned", "labeled", "unlabeled", "opened", "edited", "closed", "reopened", "synchronize", "converted_to_draft", "ready_for_review", "locked", "unlocked", "milestoned", "demilestoned", "review_requested", "review_request_removed", "auto_merge_enabled", "auto_merge_disabled", "enqueued", "dequeued"],
  pull_request_review: ["submitted", "edited", "dismissed"],
  pull_request_review_comment: ["created", "edited", "deleted"],
  pull_request_target: ["assigned", "unassigned", "labeled", "unlabeled", "opened", "edited", "closed", "reopened", "synchronize", "converted_to_draft", "ready_for_review", "locked", "unlocked", "review_requested", "review_request_removed", "auto_merge_enabled", "auto_merge_disabled"],
  registry_package: ["published", "updated"],
  release: ["published", "unpublished", "created", "edited", "deleted", "prereleased", "released"],
  workflow_run: ["requested", "completed", "in_progress"],
  watch: ["started"],
};
// Events whose definition takes no settings at all: only `null` (`create:` with nothing after it).
const EVENTS_WITHOUT_SETTINGS = ["create", "delete", "deployment", "deployment_status", "fork", "gollum", "page_build", "public", "status"];
/**
 * The event names `on: <name>` and `on: [<names>]` accept: `repository_dispatch` too, since the
 * types are built from the corrected definition (docs/parser-disagreements.md).
 */
const EVENT_NAMES = [...Object.keys(ACTIVITY_TYPES), ...EVENTS_WITHOUT_SETTINGS, "push", "repository_dispatch", "workflow_call", "workflow_dispatch"];

const branchFilters = { branches: optional(stringList), "branches-ignore": optional(stringList) };
const pathFilters = { paths: optional(stringList), "paths-ignore": optional(stringList) };
const tagFilters = { tags: optional(stringList), "tags-ignore": optional(stringList) };
const typesOf = (event: string) => optional(nonEmptyList(oneOf(...ACTIVITY_TYPES[event]!)));

function eventShape(event: string): TypeShape {
  if (event === "push") return union(nullShape, closed({ ...branchFilters, ...tagFilters, ...pathFilters }));
  if (event === "pull_request" || event === "pull_request_target") return union(nullShape, closed({ types: typesOf(event), ...branchFilters, ...pathFilters }));
  if (event === "merge_group") return union(nullShape, closed({ types: typesOf(event), ...branchFilters }));
  if (event === "workflow_run") return union(nullShape, closed({ types: typesOf(event), workflows: optional(stringList), ...branchFilters }));
  if (event === "repository_dispatch") return union(nullShape, closed({ types: optional(stringList) }));
  if (ACTIVITY_TYPES[event]) return union(nullShape, closed({ types: typesOf(event) }));
  return nullShape;
}

const workflowCall = closed({
  inputs: optional(record(closed({ description: optional(string), required: optional(boolean), type: required(oneOf("boolean", "number", "string")), default: optional(scalar) }))),
  outputs: optional(record(closed({ description: optional(string), value: required(string) }))),
  secrets: optional(record(closed({ description: optional(string), required: optional(boolean) }))),
});
const dispatchInput = closed({
  description: optional(string), required: optional(boolean), default: optional(scalar),
  type: optional(oneOf("string", "choice", "boolean", "number", "environment")), options: optional(stringList),
});
const eventMap = closed({
  ...Object.fromEntries([...Object.keys(ACTIVITY_TYPES), ...EVENTS_WITHOUT_SETTINGS, "push", "repository_dispatch"].map((event) => [event, optional(eventShape(event))])),
  workflow_call: optional(workflowCall),
  workflow_dispatch: optional(closed({ inputs: optional(record(dispatchInput)) })),
  schedule: optional(nonEmptyList(closed({ cron: required(string), timezone: optional(string) }))),
});
const on = union(oneOf(...EVENT_NAMES), nonEmptyList(oneOf(...EVENT_NAMES)), eventMap);

// `jobs` and `steps` are left out of these: the importer writes them as job() and step() values,
// which always fit, and checks each job and step on its own.
/** The fields of `workflow(file, spec)` other than `jobs`. */
export const WORKFLOW_SPEC: TypeShape = closed({
  name: optional(string), description: optional(string), "run-name": optional(string), on: required(on), env: optional(envMap), defaults: optional(defaults),
  concurrency: optional(concurrency), permissions: optional(permissions), jobs: required(unknown),
});

const configuration: TypeShape = union(scalar, lazy(() => record(configuration)), lazy(() => ({ kind: "array", item: configuration })));
const matrix = union(record(union(nonEmptyList(configuration), string)), string);
const strategy = closed({ matrix: required(matrix), "fail-fast": optional(expressionOr(boolean)), "max-parallel": optional(expressionOr(number)) });
const credentials = closed({ username: optional(string), password: optional(string) });
const containerFields = {
  image: required(string), credentials: optional(credentials), env: optional(envMap),
  ports: optional(nonEmptyList(union(number, string))), volumes: optional(stringList), options: optional(string),
};
const jobCommon = { name: optional(string), permissions: optional(permissions), if: optional(scalar), concurrency: optional(concurrency), strategy: optional(strategy), needs: optional(unknown) };

/** The fields of `job(spec)` for a job that runs steps (`steps` is checked item by item). */
export const RUNNER_JOB_SPEC: TypeShape = closed({
  ...jobCommon,
  snapshot: optional(union(string, closed({ "image-name": required(string), version: optional(string) }))),
  "runs-on": required(union(string, nonEmptyList(string), closed({ group: optional(string), labels: optional(union(string, { kind: "array", item: string })) }))),
  environment: optional(union(string, closed({ name: required(string), url: optional(string), deployment: optional(expressionOr(boolean)) }))),
  outputs: optional(record(string)),
  env: optional(envMap),
  defaults: optional(defaults),
  steps: required({ kind: "array", item: unknown }),
  "timeout-minutes": optional(expressionOr(number)),
  "continue-on-error": optional(expressionOr(boolean)),
  container: optional(union(string, closed(containerFields))),
  services: optional(record(closed({ ...containerFields, command: optional(string), entrypoint: optional(string) }))),
});

/** The fields of `job(spec)` for a job that calls a reusable workflow. */
export const CALLER_JOB_SPEC: TypeShape = closed({
  ...jobCommon,
  uses: required(string),
  // no expression in place of the whole mapping here: the definition gives these keys no context
  with: optional(record(scalar)),
  secrets: optional(union(record(scalar), oneOf("inherit"))),
});

// The keys every kind of step shares; each kind below is closed, so a step with both `uses` and
// `run` (or any unknown key) fits none and is cast.
const stepCommon = { id: optional(string), name: optional(string), "continue-on-error": optional(expressionOr(boolean)) };
const runnableStep = {
  ...stepCommon, if: optional(scalar), env: optional(envMap), "timeout-minutes": optional(expressionOr(number)), background: optional(boolean),
};

/** The fields of `step(spec)`: one of the kinds of step GitHub's definition lists, each with exactly its keys. */
export const STEP_SPEC: TypeShape = union(
  closed({ ...runnableStep, run: required(string), "working-directory": optional(string), shell: optional(shell) }),
  // `with` also takes an expression string; a string `with` is left to a cast
  closed({ ...runnableStep, uses: required(string), with: optional(record(scalar)) }),
  closed({ ...stepCommon, wait: required(union(string, stringList)) }),
  closed({ ...stepCommon, "wait-all": required(union(boolean, nullShape)) }),
  closed({ ...stepCommon, cancel: required(string) }),
  closed({ parallel: required({ kind: "array", item: lazy(() => STEP_SPEC) }) }),
);

/**
 * How object literals are checked. `workflow()`, `job()` and `step()` take a declared type, so
 * TypeScript rejects unknown keys ("excess properties"); "inferred" is for a generic argument, where
 * unknown keys pass and only the types of known keys are checked.
 */
export type CheckMode = "exact" | "inferred";

/** Where a value must be cast to typecheck, keyed by path inside the checked root, with why. */
export type CastPlan = Map<string, string>;

/** Joins a path inside a checked value into a {@link CastPlan} key. */
export function castKey(path: readonly (string | number)[]): string {
  return path.join("\u0000");
}

/**
 * The narrowest places where a cast makes `value` typecheck against `shape`: a container whose keys
 * are wrong (unknown or missing) is cast whole; otherwise each child that does not fit is planned
 * on its own, so the rest keeps its types.
 */
export function planCasts(value: Json, shape: TypeShape, mode: CheckMode, path: (string | number)[] = [], plan: CastPlan = new Map()): CastPlan {
  const problem = misfit(value, shape, mode);
  if (problem === undefined) return plan;
  const target = pickVariant(value, shape);
  if (target?.kind === "object" && isJsonObject(value) && !hasKeyProblem(value, target, mode)) {
    for (const [key, child] of Object.entries(value)) {
      const childShape = target.props[key]?.type ?? target.rest;
      if (childShape) planCasts(child, childShape, mode, [...path, key], plan);
    }
    return plan;
  }
  if (target?.kind === "array" && Array.isArray(value) && !(target.nonEmpty && value.length === 0)) {
    value.forEach((item, index) => planCasts(item, target.item, mode, [...path, index], plan));
    return plan;
  }
  plan.set(castKey(path), problem);
  return plan;
}

// undefined when the value fits; otherwise a short reason, for the comment beside the cast
function misfit(value: Json, shape: TypeShape, mode: CheckMode): string | undefined {
  switch (shape.kind) {
    case "unknown":
      return undefined;
    case "lazy":
      return misfit(value, shape.get(), mode);
    case "string":
    case "number":
    case "boolean":
      return typeof value === shape.kind ? undefined : `the workflow types expect ${describeShape(shape)} here`;
    case "null":
      return value === null ? undefined : "the workflow types expect null here";
    case "literal":
      return (typeof value === "string" || typeof value === "number" || typeof value === "boolean") && shape.values.includes(value)
        ? undefined
        : `the workflow types expect ${describeShape(shape)} here`;
    case "union": {
      // NOTE: each option is checked once; checking the picked variant again doubles the work at
      // every level of a nested union (deep matrices) and grows exponentially
      const problems = shape.of.map((option) => misfit(value, option, mode));
      if (problems.some((problem) => problem === undefined)) return undefined;
      const variant = pickVariant(value, shape);
      const index = variant ? shape.of.findIndex((option) => option === variant || (option.kind === "lazy" && option.get() === variant)) : -1;
      return index >= 0 ? problems[index] : `the workflow types expect ${describeShape(shape)} here`;
    }
    case "array":
      if (!Array.isArray(value)) return `the workflow types expect ${describeShape(shape)} here`;
      if (shape.nonEmpty && value.length === 0) return "the workflow types do not accept an empty list here";
      for (const item of value) {
        const problem = misfit(item, shape.item, mode);
        if (problem) return problem;
      }
      return undefined;
    case "object": {
      if (!isJsonObject(value)) return `the workflow types expect ${describeShape(shape)} here`;
      const keyProblem = hasKeyProblem(value, shape, mode);
      if (keyProblem) return keyProblem;
      for (const [key, child] of Object.entries(value)) {
        const childShape = shape.props[key]?.type ?? shape.rest;
        const problem = childShape ? misfit(child, childShape, mode) : undefined;
        if (problem) return problem;
      }
      return undefined;
    }
  }
}

function hasKeyProblem(value: JsonObject, shape: Extract<TypeShape, { kind: "object" }>, mode: CheckMode): string | undefined {
  const missing = Object.entries(shape.props).find(([key, prop]) => prop.required && !(key in value));
  if (missing) return `the workflow types require "${missing[0]}"`;
  if (mode === "exact" && !shape.rest) {
    const unknownKey = Object.keys(value).find((key) => !Object.hasOwn(shape.props, key));
    if (unknownKey !== undefined) return `the workflow types have no "${unknownKey}" here`;
  }
  return undefined;
}

// The union member a value was most likely meant as: the one of the same kind (object, list, text).
function pickVariant(value: Json, shape: TypeShape): TypeShape | undefined {
  if (shape.kind === "lazy") return pickVariant(value, shape.get());
  if (shape.kind !== "union") return shape;
  const kind = Array.isArray(value) ? "array" : isJsonObject(value) ? "object" : undefined;
  const candidates = shape.of.map((option) => (option.kind === "lazy" ? option.get() : option)).filter((option) => option.kind === kind);
  if (candidates.length === 1) return candidates[0];
  // several maps (the kinds of step): the one whose required keys the value has, when only one does
  const keyed = candidates.filter((option) => option.kind === "object" && isJsonObject(value) && Object.entries(option.props).every(([key, prop]) => !prop.required || key in value));
  return keyed.length === 1 ? keyed[0] : undefined;
}

function describeShape(shape: TypeShape): string {
  switch (shape.kind) {
    case "literal":
      return shape.values.length === 1 ? JSON.stringify(shape.values[0]) : `one of ${shape.values.slice(0, 4).map((value) => JSON.stringify(value)).join(", ")}${shape.values.length > 4 ? ", …" : ""}`;
    case "array":
      return shape.nonEmpty ? "a non-empty list" : "a list";
    case "object":
      return "a map";
    case "union":
      return [...new Set(shape.of.map(describeShape))].join(" or ");
    case "lazy":
      return describeShape(shape.get());
    case "unknown":
      return "anything";
    default:
      return `a ${shape.kind}`;
  }
}
