// Steps inside a step: `parallel:` holds a list of steps that run side by side, each with its own
// `run`, `uses`, `with` and `env`. Rules that read a step's script or action look at these too.
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { JsonObject } from "../model/json.js";
import type { StepView } from "./_workflow-view.js";
import { isObject } from "./_workflow-view.js";

/** A step as written, top-level or inside `parallel:`, and where it is. */
export interface StepAt {
  raw: JsonObject;
  path: WorkflowPath;
}

/** The step itself and every step nested in its `parallel:` lists, depth first. */
export function stepsWithin(step: StepView): StepAt[] {
  // most steps have no `parallel:`: no walk for them
  if (!Array.isArray(step.raw["parallel"])) return [{ raw: step.raw, path: step.path }];
  const found: StepAt[] = [];
  const walk = (raw: JsonObject, path: WorkflowPath) => {
    found.push({ raw, path });
    const parallel = raw["parallel"];
    if (!Array.isArray(parallel)) return;
    parallel.forEach((inner, index) => {
      if (isObject(inner)) walk(inner, [...path, "parallel", index]);
    });
  };
  walk(step.raw, step.path);
  return found;
}

/** The key right under `step` that `path` goes through, when `path` is inside `step` (and not in a nested step). */
export function keyUnder(step: StepAt, path: WorkflowPath): string | undefined {
  if (path.length <= step.path.length || !step.path.every((segment, index) => path[index] === segment)) return undefined;
  const key = path[step.path.length];
  if (key === "parallel") return undefined;
  return typeof key === "string" ? key : undefined;
}
