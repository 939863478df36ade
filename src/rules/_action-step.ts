// The action a step runs and the version to look it up by, shared by the `action-*` rules.
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { JsonObject } from "../model/json.js";
import type { ActionCatalog, ActionSpec } from "./_action-catalog.js";
import { isCommitSha, parseUses } from "./_uses.js";
import { type StepView, isObject } from "./_workflow-view.js";

/** A step's remote action, named for the catalog. */
export interface ActionStep {
  /** `owner/repo[/path]`. */
  action: string;
  /** The tag (`v4`, `v4.1.2`), or for a SHA pin the version in its comment. */
  version: string;
  /** How the version was found, for messages: `@v4` or `# v4.1.2`. */
  versionSource: string;
  /** What `uses:` names after `@`: the tag, or the SHA of a pin. */
  ref: string;
}

/**
 * The action and version of a step: a remote action by tag, or by SHA with its version comment
 * (`@<sha> # v4.1.2`). A bare SHA is its own version (only a lockfile that locks that commit knows
 * it). Local actions, docker images and refs built by expressions give undefined.
 */
export function actionOfStep(step: StepView, comment: (path: WorkflowPath) => string | undefined): ActionStep | undefined {
  const known = step.remember(ACTION, () => ({ comment, used: findAction(step, comment) }));
  return known.comment === comment ? known.used : findAction(step, comment);
}

// Asked by the action-* rules about every step of a run, like `SPEC` below.
const ACTION = {};

function findAction(step: StepView, comment: (path: WorkflowPath) => string | undefined): ActionStep | undefined {
  if (step.uses === undefined) return undefined;
  const target = parseUses(step.uses);
  if (target?.kind !== "remote" || target.ref.includes("${{") || step.uses.includes("${{")) return undefined;
  const action = `${target.owner}/${target.repo}${target.subpath ? `/${target.subpath}` : ""}`;
  const ref = target.ref;
  if (!isCommitSha(ref)) return { action, version: ref, versionSource: `@${ref}`, ref };
  // `# v4.1.2`, `# tag=v4.1.2`, `# v4.1.2 (2024-05-01)`: the first word names the release
  const version = comment([...step.path, "uses"])?.split(/\s+/)[0]?.replace(/^tag[=:]/, "");
  return version ? { action, version, versionSource: `# ${version}`, ref } : { action, version: ref, versionSource: `@${ref.slice(0, 12)}`, ref };
}

/** The spec of a step's action and its `with:` mapping, when the catalog knows the action and `with` is a mapping (or absent). */
export function specOfStep(step: StepView, actions: ActionCatalog, comment: (path: WorkflowPath) => string | undefined): StepSpec | undefined {
  const known = step.remember(SPEC, () => ({ actions, comment, found: findSpec(step, actions, comment) }));
  return known.actions === actions && known.comment === comment ? known.found : findSpec(step, actions, comment);
}

/** A step's action, its spec in the catalog and its `with:` mapping. */
export interface StepSpec {
  used: ActionStep;
  spec: ActionSpec;
  inputs: JsonObject | undefined;
}

// Three action-* rules ask about every step; the answer depends on the step, the catalog and the
// comments alone, so it is worked out once per step of a run.
const SPEC = {};

function findSpec(step: StepView, actions: ActionCatalog, comment: (path: WorkflowPath) => string | undefined): StepSpec | undefined {
  const used = actionOfStep(step, comment);
  const spec = used && actions.spec(used.action, used.version, used.ref);
  if (!used || !spec) return undefined;
  const inputs = step.raw["with"];
  // `with: ${{ fromJSON(…) }}` names its keys only at run time
  if (inputs !== undefined && !isObject(inputs)) return undefined;
  return { used, spec, inputs };
}
