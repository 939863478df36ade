// Cold `trunkline lint` is bound by YAML parsing and GitHub's parser, a few milliseconds a file:
// with many files to lint, worker threads take batches of them while the main thread lints the
// rest. Starting a worker and loading GitHub's parser in it costs ~100 ms, so small runs stay
// on the main thread.
import type { ExperimentalFeatures } from "@actions/expressions/features";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { LockedActionSpec } from "../actions/locked-catalog.js";
import type { ValidationCache } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RequiredCheck } from "../rules/_define-rule.js";
import { type ReadWorkflow, lintCacheKeys } from "./lint-yaml.js";

/** One file to lint, with what its settings key and rulesets say. */
export interface LintJob {
  file: string;
  text: string;
  rulesKey: string;
  requiredChecks: readonly RequiredCheck[];
}

/** What a worker is started with: the serializable inputs of the rule settings and the parser. */
export interface LintWorkerData {
  /** The config's `lint` section, resolved again in the worker (ignores hold functions). */
  lint: unknown;
  /** The config's text, so that a required check names the line of its entry there too. */
  configText?: string | undefined;
  featureFlags?: ExperimentalFeatures;
  /** The actions lockfile's pins, as entries (a Map is posted as one, but entries read plainly). */
  lockedActions?: [string, { sha: string; tag: string }][];
  /** The locked actions' inputs and outputs, read by the main thread from their metadata. */
  lockedSpecs?: LockedActionSpec[];
  /** Post back each file as data too, for the repository checks (see `onRead` of lintYaml). */
  keepRead?: boolean;
}

/** Files posted to a worker; `knownKeys` are the cache keys of the file the main thread's cache holds. */
export interface LintBatch {
  id: number;
  jobs: (LintJob & { knownKeys: string[] })[];
}

/** A worker's answer to a {@link LintBatch}: per file, its findings and the cache keys to add; or why it failed. */
export type LintBatchResult = { id: number; results: { diagnostics: Diagnostic[]; added: string[]; read?: ReadWorkflow }[]; error?: undefined } | { id: number; error: string; results?: undefined };

/** Options of {@link lintInParallel}. */
export interface ParallelLintOptions extends LintWorkerData {
  /** Lints one file on the main thread, exactly as a run without workers does. */
  lintHere: (job: LintJob) => Promise<Diagnostic[]>;
  validationCache?: ValidationCache;
  /** Worker threads to start; {@link defaultLintWorkers} by default. */
  workers?: number;
  /** Start workers only when more files than this need linting (not known clean to the cache). */
  threshold?: number;
  /** The worker script; the built dist/lint-worker.js by default. */
  workerUrl?: URL;
  /** Given each file a worker read as data, when `keepRead` is set (`lintHere` reports its own). */
  onRead?: (file: string, read: ReadWorkflow) => void;
}

/** Files of a cold run below which no worker is started. */
export const PARALLEL_LINT_THRESHOLD = 64;

const MAX_LINT_WORKERS = 3;
// Files per message: large enough that posting costs little, small enough to share the tail evenly.
const BATCH_SIZE = 8;

/**
 * One worker per core beside the main thread's, at most {@link MAX_LINT_WORKERS}; none on two
 * cores or fewer, where the main thread alone finishes sooner.
 */
export function defaultLintWorkers(cores = availableParallelism()): number {
  // On two cores the second one is not idle beside a lone main thread: V8 compiles hot code and
  // collects garbage there. A worker competes with that, and pays its own start and warm-up
  // (its first files run twice as slow as warm ones) for half the files.
  if (cores <= 2) return 0;
  return Math.min(MAX_LINT_WORKERS, cores - 1);
}

/**
 * Lints `jobs` and returns their findings in the order of `jobs`: on the main thread alone for a
 * small or warm run, else shared with worker threads. A worker that fails to start or dies has its
 * files linted on the main thread, so no result is lost.
 */
export async function lintInParallel(jobs: readonly LintJob[], options: ParallelLintOptions): Promise<Diagnostic[][]> {
  const cache = options.validationCache;
  const workerCount = options.workers ?? defaultLintWorkers();
  const workerUrl = options.workerUrl ?? builtWorkerUrl();
  const threshold = options.threshold ?? PARALLEL_LINT_THRESHOLD;
  const results: Diagnostic[][] = [];
  const lintAllHere = async () => {
    for (const [index, job] of jobs.entries()) results[index] = await options.lintHere(job);
    return results;
  };
  // hashed only when workers could share the files: lintHere hashes each file itself
  if (workerCount <= 0 || jobs.length <= threshold || !workerUrl) return lintAllHere();
  const keys = jobs.map((job) => lintCacheKeys(job.file, job.text, options.featureFlags, job.rulesKey));
  const uncached = jobs.flatMap((_, index) => (keys[index]!.cleanKey !== undefined && cache?.has(keys[index]!.cleanKey!) ? [] : [index]));
  if (uncached.length <= threshold) return lintAllHere();
  // Files the cache knows clean give nothing, as lintYaml would find.
  for (const [index] of jobs.entries()) results[index] = [];
  const queue = [...uncached];
  const inFlight = new Map<number, { worker: Worker; indexes: number[] }>();
  let nextBatch = 0;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const workers: Worker[] = [];
  // A dead worker's outstanding files go back to the queue, to be linted here.
  const abandon = (worker: Worker) => {
    const index = workers.indexOf(worker);
    if (index < 0) return;
    workers.splice(index, 1);
    for (const [id, batch] of inFlight) {
      if (batch.worker !== worker) continue;
      inFlight.delete(id);
      queue.unshift(...batch.indexes);
    }
    void worker.terminate();
    notify();
  };
  const post = (worker: Worker) => {
    if (queue.length === 0 || !workers.includes(worker)) return;
    const indexes = queue.splice(0, BATCH_SIZE);
    const id = nextBatch++;
    inFlight.set(id, { worker, indexes });
    const batch: LintBatch = { id, jobs: indexes.map((index) => ({ ...jobs[index]!, knownKeys: cache?.has(keys[index]!.cacheKey) ? [keys[index]!.cacheKey] : [] })) };
    try {
      worker.postMessage(batch);
    } catch {
      abandon(worker);
    }
  };
  for (let count = 0; count < workerCount; count++) {
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { workerData: { lint: options.lint, configText: options.configText, featureFlags: options.featureFlags, ...(options.lockedActions ? { lockedActions: options.lockedActions } : {}), ...(options.lockedSpecs ? { lockedSpecs: options.lockedSpecs } : {}), ...(options.keepRead ? { keepRead: true } : {}) } satisfies LintWorkerData });
    } catch {
      break;
    }
    workers.push(worker);
    worker.on("message", (reply: LintBatchResult) => {
      const batch = inFlight.get(reply.id);
      if (!batch) return;
      inFlight.delete(reply.id);
      if (reply.results) {
        for (const [position, result] of reply.results.entries()) {
          results[batch.indexes[position]!] = result.diagnostics;
          if (result.read) options.onRead?.(jobs[batch.indexes[position]!]!.file, result.read);
          for (const key of result.added) cache?.add(key);
        }
        post(worker);
      } else {
        queue.unshift(...batch.indexes);
      }
      notify();
    });
    worker.on("error", () => abandon(worker));
    worker.on("exit", () => abandon(worker));
    // Two batches each, so a worker has its next files while the main thread is busy with one.
    post(worker);
    post(worker);
  }
  try {
    while (queue.length > 0 || inFlight.size > 0) {
      const index = queue.shift();
      if (index === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      results[index] = await options.lintHere(jobs[index]!);
      // Let the workers' messages in between files: linting one never waits on I/O.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    for (const worker of [...workers]) abandon(worker);
  }
  return results;
}

// In the bundle this module sits in dist/cli.js or a chunk under dist/chunks/; run from src/ (tests),
// it uses the build.
function builtWorkerUrl(): URL | undefined {
  const candidates = ["./lint-worker.js", "../lint-worker.js", "../../dist/lint-worker.js"].map((relative) => new URL(relative, import.meta.url));
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
}
