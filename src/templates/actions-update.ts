import { pinnedAction } from "../actions/pins.js";
import { releaseConcurrency } from "../blocks/concurrency.js";
import type { CronExpression } from "../blocks/cron.js";
import { readOnlyPermissions } from "../blocks/permissions.js";
import { onSchedule, onWorkflowDispatch, triggers } from "../blocks/triggers.js";
import { job } from "../dsl/workflow.js";
import { expr, github, runner } from "../expressions/index.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

/** Options of {@link actionsUpdatePullRequest}. */
export interface ActionsUpdatePullRequestOptions {
  /** @default "update-actions" */
  file?: string;
  /** @default "Update actions" */
  name?: string;
  /**
   * When to look for newer releases (UTC), besides manual runs.
   * @default "23 5 * * 1"
   */
  schedule?: CronExpression;
  /** The branch the pull request targets. @default "main" */
  base?: string;
  /** The runner (needs Node and npm). */
  runsOn: string;
  /** Also move to newer major releases (`actions update --major`); their breaking changes show in the pull request. @default false */
  major?: boolean;
  /** @default "20" */
  nodeVersion?: string;
  /**
   * The token that pushes the branch and opens the pull request: a GitHub App token or a
   * fine-grained token with contents, pull requests and workflows write. The workflow's own
   * `GITHUB_TOKEN` cannot push changes to `.github/workflows/`, and a pull request it opens runs no CI.
   * @default "${{ secrets.ACTIONS_UPDATE_TOKEN }}"
   */
  token?: string;
}

/** The options of {@link actionsUpdatePullRequest} with defaults filled in. */
export type ResolvedActionsUpdatePullRequestOptions = Required<ActionsUpdatePullRequestOptions>;

/**
 * Keeps locked actions current: on a schedule (or by hand) runs `trunkline actions update` (same
 * major by default) and `npm run gen`, then opens one pull request with the lockfile, bindings and
 * regenerated workflows, its body the update's metadata diff. The job's own token only reads; the
 * pull request is opened with `token`. Runs queue and are never cancelled.
 */
export function actionsUpdatePullRequest(options: ActionsUpdatePullRequestOptions): TemplateWorkflow<ResolvedActionsUpdatePullRequestOptions> {
  const resolved: ResolvedActionsUpdatePullRequestOptions = {
    file: options.file ?? "update-actions",
    name: options.name ?? "Update actions",
    schedule: options.schedule ?? "23 5 * * 1",
    base: options.base ?? "main",
    runsOn: options.runsOn,
    major: options.major ?? false,
    nodeVersion: options.nodeVersion ?? "20",
    token: options.token ?? "${{ secrets.ACTIONS_UPDATE_TOKEN }}",
  };
  const title = resolved.major ? "Update locked actions (any major)" : "Update locked actions";
  const update = job({
    name: "Update locked actions",
    "runs-on": resolved.runsOn,
    "timeout-minutes": 15,
    steps: [
      checkoutStep(),
      { name: "Set up Node", uses: pinnedAction("actions/setup-node"), with: { "node-version": resolved.nodeVersion, cache: "npm" } },
      { name: "Install", run: "npm ci" },
      {
        name: "Update the lockfile and bindings, regenerate",
        // the API token raises the rate limit for reading tags and action.yml files
        env: { GITHUB_TOKEN: github.token, REPORT: expr`${runner.temp}/actions-update.md` },
        run: updateScript(resolved.major),
      },
      {
        name: "Open the update pull request",
        uses: pinnedAction("peter-evans/create-pull-request"),
        with: {
          token: resolved.token,
          base: resolved.base,
          branch: "update/locked-actions",
          "commit-message": title,
          title,
          "body-path": expr`${runner.temp}/actions-update.md`,
          labels: "dependencies",
          "delete-branch": true,
        },
      },
    ],
  });
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(onSchedule(resolved.schedule), onWorkflowDispatch()),
    permissions: readOnlyPermissions(),
    concurrency: releaseConcurrency(),
    jobs: { update },
  }, resolved);
}

// The update's report (what moved, and how each action's inputs and outputs changed) is the pull request's body.
function updateScript(major: boolean): string {
  return `set -euo pipefail
{
  echo "Updated by \\\`trunkline actions update${major ? " --major" : ""}\\\` and \\\`npm run gen\\\`."
  echo
  echo '\`\`\`'
  npx trunkline actions update${major ? " --major" : ""} 2>&1
  echo '\`\`\`'
} | tee "$REPORT"
npm run gen
`;
}
