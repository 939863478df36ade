// Concurrency presets: cancel what a newer run supersedes, never cancel what must finish.
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/control-the-concurrency-of-workflows-and-jobs

/** A `concurrency:` mapping. */
export interface ConcurrencySpec {
  group: string;
  "cancel-in-progress": boolean | string;
}

/**
 * For workflows triggered by pull requests only: one group per workflow and pull request, and a new
 * push cancels the run it supersedes (its result would be stale anyway).
 */
export function pullRequestConcurrency(): ConcurrencySpec {
  return { group: "${{ github.workflow }}-pr-${{ github.event.pull_request.number }}", "cancel-in-progress": true };
}

/**
 * For branch-push workflows (CD on `main`): one group per workflow and branch; a newer push cancels
 * the older run, whose artifacts it replaces.
 */
export function branchConcurrency(): ConcurrencySpec {
  return { group: "${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": true };
}

/**
 * For tag and release workflows: runs queue per ref and are never cancelled, because a half-published
 * release is worse than a late one.
 */
export function releaseConcurrency(): ConcurrencySpec {
  return { group: "${{ github.workflow }}-${{ github.ref }}", "cancel-in-progress": false };
}

/**
 * For jobs that change an environment: one deployment at a time per environment, never cancelled
 * midway (a newer one waits instead).
 */
export function deploymentConcurrency(environment: string): ConcurrencySpec {
  return { group: `deploy-${environment}`, "cancel-in-progress": false };
}

/**
 * For workflows with mixed triggers (CI on pull requests and pushes): pull requests grouped by
 * number and branch pushes grouped by ref cancel their superseded runs; tag pushes, merge-queue runs,
 * releases, schedules and manual runs are never cancelled.
 */
export function supersededRunsConcurrency(): ConcurrencySpec {
  return {
    group: "${{ github.workflow }}-${{ github.event.pull_request.number || github.ref }}",
    "cancel-in-progress": "${{ github.event_name == 'pull_request' || (github.event_name == 'push' && startsWith(github.ref, 'refs/heads/')) }}",
  };
}
