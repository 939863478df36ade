import { performance } from "node:perf_hooks";

// Off unless a profiling caller turns it on: a mark is then one array push.
let marks: [string, number][] | undefined;

/** Starts recording {@link markStage} calls (the watch's `TRUNKLINE_PROFILE_WATCH=1`). */
export function startStageMarks(): void {
  marks = [["start", performance.now()]];
}

/** Notes that the stage named `label` has just ended; a no-op unless marks are being recorded. */
export function markStage(label: string): void {
  marks?.push([label, performance.now()]);
}

/** The milliseconds each stage took since {@link startStageMarks}, in order; stops recording. */
export function takeStageMarks(): { stage: string; ms: number }[] {
  const taken = marks ?? [];
  marks = undefined;
  return taken.slice(1).map(([stage, at], index) => ({ stage, ms: at - taken[index]![1] }));
}
