import { type SpawnSyncReturns, spawnSync } from "node:child_process";

/** Options of {@link timeCommand}. */
export interface TimeCommandOptions {
  cwd: string;
  /** Timed runs, after the warm-up runs. */
  runs: number;
  /** Untimed runs first, so disk caches and the first-run output writes do not count. @default 1 */
  warmups?: number;
  /** Runs before every run (warm-ups included), outside the timing: reset caches, touch files. */
  before?: () => void;
  /** Runs after every run, outside the timing; throw to fail the benchmark. @default exit status 0 */
  check?: (result: SpawnSyncReturns<string>) => void;
  env?: NodeJS.ProcessEnv;
}

/** How long a command took over several runs, in milliseconds. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** Times a whole process (start-up included) the way a user meets it: spawned, waited for. */
export function timeCommand(command: string, args: readonly string[], options: TimeCommandOptions): Timing {
  const check = options.check ?? expectSuccess(command, args);
  const once = (): number => {
    options.before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.error) throw result.error;
    check(result);
    return elapsed;
  };
  for (let index = 0; index < (options.warmups ?? 1); index++) once();
  const samples = Array.from({ length: options.runs }, once);
  return summarize(samples);
}

/** Median, min and max of some samples. */
export function summarize(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error("no samples to summarize");
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples: [...samples] };
}

/** A {@link TimeCommandOptions.check} that fails on a non-zero exit, showing the command's output. */
export function expectSuccess(command: string, args: readonly string[]): (result: SpawnSyncReturns<string>) => void {
  return (result) => {
    if (result.status === 0) return;
    const how = result.signal ? `was killed by ${result.signal}` : `exited with ${String(result.status)}`;
    throw new Error(`${[command, ...args].join(" ")} ${how}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  };
}
