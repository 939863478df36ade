// The two REST resources cost figures are made of, reduced to the fields they use, with every
// timestamp already read into milliseconds since the epoch.

/** One workflow run, as "List workflow runs for a repository" lists it (its latest attempt). */
export interface RunRecord {
  id: number;
  /** The workflow's display name. */
  name: string;
  /** The workflow file, e.g. `.github/workflows/ci.yml`: the key of the per-workflow figures. */
  path: string;
  event: string;
  headBranch: string;
  status: string;
  conclusion: string | null;
  createdAt: number;
  /** When the latest attempt started; later than `createdAt` for a re-run. */
  runStartedAt?: number;
  updatedAt: number;
  /** 1 for the first attempt; more means the run was re-run. */
  runAttempt: number;
}

/** One job of one attempt, as "List jobs for a workflow run" (`filter=all`) lists it. */
export interface JobRecord {
  id: number;
  runId: number;
  runAttempt: number;
  name: string;
  conclusion: string | null;
  createdAt: number;
  startedAt?: number;
  completedAt?: number;
  labels: string[];
  runnerName: string | null;
}
