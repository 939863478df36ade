import { deploymentConcurrency } from "../blocks/concurrency.js";
import { onDeployBranch } from "../blocks/deploy-branch.js";
import { type PinnedContainer, container } from "../blocks/images.js";
import { type PermissionsSpec, grant, readOnlyPermissions } from "../blocks/permissions.js";
import { input, onWorkflowDispatch, triggers } from "../blocks/triggers.js";
import type { Job, Step, StepSpec } from "../dsl/types.js";
import { job } from "../dsl/workflow.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

/** A protected environment a job deploys to. */
export interface DeployEnvironment {
  /** The environment's name in Settings → Environments, where reviewers and branch rules are set. */
  name: string;
  /** Shown on the deployment, e.g. the site's address. */
  url?: string;
}

/** The database migrations of {@link BranchDeployOptions}: a manual job with its own environment. */
export interface MigrationsOptions {
  /** An environment of its own, with required reviewers, limited to the deploy branch. */
  environment: DeployEnvironment;
  /** The steps that run the migrations, after the checkout. */
  steps: readonly (Step | StepSpec)[];
  /** Grants beyond read-only. */
  permissions?: PermissionsSpec;
  /** A container to run the migrations in (the image that ships the migration tool); pinned by digest. */
  container?: PinnedContainer;
  /** @default 30 */
  timeoutMinutes?: number;
}

/** Options of {@link deployOnBranch}. */
export interface BranchDeployOptions {
  /** @default "deploy" */
  file?: string;
  /** @default "Deploy" */
  name?: string;
  /**
   * The branch whose pushes deploy — the one parameter of the seed-000 swap: `main` deploys every
   * merge; `prod` deploys only what a reviewed pull request `main → prod` brought in.
   */
  branch: string;
  /** The protected environment the deploy job runs in. */
  environment: DeployEnvironment;
  /** The deploy runner. */
  runsOn: string;
  /** The steps that deploy, after the checkout. */
  steps: readonly (Step | StepSpec)[];
  /** Grants beyond read-only for the deploy job (e.g. `{ "id-token": "write" }` for cloud login). */
  permissions?: PermissionsSpec;
  /** @default 30 */
  timeoutMinutes?: number;
  /** Database migrations, run only by hand (never by a push). */
  migrations?: MigrationsOptions;
}

/** The options of {@link deployOnBranch} with defaults filled in. */
export type ResolvedBranchDeployOptions = Required<Omit<BranchDeployOptions, "migrations" | "permissions">> & Pick<BranchDeployOptions, "migrations" | "permissions">;

/** The dispatch input that picks a manual run's task, and its values. */
export const DEPLOY_TASK_INPUT = "task";

/**
 * Deploy on a branch (seed 000): a push to `branch` deploys in a protected environment, one
 * deployment at a time, never cancelled midway. A manual run redeploys; when `migrations` are
 * given, a manual run can instead run them — a separate job in its own environment, so schema
 * changes always pass a human. Changing `branch` changes the trigger and nothing else.
 */
export function deployOnBranch(options: BranchDeployOptions): TemplateWorkflow<ResolvedBranchDeployOptions> {
  const resolved: ResolvedBranchDeployOptions = {
    file: options.file ?? "deploy",
    name: options.name ?? "Deploy",
    branch: options.branch,
    environment: options.environment,
    runsOn: options.runsOn,
    steps: options.steps,
    permissions: options.permissions,
    timeoutMinutes: options.timeoutMinutes ?? 30,
    migrations: options.migrations,
  };
  const migrations = resolved.migrations;
  if (migrations && migrations.environment.name === resolved.environment.name) {
    throw new Error("deployOnBranch: migrations need an environment of their own, so their approval is separate from the deploy's");
  }
  const deploy = job({
    name: `Deploy to ${resolved.environment.name}`,
    // A manual run redeploys only when asked to; migrations never ride along.
    if: migrations ? `github.event_name == 'push' || inputs.${DEPLOY_TASK_INPUT} == 'deploy'` : undefined,
    "runs-on": resolved.runsOn,
    environment: { ...resolved.environment },
    permissions: resolved.permissions ? grant(resolved.permissions) : undefined,
    concurrency: deploymentConcurrency(resolved.environment.name),
    "timeout-minutes": resolved.timeoutMinutes,
    steps: [checkoutStep(), ...resolved.steps],
  });
  const jobs: Record<string, Job> = { deploy };
  if (migrations) {
    jobs.migrate = job({
      name: `Migrate the ${resolved.environment.name} database`,
      if: `github.event_name == 'workflow_dispatch' && inputs.${DEPLOY_TASK_INPUT} == 'migrate'`,
      "runs-on": resolved.runsOn,
      environment: { ...migrations.environment },
      permissions: migrations.permissions ? grant(migrations.permissions) : undefined,
      concurrency: deploymentConcurrency(migrations.environment.name),
      "timeout-minutes": migrations.timeoutMinutes ?? 30,
      container: migrations.container ? container(migrations.container) : undefined,
      steps: [checkoutStep(), ...migrations.steps],
    });
  }
  const dispatch = migrations
    ? onWorkflowDispatch({ [DEPLOY_TASK_INPUT]: input.choice({ description: "What to run", required: true, options: ["deploy", "migrate"], default: "deploy" }) })
    : onWorkflowDispatch();
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(onDeployBranch(resolved.branch), dispatch),
    permissions: readOnlyPermissions(),
    jobs,
  }, resolved);
}
