import type { RunRecord } from "./records.js";

/**
 * The ids of superseded runs. A run is superseded when it was cancelled and another run of the
 * same workflow (`path`), `event` and `head_branch` was created after it and before the cancelled
 * run's `updated_at` (the moment it was cancelled): a newer push made it pointless, which is what
 * `concurrency: cancel-in-progress` does. A run cancelled with nothing newer (by hand, by a
 * timeout) is cancelled but not superseded.
 */
export function supersededRunIds(runs: readonly RunRecord[]): Set<number> {
  const byLane = new Map<string, RunRecord[]>();
  for (const run of runs) {
    const lane = JSON.stringify([run.path, run.event, run.headBranch]);
    const list = byLane.get(lane);
    if (list) list.push(run);
    else byLane.set(lane, [run]);
  }
  const superseded = new Set<number>();
  for (const lane of byLane.values()) {
    for (const run of lane) {
      if (run.conclusion !== "cancelled") continue;
      if (lane.some((other) => other.id !== run.id && other.createdAt > run.createdAt && other.createdAt < run.updatedAt)) superseded.add(run.id);
    }
  }
  return superseded;
}
