import { job } from "../dsl/workflow.js";
import type { Job, RunnerJobSpec } from "../dsl/types.js";
import { FROM_FORK } from "./runners.js";

// The always-run gate: the one check a ruleset requires. GitHub treats a skipped required check as
// passing and a missing one as pending, so requiring each job directly either lets failures through
// (a job skipped because its dependency failed) or blocks merges forever (a path-filtered workflow
// that never ran). One job that always runs and judges every result avoids both.
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/using-jobs-in-a-workflow#defining-prerequisite-jobs

/** Options of {@link alwaysRunGate}; job lists hold the job objects themselves. */
export interface GateOptions<Jobs extends Readonly<Record<string, Job>>> {
  /** Every other job of the workflow, keyed by id exactly as in the workflow's `jobs`. */
  jobs: Jobs;
  /**
   * The gate's own id in `jobs`.
   * @default "gate"
   */
  id?: string;
  /**
   * The gate's check name: what a ruleset or branch protection lists as the required check.
   * @default "Gate"
   */
  name?: string;
  /**
   * The gate's runner. It runs no repository code, so a GitHub-hosted runner is safe even for pull
   * requests from forks, and keeps the required check reporting when self-hosted runners are busy.
   * @default "ubuntu-latest"
   */
  runsOn?: string;
  /** Jobs that may be skipped (path-scoped jobs whose area did not change). Others must run. */
  allowSkipped?: readonly Jobs[keyof Jobs][];
  /** Jobs whose failure does not fail the gate (advisory checks). Use sparingly, and say why. */
  allowFailure?: readonly Jobs[keyof Jobs][];
  /**
   * Jobs skipped for pull requests from forks (see `guardForks`). On a fork's pull request their
   * skip fails the gate even when `allowSkipped` lists them: the skip says nothing about the change.
   */
  forkGuarded?: readonly Jobs[keyof Jobs][];
}

/** An always-run gate and the jobs of its workflow. */
export interface Gate<Jobs extends Readonly<Record<string, Job>>> {
  /** The gate job. */
  readonly job: Job<RunnerJobSpec>;
  /** Its id in `jobs`. */
  readonly id: string;
  /** The check name a ruleset must require: the gate job's `name`. */
  readonly checkName: string;
  /** Every job of the workflow, the gate last: use as the workflow's `jobs`. */
  readonly jobs: Jobs & Readonly<Record<string, Job>>;
}

/**
 * The check script. It reads everything from the environment and contains no `${{ }}`, so its
 * behaviour can be tested by running it, and no job output is ever pasted into shell code.
 * RESULTS holds one `<job id>=<result>` line per needed job.
 */
export const GATE_SCRIPT = `set -euo pipefail
listed() { [[ " $1 " == *" $2 "* ]]; }
checked=0
failed=0
while IFS='=' read -r job result; do
  if [[ -z "$job" ]]; then continue; fi
  checked=$((checked + 1))
  problem=""
  case "$result" in
    success) ;;
    skipped)
      if [[ "\${FROM_FORK:-false}" == "true" ]] && listed "\${FORK_GUARDED:-}" "$job"; then
        problem="was skipped because pull requests from forks do not run on self-hosted runners; a maintainer must push the branch to this repository"
      elif ! listed "\${ALLOWED_SKIPPED:-}" "$job"; then
        problem="was skipped, and it is not allowed to be"
      fi
      ;;
    failure)
      if ! listed "\${ALLOWED_FAILURE:-}" "$job"; then problem="failed"; fi
      ;;
    *) problem="finished as \\"\${result:-no result}\\", which never passes" ;;
  esac
  if [[ -n "$problem" ]]; then
    echo "::error title=Gate::job \\"$job\\" $problem"
    failed=$((failed + 1))
  else
    echo "ok: $job ($result)"
  fi
done <<< "\${RESULTS:-}"
if [[ "$checked" -eq 0 ]]; then
  echo "::error title=Gate::the gate needs no jobs, so it would pass without checking anything"
  exit 1
fi
if [[ "$failed" -gt 0 ]]; then
  echo "$failed of $checked needed jobs did not pass"
  exit 1
fi
echo "all $checked needed jobs passed"
`;

/**
 * The always-run gate: one job that `needs` every other job of the workflow, runs with
 * `if: always()`, and fails unless each result is `success` — or `skipped` / `failure` where
 * explicitly allowed. `cancelled` never passes. Make its {@link Gate.checkName} the only required
 * check. Plain shell, no third-party action.
 * @example
 * const gate = alwaysRunGate({ jobs: { changes, js, python }, allowSkipped: [js, python] });
 * export default workflow("ci", { on, jobs: gate.jobs });
 */
export function alwaysRunGate<const Jobs extends Readonly<Record<string, Job>>>(options: GateOptions<Jobs>): Gate<Jobs> {
  const id = options.id ?? "gate";
  const entries = Object.entries(options.jobs);
  if (entries.length === 0) throw new Error("alwaysRunGate: the gate needs no jobs, so it would pass without checking anything; give it the workflow's jobs");
  if (id in options.jobs) throw new Error(`alwaysRunGate: "${id}" is both the gate's id and one of its jobs; pick another id`);
  const idOf = new Map<Job, string>(entries.map(([jobId, value]) => [value, jobId]));
  const idsOf = (list: readonly Job[] | undefined, field: string) =>
    (list ?? []).map((value) => {
      const jobId = idOf.get(value);
      if (jobId === undefined) throw new Error(`alwaysRunGate: a job in ${field} is not one of the gate's jobs`);
      return jobId;
    });
  const allowedSkipped = idsOf(options.allowSkipped, "allowSkipped");
  const allowedFailure = idsOf(options.allowFailure, "allowFailure");
  const forkGuarded = idsOf(options.forkGuarded, "forkGuarded");
  const env: Record<string, string> = {
    RESULTS: entries.map(([jobId]) => `${jobId}=\${{ needs.${jobId}.result }}`).join("\n") + "\n",
    ALLOWED_SKIPPED: allowedSkipped.join(" "),
    ALLOWED_FAILURE: allowedFailure.join(" "),
  };
  if (forkGuarded.length) {
    env.FORK_GUARDED = forkGuarded.join(" ");
    env.FROM_FORK = `\${{ ${FROM_FORK} }}`;
  }
  const checkName = options.name ?? "Gate";
  const gateJob = job<RunnerJobSpec>({
    name: checkName,
    needs: entries.map(([, value]) => value),
    // Without always() the gate is skipped when a needed job fails, and a skipped check passes.
    if: "always()",
    "runs-on": options.runsOn ?? "ubuntu-latest",
    permissions: {},
    "timeout-minutes": 5,
    steps: [{ name: "Every needed job passed, or was allowed not to", shell: "bash", env, run: GATE_SCRIPT }],
  });
  return { job: gateJob, id, checkName, jobs: { ...options.jobs, [id]: gateJob } as Jobs & Record<string, Job> };
}
