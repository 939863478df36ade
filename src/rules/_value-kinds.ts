// What a value in an expression can be at run time, as far as the workflow says: the kind of a
// `github` property, of a declared input, of a job's matrix values. Shared by the rules that judge
// comparisons and indexes. Kinds: https://docs.github.com/actions/reference/workflows-and-actions/expressions#literals
import type { Json } from "../model/json.js";
import type { Reference } from "./_expressions.js";
import { GITHUB_PROPERTIES, isObjectReference } from "./_github-context.js";
import { matrixValues } from "./_matrix.js";
import type { ExpressionScope } from "./_define-rule.js";
import { type JobView, type WorkflowView, isObject, objectAt } from "./_workflow-view.js";

/** What a value can be. A list is an "object" too: GitHub compares and converts both alike. */
export type Kind = "string" | "number" | "boolean" | "null" | "object";

/** The kinds a reference can have where it is read; undefined when not known. */
export type KindsOf = (reference: Reference) => readonly Kind[] | undefined;

/** The kinds of references where an expression is written: the workflow's inputs, the job's matrix. */
export function kindsIn(scope: ExpressionScope): KindsOf {
  let inputs: ReadonlyMap<string, Kind[]> | undefined;
  return (reference) => referenceKinds(reference, () => (inputs ??= inputKinds(scope.workflow)), scope.job);
}

/** No declared inputs: for a text read where no workflow is at hand. */
export const NO_INPUTS = (): ReadonlyMap<string, Kind[]> => EMPTY;

const EMPTY: ReadonlyMap<string, Kind[]> = new Map();

/**
 * The kinds `reference` can have: an object for the contexts and payload objects, a `github`
 * property's kind, a declared input's, the job's matrix values'. Undefined when not known.
 */
export function referenceKinds(reference: Reference, inputs: () => ReadonlyMap<string, Kind[]>, job: JobView | undefined): readonly Kind[] | undefined {
  if (isObjectReference(reference)) return ["object"];
  const { root, segments } = reference;
  const [first] = segments;
  if (typeof first !== "string" || first === "*" || segments.some((segment) => segment === null || segment === "*")) return undefined;
  if (root === "github" && segments.length === 1) {
    const kind = GITHUB_PROPERTIES.get(first);
    return kind ? [kind] : undefined;
  }
  if (root === "inputs" && segments.length === 1) return inputs().get(first);
  if (root === "matrix" && job) {
    const values = matrixValues(job, segments);
    return values && [...new Set(values.map(kindOfValue))];
  }
  return undefined;
}

function kindOfValue(value: Json): Kind {
  if (value === null) return "null";
  if (typeof value === "object") return "object";
  return typeof value as "string" | "number" | "boolean";
}

// The kinds each declared input can have, by lowercased name: a boolean input is a boolean in the
// `inputs` context, a number a number, the rest strings. An input declared by both triggers may be both.
function inputKinds(workflow: WorkflowView): Map<string, Kind[]> {
  const kinds = new Map<string, Kind[]>();
  for (const trigger of workflow.triggers.values()) {
    const inputs = objectAt(trigger.config, "inputs");
    if (!inputs) continue;
    for (const [name, input] of Object.entries(inputs)) {
      const type = isObject(input) ? input["type"] : undefined;
      const kind: Kind = type === "boolean" ? "boolean" : type === "number" ? "number" : "string";
      const known = kinds.get(name.toLowerCase()) ?? [];
      if (!known.includes(kind)) known.push(kind);
      kinds.set(name.toLowerCase(), known);
    }
  }
  return kinds;
}
