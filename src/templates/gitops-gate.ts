import { supersededRunsConcurrency } from "../blocks/concurrency.js";
import { alwaysRunGate } from "../blocks/gate.js";
import { changeDetection } from "../blocks/path-scoping.js";
import { readOnlyPermissions } from "../blocks/permissions.js";
import { NOT_FROM_FORK } from "../blocks/runners.js";
import { type Patterns, type Triggers, onMergeGroup, onPullRequest, onWorkflowCall, onWorkflowDispatch, triggers } from "../blocks/triggers.js";
import { allOf } from "../blocks/expressions.js";
import type { CallerJobSpec, Job, Step, StepSpec, Workflow } from "../dsl/types.js";
import { job } from "../dsl/workflow.js";
import { type GatedWorkflow, type TemplateWorkflow, checkoutStep, isHostedRunner, templateWorkflow, workflowPath } from "./_common.js";

/** Options of {@link reusableCheck}. */
export interface ReusableCheckOptions {
  /** The workflow file name, e.g. `gitops-validate-manifests.yaml`. */
  file: string;
  /** The workflow's name, and its job's check name. */
  name: string;
  /** The runner. */
  runsOn: string;
  /** The steps, after the checkout. */
  steps: readonly (Step | StepSpec)[];
  /** @default 20 */
  timeoutMinutes?: number;
  /**
   * Also allow manual runs, for debugging a check outside a pull request.
   * @default true
   */
  manualDispatch?: boolean;
}

/** The options of {@link reusableCheck} with defaults filled in. */
export type ResolvedReusableCheckOptions = Required<ReusableCheckOptions>;

/**
 * A check as a reusable workflow (`on: workflow_call`): it has no pull-request trigger of its own,
 * so it can never be a required check left "pending"; a gate workflow calls it when its paths change.
 */
export function reusableCheck(options: ReusableCheckOptions): TemplateWorkflow<ResolvedReusableCheckOptions> {
  const resolved: ResolvedReusableCheckOptions = { timeoutMinutes: 20, manualDispatch: true, ...options };
  const on: Triggers[] = [onWorkflowCall()];
  if (resolved.manualDispatch) on.push(onWorkflowDispatch());
  const check = job({
    name: resolved.name,
    "runs-on": resolved.runsOn,
    "timeout-minutes": resolved.timeoutMinutes,
    steps: [checkoutStep(), ...resolved.steps],
  });
  return templateWorkflow(resolved.file, { name: resolved.name, on: triggers(...on), permissions: readOnlyPermissions(), jobs: { check } }, resolved);
}

/** One path-scoped check called by the gate. */
export interface GatedCheck {
  /** The reusable workflow to call (built with {@link reusableCheck}, or any `workflow_call` workflow). */
  workflow: Workflow;
  /** The areas that make it run. */
  paths: Patterns;
  /** The calling job's name; the check shows as `<name> / <called job name>`. */
  name: string;
  /**
   * Whether the called workflow runs on a self-hosted runner, so pull requests from forks skip it
   * (and fail the gate). Defaults to true unless it is a {@link reusableCheck} on a hosted label.
   */
  selfHosted?: boolean;
}

/** Options of {@link gitopsGate}. */
export interface GitopsGateOptions {
  /** @default "gitops-gate.yaml" */
  file?: string;
  /**
   * The workflow's name, shown before the gate's check name on the pull request (`GitOps / Gate`).
   * @default "GitOps"
   */
  name?: string;
  /** @default "main" */
  trunk?: string;
  /** @default false */
  mergeQueue?: boolean;
  /** The path-scoped checks, keyed by job id. */
  checks: Readonly<Record<string, GatedCheck>>;
  /**
   * The gate's check name: the only check the trunk's ruleset requires.
   * @default "Gate"
   */
  gateName?: string;
  /** @default "ubuntu-latest" */
  controlRunsOn?: string;
}

/** The options of {@link gitopsGate} with defaults filled in. */
export type ResolvedGitopsGateOptions = Required<GitopsGateOptions>;

/**
 * The GitOps gate (seed 002): the one workflow with a pull-request trigger; it detects which areas
 * changed, calls each path-scoped check's reusable workflow through `workflow_call` only when its
 * area changed, and its always-run gate is the single required check.
 */
export function gitopsGate(options: GitopsGateOptions): GatedWorkflow<ResolvedGitopsGateOptions> {
  const resolved: ResolvedGitopsGateOptions = {
    file: options.file ?? "gitops-gate.yaml",
    name: options.name ?? "GitOps",
    trunk: options.trunk ?? "main",
    mergeQueue: options.mergeQueue ?? false,
    checks: options.checks,
    gateName: options.gateName ?? "Gate",
    controlRunsOn: options.controlRunsOn ?? "ubuntu-latest",
  };
  const ids = Object.keys(resolved.checks);
  if (ids.length === 0) throw new Error("gitopsGate: give at least one check");
  const detection = changeDetection({ filters: Object.fromEntries(ids.map((id) => [id, resolved.checks[id]!.paths])), runsOn: resolved.controlRunsOn });
  const callers: Record<string, Job> = {};
  const forkGuarded: Job[] = [];
  for (const id of ids) {
    const check = resolved.checks[id]!;
    const selfHosted = check.selfHosted ?? !isReusableCheckOnHostedRunner(check.workflow);
    const spec: CallerJobSpec = {
      name: check.name,
      if: selfHosted ? allOf(NOT_FROM_FORK) : undefined,
      uses: `./${workflowPath(check.workflow)}`,
    };
    callers[id] = detection.scoped(id, spec);
    if (selfHosted) forkGuarded.push(callers[id]);
  }
  const gate = alwaysRunGate({
    jobs: { [detection.id]: detection.job, ...callers },
    name: resolved.gateName,
    runsOn: resolved.controlRunsOn,
    allowSkipped: Object.values(callers),
    forkGuarded,
  });
  const on: Triggers[] = [onPullRequest({ branches: [resolved.trunk] })];
  if (resolved.mergeQueue) on.push(onMergeGroup());
  const built = templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(...on),
    permissions: readOnlyPermissions(),
    // Cancels superseded pull-request runs, never merge-queue runs.
    concurrency: supersededRunsConcurrency(),
    jobs: gate.jobs,
  }, resolved);
  return Object.assign(built, { requiredCheck: gate.checkName, gate: gate.job, pullRequestBranches: [resolved.trunk] });
}

function isReusableCheckOnHostedRunner(called: Workflow): boolean {
  const options = (called as Partial<TemplateWorkflow<ResolvedReusableCheckOptions>>).options;
  return typeof options?.runsOn === "string" && isHostedRunner(options.runsOn);
}
