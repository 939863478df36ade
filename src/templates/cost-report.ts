import { pinnedAction } from "../actions/pins.js";
import type { CronExpression } from "../blocks/cron.js";
import { releaseConcurrency } from "../blocks/concurrency.js";
import { onSchedule, onWorkflowDispatch, triggers } from "../blocks/triggers.js";
import { budgetFlag } from "../cost/budget-flag.js";
import { shellWord } from "../emit/shell-quote.js";
import type { CostBudget } from "../cost/budgets.js";
import type { Step, StepSpec } from "../dsl/types.js";
import { job } from "../dsl/workflow.js";
import { github } from "../expressions/index.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

/** Options of {@link costReport}. */
export interface CostReportOptions {
  /** @default "cost-report" */
  file?: string;
  /** @default "CI cost" */
  name?: string;
  /**
   * When the report runs, in UTC. Off the top of the hour, when GitHub delays scheduled runs most.
   * @default "17 6 * * 1" (Mondays, 06:17 UTC)
   */
  schedule?: CronExpression;
  /**
   * The runs the report covers, as `trunkline cost --since` takes it: match it to the schedule.
   * @default "7d"
   */
  since?: string;
  /**
   * Limits that fail the run when exceeded, besides those in `trunkline.config.ts`. They are written
   * into the workflow as `--budget` flags, so a reviewer sees them in the YAML.
   * @example [{ occupancyHoursPerWeek: 40, cancelledShare: 0.2 }, { workflow: "ci.yml", queueP95Seconds: 120 }]
   */
  budgets?: readonly CostBudget[];
  /** The runner. */
  runsOn: string;
  /**
   * Steps that make the `trunkline` command available: after them, `command` runs.
   * @default Node 20 set up by `actions/setup-node`, then `npm ci`
   */
  setup?: readonly (Step | StepSpec)[];
  /**
   * How the installed CLI is called.
   * @default "npx --no-install trunkline"
   */
  command?: string;
}

/** The options of {@link costReport} with defaults filled in. */
export type ResolvedCostReportOptions = Required<Omit<CostReportOptions, "setup">> & { setup: readonly (Step | StepSpec)[] };

/**
 * The CI cost report (seed 002, section H) on a schedule: `trunkline cost` over the last runs, its
 * Markdown (tables and a Mermaid chart) in the run's summary, and the run failing when a budget is
 * exceeded. Least privilege: `actions: read` to list runs and jobs, `contents: read` to check out.
 * Runs queue and are never cancelled; a manual run is one click in the Actions tab.
 */
export function costReport(options: CostReportOptions): TemplateWorkflow<ResolvedCostReportOptions> {
  const resolved: ResolvedCostReportOptions = {
    file: options.file ?? "cost-report",
    name: options.name ?? "CI cost",
    schedule: options.schedule ?? "17 6 * * 1",
    since: options.since ?? "7d",
    budgets: options.budgets ?? [],
    runsOn: options.runsOn,
    setup: options.setup ?? [
      { name: "Set up Node", uses: pinnedAction("actions/setup-node"), with: { "node-version": 20 } },
      { name: "Install", run: "npm ci" },
    ],
    command: options.command ?? "npx --no-install trunkline",
  };
  const flags = [`--since ${shellWord(resolved.since)}`, ...resolved.budgets.map((budget) => `--budget ${shellWord(budgetFlag(budget))}`)];
  const report = job({
    name: "Report CI cost",
    "runs-on": resolved.runsOn,
    "timeout-minutes": 15,
    steps: [
      checkoutStep(),
      ...resolved.setup,
      {
        name: "Report runner time, queue time and budgets",
        env: { GITHUB_TOKEN: github.token, REPOSITORY: github.repository },
        // The summary is written before the exit status is known, so an exceeded budget still shows its report.
        run: `${resolved.command} cost --repo "$REPOSITORY" ${flags.join(" ")} --format markdown >> "$GITHUB_STEP_SUMMARY"\n`,
      },
    ],
  });
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(onSchedule(resolved.schedule), onWorkflowDispatch()),
    permissions: { actions: "read", contents: "read" },
    concurrency: releaseConcurrency(),
    jobs: { report },
  }, resolved);
}
