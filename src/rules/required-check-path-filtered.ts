import { namesOfJob } from "../rulesets/check-contexts.js";
import { defineRule } from "./_define-rule.js";
import { filterPatterns, matchesFilterList } from "./_filters.js";
import { gatesOf } from "./_gate.js";
import type { JobView, TriggerView } from "./_workflow-view.js";

// Events a required check has to report on for a pull request to merge.
const PULL_REQUEST_EVENTS = ["pull_request", "pull_request_target"];

export default defineRule({
  id: "required-check-path-filtered",
  severity: "error",
  summary: "A workflow holding a required check has trigger filters that skip it, leaving the check pending forever.",
  docs: {
    why: `When a workflow is skipped by its \`paths\`, \`paths-ignore\` or branch filters, its checks are never
created, and a required check that never reports stays "Expected — Waiting for status": the pull
request cannot merge. A gate or any job named as a required check must run for every pull request
into a protected branch; path scoping belongs inside the workflow (a change-detection job whose
dependants are skipped, which the gate allows).
See [\`on.<pull_request>.paths\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onpushpull_requestpull_request_targetpathspaths-ignore)
and [handling skipped but required checks](https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks#handling-skipped-but-required-checks).`,
    invalid: `on:
  pull_request:
    paths:
      - "src/**"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  all-green:
    needs: [test]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
`,
    valid: `on:
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
  all-green:
    needs: [test]
    if: always()
    runs-on: ubuntu-latest
    steps:
      - run: exit 1
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled')
`,
    fix: `Remove the workflow-level \`paths\`/\`paths-ignore\` and make sure the branch filters include every
protected branch; detect changes inside the workflow instead and let the gate allow the skipped jobs.
Required checks come from the gates, from the rulesets \`gen\` writes from \`ruleset()\` sources, from
rulesets found beside the workflows (\`rulesets/*.json\` next to \`.github/\`, or \`.github/rulesets/\`),
and from \`lint.requiredChecks\` in \`trunkline.config.ts\`.`,
  },
  workflow({ workflow, project, report }) {
    // Only a pull-request trigger's path filters, or its branch filters against the branches a
    // required check protects, are reported: without either, finding the checks is wasted.
    const filtered = PULL_REQUEST_EVENTS.some((event) => {
      const config = workflow.triggers.get(event)?.config;
      return config !== undefined && (config["paths"] !== undefined || config["paths-ignore"] !== undefined);
    });
    if (!filtered && !project.requiredChecks.some((check) => check.branches?.length)) return;
    const holders = new Map<JobView, readonly string[] | undefined>();
    // per job, where its check is required: a ruleset file, or the config's entry
    const requiredBy = new Map<JobView, Set<string>>();
    for (const gate of gatesOf(workflow)) holders.set(gate, undefined);
    for (const check of project.requiredChecks) {
      const wanted = check.name.toLowerCase();
      for (const job of workflow.jobs) {
        if (job.name.toLowerCase() !== wanted && job.id.toLowerCase() !== wanted && !reportsCheck(job, check.name)) continue;
        holders.set(job, [...(holders.get(job) ?? []), ...(check.branches ?? [])]);
        if (check.requiredBy) requiredBy.set(job, (requiredBy.get(job) ?? new Set()).add(check.requiredBy));
      }
    }
    if (holders.size === 0) return;
    const names = [...holders.keys()]
      .map((job) => {
        const where = requiredBy.get(job);
        return `"${job.name}"${where ? ` (required by ${[...where].join(", ")})` : ""}`;
      })
      .join(", ");
    for (const event of PULL_REQUEST_EVENTS) {
      const trigger = workflow.triggers.get(event);
      if (!trigger?.config) continue;
      for (const key of ["paths", "paths-ignore"]) {
        if (trigger.config[key] === undefined) continue;
        report({
          path: [...trigger.path, key],
          message: `${event}.${key} can skip this workflow, which holds the required check${holders.size > 1 ? "s" : ""} ${names}; a skipped workflow leaves ${holders.size > 1 ? "them" : "it"} pending and blocks merging`,
          hint: "remove the path filter and detect changes inside the workflow instead, letting the gate allow skipped jobs",
        });
      }
      const protectedBranches = [...new Set([...holders.values()].flatMap((branches) => branches ?? []))];
      const skipped = protectedBranches.filter((branch) => !branchRuns(trigger, branch));
      if (skipped.length > 0) {
        const key = trigger.config["branches"] !== undefined ? "branches" : "branches-ignore";
        report({
          path: [...trigger.path, key],
          message: `${event}.${key} skips pull requests into ${skipped.map((branch) => `"${branch}"`).join(", ")}, where ${names} ${holders.size > 1 ? "are" : "is"} required; those pull requests wait for ${holders.size > 1 ? "them" : "it"} forever`,
          hint: `include ${skipped.map((branch) => `"${branch}"`).join(", ")} in ${event}.branches`,
        });
      }
    }
  },
});

// A matrix job reports one check per leg, `name (value, …)`.
function reportsCheck(job: JobView, name: string): boolean {
  const names = namesOfJob(job.id, job.raw);
  return "names" in names && names.names.includes(name);
}

// Whether a pull request into `branch` passes the trigger's branch filters.
function branchRuns(trigger: TriggerView, branch: string): boolean {
  const included = filterPatterns(trigger, "branches");
  if (included) return matchesFilterList(included.map(({ pattern }) => pattern), branch);
  const ignored = filterPatterns(trigger, "branches-ignore");
  if (ignored) return !matchesFilterList(ignored.map(({ pattern }) => pattern), branch);
  return true;
}
