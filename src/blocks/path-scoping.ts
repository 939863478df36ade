/**
 * Path scoping, the two ways and when to use which.
 *
 * - **Workflow-level `paths`** (`onPush({ branches: ["main"], paths: [...] })`): GitHub creates no run
 *   at all for a push that touches none of the paths. Use it for CD and other automation: no queued
 *   or self-cancelled runs. Never on a workflow whose check is required: a workflow that did not
 *   run leaves its required check "pending" and the pull request cannot merge.
 * - **In-job change detection** ({@link changeDetection}): the workflow always runs; a `changes` job
 *   reports which areas changed, and each path-scoped job runs only when its area did. A job skipped
 *   by `if:` reports as skipped, and the always-run gate turns the set of results into the one
 *   required check. Use it for CI.
 *
 * @see https://docs.github.com/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/troubleshooting-required-status-checks#handling-skipped-but-required-checks
 * @module
 */
import { pinnedAction } from "../actions/pins.js";
import { job } from "../dsl/workflow.js";
import type { CallerJobSpec, Job, JobRef, RunnerJobSpec } from "../dsl/types.js";
import { allOf, anyOf } from "./expressions.js";
import type { Patterns } from "./triggers.js";

/** Named areas of the repository, each a list of globs: `{ js: ["apps/**", "pnpm-lock.yaml"] }`. */
export type ChangeFilters = Readonly<Record<string, Patterns>>;

/** Options of {@link changeDetection}. */
export interface ChangeDetectionOptions<Filters extends ChangeFilters> {
  /** The areas to detect. Names become the `changes` job's outputs (letters, digits, `_`, `-`). */
  filters: Filters;
  /**
   * The runner of the `changes` job. It only reads the diff, so a GitHub-hosted runner is fine
   * even for pull requests from forks.
   * @default "ubuntu-latest"
   */
  runsOn?: string;
  /**
   * The check name of the `changes` job.
   * @default "Detect changes"
   */
  name?: string;
  /**
   * The id the `changes` job gets in the workflow's `jobs`: scoped jobs read `needs.<id>.outputs`.
   * @default "changes"
   */
  id?: string;
}

/** A `changes` job and the helpers that scope other jobs to its findings. */
export interface ChangeDetection<Area extends string> {
  /** The `changes` job; put it in the workflow's `jobs` under {@link ChangeDetection.id}. */
  readonly job: Job<RunnerJobSpec>;
  /** The key the `changes` job must have in the workflow's `jobs`. */
  readonly id: string;
  /** The areas it detects, in order. */
  readonly areas: readonly Area[];
  /** The `if:` condition that holds when any of the areas changed (reads the `changes` job's outputs). */
  changed(...areas: readonly [Area, ...Area[]]): string;
  /**
   * A job that runs only when one of `areas` changed: it needs the `changes` job, and its own
   * `needs` and `if` are kept. Skipped jobs report "skipped", which the gate must allow.
   */
  scoped<Spec extends RunnerJobSpec | CallerJobSpec>(areas: Area | readonly [Area, ...Area[]], spec: Spec): Job<Spec>;
}

const AREA_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * In-job change detection for CI: one `changes` job runs `dorny/paths-filter` (pinned) and exposes
 * `true`/`false` per area. On events without a diff to compare (merge queue, manual, schedule) every
 * area reads `true`, so nothing is skipped by accident.
 * @example
 * const changes = changeDetection({ filters: { js: ["apps/**"], python: ["services/**"] } });
 * const js = changes.scoped("js", { "runs-on": "ubuntu-latest", steps: [...] });
 */
export function changeDetection<const Filters extends ChangeFilters>(options: ChangeDetectionOptions<Filters>): ChangeDetection<keyof Filters & string> {
  type Area = keyof Filters & string;
  const areas = Object.keys(options.filters) as Area[];
  if (areas.length === 0) throw new Error("changeDetection: give at least one filter");
  for (const area of areas) {
    if (!AREA_NAME.test(area)) throw new Error(`changeDetection: "${area}" cannot be an output name; use letters, digits, _ and -`);
    if (options.filters[area]!.length === 0) throw new Error(`changeDetection: filter "${area}" has no patterns`);
  }
  const changesJob = job<RunnerJobSpec>({
    name: options.name ?? "Detect changes",
    "runs-on": options.runsOn ?? "ubuntu-latest",
    // paths-filter lists a pull request's files through the API.
    permissions: { contents: "read", "pull-requests": "read" },
    "timeout-minutes": 5,
    // An area reads "true" when the filter did not run (no diff for this event): run everything.
    outputs: Object.fromEntries(areas.map((area) => [area, `\${{ steps.filter.outputs.${area} || 'true' }}`])),
    steps: [
      { name: "Check out", uses: pinnedAction("actions/checkout"), with: { "persist-credentials": false } },
      {
        name: "Detect changed areas",
        id: "filter",
        if: "github.event_name == 'pull_request' || github.event_name == 'push'",
        uses: pinnedAction("dorny/paths-filter"),
        with: { filters: filtersYaml(options.filters) },
      },
    ],
  });
  const id = options.id ?? "changes";
  const changed = (...names: readonly Area[]) => anyOf(...names.map((area) => `needs.${id}.outputs.${area} == 'true'`))!;
  return {
    job: changesJob,
    id,
    areas,
    changed: (...names) => changed(...names),
    scoped(scope, spec) {
      const names = (typeof scope === "string" ? [scope] : [...scope]) as Area[];
      for (const name of names) if (!areas.includes(name)) throw new Error(`changeDetection: "${name}" is not one of the filters (${areas.join(", ")})`);
      const needs: JobRef[] = [changesJob, ...asList<JobRef>(spec.needs).filter((need) => need !== changesJob)];
      const own = typeof spec.if === "string" ? spec.if : undefined;
      return job({ ...spec, needs, if: allOf(changed(...names), own) });
    },
  };
}

// `needs` may be one job or a list of them.
function asList<Item>(value: Item | readonly Item[] | undefined): Item[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly Item[])] : [value as Item];
}

// paths-filter reads its filters as YAML text; quoting every glob keeps `*` and `!` literal.
function filtersYaml(filters: ChangeFilters): string {
  return Object.entries(filters)
    .map(([area, patterns]) => `${area}:\n${patterns.map((pattern) => `  - '${pattern.replace(/'/g, "''")}'`).join("\n")}`)
    .join("\n") + "\n";
}
