import type { RunnerJobSpec } from "../dsl/types.js";
import { allOf, literal } from "./expressions.js";

/**
 * True except for pull requests from forks. Self-hosted runners must not run a stranger's code: it
 * could persist on the machine and read what later jobs handle.
 * NOTE: a fork can edit the workflow in its pull request, so this guard is defence in depth; also
 * require approval for fork workflows (Settings → Actions) and restrict the runner group.
 * @see https://docs.github.com/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security
 */
export const NOT_FROM_FORK = "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository";

/** True only for a pull request from a fork: the complement of {@link NOT_FROM_FORK}. */
export const FROM_FORK = "github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name != github.repository";

const VARIABLE_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A `runs-on` that reads a repository (or organisation) variable and falls back to a label, so the
 * runner substrate is switched in Settings without editing workflows:
 * `${{ vars.AMEIDE_RUNS_ON || 'arc-local' }}`.
 * @see https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/store-information-in-variables
 * @example "runs-on": runnerFromVariable("AMEIDE_RUNS_ON", "arc-local")
 */
export function runnerFromVariable(variable: string, fallback: string): string {
  if (!VARIABLE_NAME.test(variable)) {
    throw new Error(`runnerFromVariable: "${variable}" is not a variable name GitHub allows (letters, digits, _; not starting with a digit or GITHUB_)`);
  }
  if (fallback.trim() === "") throw new Error("runnerFromVariable: the fallback runner label is empty");
  return `\${{ vars.${variable} || ${literal(fallback)} }}`;
}

/**
 * Adds the fork guard to a job that runs on a self-hosted runner: it is skipped for pull requests
 * from forks; its own `if` still applies.
 */
export function guardForks<Spec extends RunnerJobSpec>(spec: Spec): Spec {
  return { ...spec, if: allOf(NOT_FROM_FORK, typeof spec.if === "string" ? spec.if : undefined) };
}
