import { supersededRunsConcurrency } from "../blocks/concurrency.js";
import { alwaysRunGate } from "../blocks/gate.js";
import { type PinnedContainer, type PinnedService, container, service } from "../blocks/images.js";
import { changeDetection } from "../blocks/path-scoping.js";
import { type PermissionsSpec, readOnlyPermissions } from "../blocks/permissions.js";
import { guardForks } from "../blocks/runners.js";
import { type Patterns, type Triggers, onMergeGroup, onPullRequest, onPush, triggers } from "../blocks/triggers.js";
import type { Job, RunnerJobSpec, Step, StepSpec } from "../dsl/types.js";
import { job } from "../dsl/workflow.js";
import { type GatedWorkflow, checkoutStep, isHostedRunner, templateWorkflow } from "./_common.js";

/** One check of a CI workflow: a job, path-scoped when `paths` is given. */
export interface CiCheck {
  /** The job's check name, shown on the pull request. */
  name: string;
  /**
   * The areas of the repository this check covers. When given, the job runs only when a pull
   * request (or push) changes one of them, and the gate accepts its skip; otherwise it always runs.
   */
  paths?: Patterns;
  /** The steps, after the checkout. */
  steps: readonly (Step | StepSpec)[];
  /**
   * Check the repository out first.
   * @default true
   */
  checkout?: boolean;
  /**
   * @default 30
   * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idtimeout-minutes
   */
  timeoutMinutes?: number;
  /** A container to run the steps in; its image must be pinned by digest. */
  container?: PinnedContainer;
  /** Service containers (databases, queues); their images must be pinned by digest. */
  services?: Readonly<Record<string, PinnedService>>;
  /** Environment variables for every step. */
  env?: Readonly<Record<string, string>>;
  /** Grants beyond read-only, e.g. `grant({ "id-token": "write" })`. */
  permissions?: PermissionsSpec;
  /** This check's runner, instead of the workflow's `runsOn`. */
  runsOn?: string;
}

/** Options of {@link trunkBasedCi}. */
export interface TrunkBasedCiOptions {
  /**
   * The workflow file name.
   * @default "ci"
   */
  file?: string;
  /**
   * The workflow's name.
   * @default "CI"
   */
  name?: string;
  /**
   * The trunk: the integration branch every change lands on.
   * @default "main"
   */
  trunk?: string;
  /**
   * Base branches whose pull requests run CI. Add a release branch (`prod`) so that the pull
   * request `main → prod` is checked again before it deploys.
   * @default [trunk]
   */
  pullRequestBranches?: Patterns;
  /**
   * Also run on pushes to the trunk (a post-merge run; superseded ones are cancelled).
   * @default true
   */
  pushToTrunk?: boolean;
  /**
   * Also run in the merge queue (required when the trunk's ruleset uses one).
   * @default false
   */
  mergeQueue?: boolean;
  /** The checks' runner: a label, or `runnerFromVariable("AMEIDE_RUNS_ON", "arc-local")`. */
  runsOn: string;
  /**
   * Skip checks for pull requests from forks (and fail the gate for them). Defaults to true unless
   * `runsOn` is a GitHub-hosted label: self-hosted runners must not run a stranger's code.
   */
  guardForks?: boolean;
  /** The checks, keyed by job id. */
  checks: Readonly<Record<string, CiCheck>>;
  /**
   * The gate's check name: the one check the trunk's ruleset requires.
   * @default "Gate"
   */
  gateName?: string;
  /**
   * The runner of the `changes` and gate jobs, which run no repository code.
   * @default "ubuntu-latest"
   */
  controlRunsOn?: string;
}

/** The options of {@link trunkBasedCi} with every default filled in. */
export type ResolvedTrunkBasedCiOptions = Required<Omit<TrunkBasedCiOptions, "pullRequestBranches">> & { pullRequestBranches: Patterns };

const RESERVED_IDS = ["changes", "gate"];

/**
 * Trunk-based CI (seed 002): pull requests into the trunk (and any release branch), optional
 * post-merge and merge-queue runs; path-scoped checks through in-job change detection, never
 * workflow-level `paths`; superseded runs cancelled; checks on the runner the repository variable
 * names, kept away from forks; and one always-run gate as the only required check.
 * @example
 * export const ci = trunkBasedCi({
 *   runsOn: runnerFromVariable("AMEIDE_RUNS_ON", "arc-local"),
 *   pullRequestBranches: ["main", "prod"],
 *   checks: { js: { name: "JS", paths: ["apps/**"], steps: [{ run: "pnpm test" }] } },
 * });
 */
export function trunkBasedCi(options: TrunkBasedCiOptions): GatedWorkflow<ResolvedTrunkBasedCiOptions> {
  const trunk = options.trunk ?? "main";
  const resolved: ResolvedTrunkBasedCiOptions = {
    file: options.file ?? "ci",
    name: options.name ?? "CI",
    trunk,
    pullRequestBranches: options.pullRequestBranches ?? [trunk],
    pushToTrunk: options.pushToTrunk ?? true,
    mergeQueue: options.mergeQueue ?? false,
    runsOn: options.runsOn,
    guardForks: options.guardForks ?? !isHostedRunner(options.runsOn),
    checks: options.checks,
    gateName: options.gateName ?? "Gate",
    controlRunsOn: options.controlRunsOn ?? "ubuntu-latest",
  };
  const ids = Object.keys(resolved.checks);
  if (ids.length === 0) throw new Error("trunkBasedCi: give at least one check");
  for (const id of ids) if (RESERVED_IDS.includes(id)) throw new Error(`trunkBasedCi: "${id}" is the id of a job the template adds; name the check otherwise`);

  const scopedIds = ids.filter((id) => resolved.checks[id]!.paths);
  const detection = scopedIds.length
    ? changeDetection({ filters: Object.fromEntries(scopedIds.map((id) => [id, resolved.checks[id]!.paths!])), runsOn: resolved.controlRunsOn })
    : undefined;
  const checkJobs: Record<string, Job> = {};
  for (const id of ids) {
    const check = resolved.checks[id]!;
    let spec: RunnerJobSpec = {
      name: check.name,
      "runs-on": check.runsOn ?? resolved.runsOn,
      permissions: check.permissions,
      "timeout-minutes": check.timeoutMinutes ?? 30,
      env: check.env ? { ...check.env } : undefined,
      container: check.container ? container(check.container) : undefined,
      services: check.services ? Object.fromEntries(Object.entries(check.services).map(([name, spec]) => [name, service(spec)])) : undefined,
      steps: [...(check.checkout === false ? [] : [checkoutStep()]), ...check.steps],
    };
    if (resolved.guardForks) spec = guardForks(spec);
    checkJobs[id] = check.paths && detection ? detection.scoped(id, spec) : job(spec);
  }
  const gate = alwaysRunGate({
    jobs: { ...(detection ? { [detection.id]: detection.job } : {}), ...checkJobs },
    name: resolved.gateName,
    runsOn: resolved.controlRunsOn,
    allowSkipped: scopedIds.map((id) => checkJobs[id]!),
    forkGuarded: resolved.guardForks ? ids.map((id) => checkJobs[id]!) : [],
  });

  const on: Triggers[] = [onPullRequest({ branches: resolved.pullRequestBranches })];
  if (resolved.pushToTrunk) on.push(onPush({ branches: [trunk] }));
  if (resolved.mergeQueue) on.push(onMergeGroup());
  const built = templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(...on),
    permissions: readOnlyPermissions(),
    concurrency: supersededRunsConcurrency(),
    jobs: gate.jobs,
  }, resolved);
  return Object.assign(built, { requiredCheck: gate.checkName, gate: gate.job, pullRequestBranches: [...resolved.pullRequestBranches] });
}
