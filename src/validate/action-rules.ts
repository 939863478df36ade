// The rules that check steps, run over a composite action's steps. The rules walk workflows, so the
// steps are put in a workflow of one job, called with the action's inputs (so `inputs.<name>` is
// checked against them); only findings inside the steps are kept, at their action.yml path.
import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import type { JsonObject } from "../model/json.js";
import { pathKey } from "../normalize/to-json.js";
import type { RuleRunner, Suppressions } from "./run-rules.js";

// The stand-in job's id; never shown: every finding's path is mapped back to the action's.
const JOB = "composite-action";

/** What {@link runRulesOnAction} checks: one action's metadata and where it is written. */
export interface ActionRuleInput {
  model: JsonObject;
  /** The action.yml path, for `Diagnostic.file` and path ignores. */
  file: string;
  /** Rule ids suppressed on its steps, keyed by `pathKey(["runs", "steps", index])`. */
  suppressions?: Suppressions;
  /** The comment the emitter writes after a value, by its action.yml path. */
  comments?: (path: WorkflowPath) => string | undefined;
}

/** Runs the step rules over a composite action's steps; a JavaScript or Docker action has none to check. */
export function runRulesOnAction(runRules: RuleRunner, input: ActionRuleInput): Diagnostic[] {
  const runs = input.model["runs"];
  const steps = typeof runs === "object" && runs !== null && !Array.isArray(runs) ? runs["steps"] : undefined;
  if (!Array.isArray(steps)) return [];
  const declared = input.model["inputs"];
  const inputs = Object.fromEntries(Object.keys(typeof declared === "object" && declared !== null && !Array.isArray(declared) ? declared : {}).map((name) => [name, { type: "string" }]));
  const model = { on: { workflow_call: { inputs } }, jobs: { [JOB]: { "runs-on": "ubuntu-latest", steps } } };
  const suppressions = new Map([...(input.suppressions ?? [])].map(([key, ids]) => [pathKey(toWorkflowPath(key.split("\u0000").map((part) => (/^\d+$/.test(part) ? Number(part) : part)))), ids]));
  const found = runRules({
    model,
    file: input.file,
    suppressions,
    ...(input.comments ? { comments: (path: WorkflowPath) => (isStepPath(path) ? input.comments!(toActionPath(path)) : undefined) } : {}),
  });
  return found.filter((diagnostic) => diagnostic.path && isStepPath(diagnostic.path)).map((diagnostic) => ({ ...diagnostic, path: toActionPath(diagnostic.path!) }));
}

function isStepPath(path: WorkflowPath): boolean {
  return path[0] === "jobs" && path[1] === JOB && path[2] === "steps" && path.length > 3;
}

function toActionPath(path: WorkflowPath): WorkflowPath {
  return ["runs", "steps", ...path.slice(3)];
}

function toWorkflowPath(path: WorkflowPath): WorkflowPath {
  return path[0] === "runs" && path[1] === "steps" ? ["jobs", JOB, "steps", ...path.slice(2)] : path;
}
