// A one-shot gen or check starts without V8's optimizing compiler (bin/v8-tuning.js): most runs
// are too short to repay its compiles. A run that compiles many sources is long enough, and turns
// it back on before the sources load. Elsewhere (tests, the watch, the background server) it is on
// already, and this changes nothing.
import { setFlagsFromString } from "node:v8";

/** Sources to compile from which a run is long enough to repay optimizing compiles (measured: 400 are not, 1,000 are). */
export const OPTIMIZED_RUN_SOURCES = 600;

/** Turns V8's optimizing compiler on for a run about to compile `sources` sources, when that many repay it. */
export function optimizeLongRun(sources: number): void {
  if (sources >= OPTIMIZED_RUN_SOURCES) setFlagsFromString("--turbofan");
}
