import { pinnedAction } from "../actions/pins.js";
import type { Job, StepSpec, Workflow, WorkflowSpec } from "../dsl/types.js";
import { workflow } from "../dsl/workflow.js";

/**
 * A workflow built by a template, carrying the options it was built with (defaults filled in), so
 * documents can be derived from the same values and a variant built with one option changed:
 * `deployOnBranch({ ...deploy.options, branch: "main" })`.
 */
export type TemplateWorkflow<Options> = Workflow & { readonly options: Readonly<Options> };

/** A workflow whose single required check is an always-run gate. */
export type GatedWorkflow<Options> = TemplateWorkflow<Options> & {
  /** The check name a ruleset must require: the gate job's name. */
  readonly requiredCheck: string;
  /** The gate job: what `ruleset()` takes in `required_status_checks`, so the name cannot drift. */
  readonly gate: Job;
  /** The base branches whose pull requests run the workflow. */
  readonly pullRequestBranches: readonly string[];
};

/** Builds a workflow and attaches the resolved options it was built from. */
export function templateWorkflow<Options>(file: string, spec: WorkflowSpec, options: Options): TemplateWorkflow<Options> {
  return Object.assign(workflow(file, spec), { options: Object.freeze({ ...options }) });
}

/**
 * The checkout step every template uses: pinned, and without leaving the token in `.git/config`,
 * where any later step (or a compromised dependency) could read it.
 */
export function checkoutStep(extra: Record<string, string | number | boolean> = {}): StepSpec {
  return { name: "Check out", uses: pinnedAction("actions/checkout"), with: { "persist-credentials": false, ...extra } };
}

// GitHub-hosted labels; anything else (a self-hosted label, or an expression that may resolve to
// one) is treated as self-hosted, so fork pull requests are kept off it.
const HOSTED_LABEL = /^(ubuntu|windows|macos)-[\w.-]+$/;

/** Whether a `runs-on` value is certainly a GitHub-hosted runner. */
export function isHostedRunner(runsOn: string): boolean {
  return HOSTED_LABEL.test(runsOn);
}

/** The file name a workflow is written to, as a path from the repository root. */
export function workflowPath(built: Workflow): string {
  return `.github/workflows/${built.fileName}`;
}
