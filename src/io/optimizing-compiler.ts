// V8 compiles a hot function a second time with its optimizing compiler, on a thread of its own.
// In a cold gen of a few hundred sources that thread has no core to itself: the main thread runs
// the rules and the validation worker GitHub's parser, and neither loop runs long enough to repay
// the compiles (GitHub's parser reads emitted values, src/validate/model-reader.ts: nothing parses
// YAML). So a one-shot gen or check starts without it, and learns how big the run is when the
// sources to compile are known:
// - fewer than start the validation worker (an edit): one core is free, the compiles cost nothing
//   there, and the loops over every model (normalize, emit, hash) repay them: on again;
// - from the worker's threshold to OPTIMIZED_RUN_SOURCES: off. Cold gen of 200 sources: 0.85x the
//   wall time, paired; of 400: 0.95x;
// - from OPTIMIZED_RUN_SOURCES on, the loops do run long enough (1,000 sources: 1.08x without): on.
// Once the outputs are checked it is on again whatever the size: what follows (check's diff of a
// drifted file, a long one rewritten whole) may loop long over one text.
// Lint parses every file it reads and keeps it: 500 files take 1.33x without.
import { setFlagsFromString } from "node:v8";
import { VALIDATION_WORKER_THRESHOLD } from "../validate/validation-pool.js";

/** Sources to compile from which a run repays optimizing compiles though both cores are busy (measured: 400 do not, 1,000 do). */
export const OPTIMIZED_RUN_SOURCES = 600;

let held = false;

/** For a one-shot gen or check, before any work: the optimizing compiler is off until {@link sizeKnown}. */
export function holdOptimizingCompiler(): void {
  setFlagsFromString("--no-turbofan");
  held = true;
}

/** The run compiles `sources` sources: turns the optimizing compiler back on where that repays it. Nothing when it was not held. */
export function sizeKnown(sources: number): void {
  if (sources >= VALIDATION_WORKER_THRESHOLD && sources < OPTIMIZED_RUN_SOURCES) return;
  releaseOptimizingCompiler();
}

/** The outputs are checked: the optimizing compiler is on again for the rest of the run. Nothing when it was not held. */
export function releaseOptimizingCompiler(): void {
  if (!held) return;
  setFlagsFromString("--turbofan");
  held = false;
}
