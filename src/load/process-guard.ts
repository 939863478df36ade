import { writeSync } from "node:fs";

/**
 * Thrown in place of ending the process when a guarded source calls `process.exit()` (or
 * `process.abort()`, or kills its own process): like the real call, it stops the code after it.
 * The call is also recorded, because a source may catch what it throws.
 */
export class ProcessEndAttempt extends Error {
  /** The call as written, e.g. `process.exit(0)`. */
  readonly call: string;
  constructor(call: string) {
    super(`${call} was called while trunkline loaded the sources`);
    this.name = "ProcessEndAttempt";
    this.call = call;
  }
}

/** Something a source did that it may not: end the process, or let an error escape from a timer or promise. */
export type SourceFault = { kind: "end"; attempt: ProcessEndAttempt } | { kind: "uncaught"; error: unknown };

/** Options of {@link guardProcess}. */
export interface GuardOptions {
  /**
   * Also catch errors that escape from timers and promises: those a source started are recorded,
   * any other ends the process with code 70 as a bug. Only for the CLI's own process: in a host
   * (a test runner) the host's listeners would see them as well.
   */
  catchUncaught?: boolean;
}

// Captured before any guard replaces them: the CLI's own exit must be the real one, and a
// released guard puts back the very functions it found.
const realExit = process.exit;
const realAbort = process.abort;
const realKill = process.kill;

/** Ends the process for real, whatever guard is in place. */
export const exitProcess = (code: number): never => realExit.call(process, code);

// A source that keeps calling exit from an interval must not fill memory.
const MAX_FAULTS = 100;
const faults: SourceFault[] = [];
let holders = 0;
let uncaughtHolders = 0;

/**
 * Replaces `process.exit`, `process.abort` and `process.kill` of this very process, so that a
 * source importing in this process cannot end it: each attempt is recorded and throws
 * {@link ProcessEndAttempt}. Returns the release; nested guards share one set of stubs, removed
 * when the last is released.
 */
export function guardProcess(options: GuardOptions = {}): () => void {
  if (holders++ === 0) {
    process.exit = ((code?: number | string | null) => endAttempt(`process.exit(${code === undefined ? "" : JSON.stringify(code)})`)) as typeof process.exit;
    process.abort = (() => endAttempt("process.abort()")) as typeof process.abort;
    process.kill = ((pid: number, signal?: string | number) => {
      // only the process itself (pid 0 is its own process group): other processes are not trunkline's
      if (Number(pid) === process.pid || Number(pid) === 0) return endAttempt(`process.kill(process.pid${signal === undefined ? "" : `, ${JSON.stringify(signal)}`})`);
      return realKill.call(process, pid, signal);
    }) as typeof process.kill;
  }
  if (options.catchUncaught && uncaughtHolders++ === 0) {
    process.on("uncaughtException", onEscaped);
    process.on("unhandledRejection", onEscaped);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (options.catchUncaught && --uncaughtHolders === 0) {
      process.off("uncaughtException", onEscaped);
      process.off("unhandledRejection", onEscaped);
    }
    if (--holders === 0) {
      process.exit = realExit;
      process.abort = realAbort;
      process.kill = realKill;
    }
  };
}

/** The faults recorded since the last call, oldest first; each is returned once. */
export function takeSourceFaults(): SourceFault[] {
  return faults.splice(0, faults.length);
}

/** Drops a recorded attempt that was reported another way (its import rejected with it). */
export function forgetEndAttempt(attempt: ProcessEndAttempt): void {
  const index = faults.findIndex((fault) => fault.kind === "end" && fault.attempt === attempt);
  if (index >= 0) faults.splice(index, 1);
}

function endAttempt(call: string): never {
  const attempt = new ProcessEndAttempt(call);
  record({ kind: "end", attempt });
  throw attempt;
}

function record(fault: SourceFault): void {
  if (faults.length < MAX_FAULTS) faults.push(fault);
}

// Compiled sources live in .trunkline/cache/; an error whose stack passes through one came from a source.
const COMPILED_SOURCE_FRAME = /[\\/]\.trunkline[\\/]cache[\\/]/;

function onEscaped(error: unknown): void {
  if (error instanceof ProcessEndAttempt) return; // recorded when it was thrown
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  if (COMPILED_SOURCE_FRAME.test(stack)) {
    record({ kind: "uncaught", error });
    return;
  }
  // Not a source's: a bug, reported as the CLI reports any other (written synchronously, the process ends now).
  writeSync(2, `trunkline: internal error: ${stack || String(error)}\nPlease report it with the command you ran.\n`);
  exitProcess(70);
}
