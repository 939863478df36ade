// A cold gen spends most of its time checking the outputs with GitHub's parser, a few milliseconds
// each, after loading ~300 KB of code for it. A worker thread started as soon as many sources need
// compiling loads it while esbuild runs and the sources import, then checks outputs while the main
// thread emits the next and runs the rules. The worker runs the parser alone: the schema has
// something to say only about an output the parser found fault with (default-validators.ts), and
// the main thread adds its findings to those. Run from src/ (the tests, in-process), no worker is
// ever started: the checks run on the calling thread, as before.
import type { ExperimentalFeatures } from "@actions/expressions/features";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { Validator } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { JsonObject } from "../model/json.js";
import { withSchemaFindings } from "./default-validators.js";

/** One output to check, as posted to the worker (plain data). */
export interface ValidationJob {
  id: number;
  model: JsonObject;
  text: string;
  file: string;
  featureFlags?: ExperimentalFeatures;
  /** The text is what the emitter wrote from `model` (see Validator). */
  emitted?: boolean;
}

/** The worker's answer to a {@link ValidationJob}: the findings of every validator, or why it failed. */
export type ValidationReply = { id: number; diagnostics: Diagnostic[]; error?: undefined } | { id: number; error: string; diagnostics?: undefined };

/** Checks outputs with the default validators, on a worker thread when one runs. */
export interface ValidationPool {
  /** Starts the worker now (idempotent), so that it loads the validators while other work goes on. */
  start(): void;
  /** The findings of the schema and GitHub's parser for one output, in that order (the default validators'). */
  validate(input: Omit<ValidationJob, "id">): Promise<Diagnostic[]>;
  /** Ends the worker; outputs still outstanding are checked on this thread. */
  close(): Promise<void>;
}

/** Sources compiled, or outputs to check, in one run, from which the worker is started. */
export const VALIDATION_WORKER_THRESHOLD = 16;

/** How long the worker may owe answers without giving one before its outputs are checked here. */
export const VALIDATION_WORKER_SILENCE_MS = 60_000;

/** Options of {@link createValidationPool}. */
export interface ValidationPoolOptions {
  /** The worker script; the bundle's own by default. */
  workerUrl?: URL;
  /** How long the worker may owe answers without giving one; {@link VALIDATION_WORKER_SILENCE_MS} by default. */
  silenceMs?: number;
}

/**
 * A pool of one worker thread beside the main thread. `validateHere` (the default validators)
 * checks one output on the calling thread: used until the worker starts, and for every output it
 * could not check (it failed to start, died, or threw). The worker runs GitHub's parser and this
 * thread adds the schema's findings, as the default validators do on one thread, so no result
 * depends on where an output was checked.
 */
export function createValidationPool(validateHere: () => Promise<readonly Validator[]>, options: ValidationPoolOptions = {}): ValidationPool {
  const workerUrl = options.workerUrl ?? builtWorkerUrl();
  const silenceMs = options.silenceMs ?? VALIDATION_WORKER_SILENCE_MS;
  // No wait is unbounded: a worker silent that long while it owes answers is given up.
  let silence: ReturnType<typeof setTimeout> | undefined;
  const watchSilence = () => {
    if (silence) clearTimeout(silence);
    silence = waiting.size ? setTimeout(abandon, silenceMs) : undefined;
    silence?.unref();
  };
  const waiting = new Map<number, { job: ValidationJob; resolve: (found: Diagnostic[]) => void; reject: (error: unknown) => void }>();
  let worker: Worker | undefined;
  let failed = !workerUrl;
  let nextId = 0;
  let count = 0;
  // An output the worker never got, or could not check.
  const here = async (job: ValidationJob): Promise<Diagnostic[]> => {
    const input = { model: job.model, text: job.text, file: job.file, featureFlags: job.featureFlags, emitted: job.emitted };
    return (await Promise.all((await validateHere()).map((validate) => validate(input)))).flat();
  };
  // Every output the worker still owes is checked here instead.
  const abandon = () => {
    if (failed) return;
    failed = true;
    if (silence) clearTimeout(silence);
    const owed = [...waiting.values()];
    waiting.clear();
    void worker?.terminate();
    for (const { job, resolve, reject } of owed) here(job).then(resolve, reject);
  };
  const start = () => {
    if (worker || failed) return;
    try {
      // required here, not imported: a run that checks nothing never loads it
      const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
      worker = new Worker(workerUrl!);
    } catch {
      failed = true;
      return;
    }
    worker.on("message", (reply: ValidationReply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      watchSilence();
      if (waiting.size === 0) worker?.unref();
      if (reply.diagnostics) withSchemaFindings(entry.job, reply.diagnostics).then(entry.resolve, entry.reject);
      // a throw in the worker is checked again here, where it surfaces as it would without one
      else here(entry.job).then(entry.resolve, entry.reject);
    });
    worker.on("error", abandon);
    worker.on("exit", abandon);
    // An idle worker must not keep the process alive: the load of the sources tells a top-level
    // await that nothing can settle by the event loop running empty. It holds it while it owes
    // answers. After the listeners: adding one holds it again.
    worker.unref();
  };
  return {
    start,
    async validate(input) {
      const id = nextId++;
      if (++count > VALIDATION_WORKER_THRESHOLD) start();
      if (!worker || failed) return here({ id, ...input });
      const job: ValidationJob = { id, ...input };
      return new Promise<Diagnostic[]>((resolve, reject) => {
        waiting.set(job.id, { job, resolve, reject });
        if (waiting.size === 1) watchSilence();
        worker!.ref();
        try {
          // The parser reads an output of gen from its value (model-reader.ts), and any other from its
          // text alone: then the model, which the schema reads here, is not copied.
          worker!.postMessage(job.emitted ? job : { ...job, model: {} });
        } catch {
          abandon();
        }
      });
    },
    async close() {
      if (!worker) return;
      const ending = worker;
      worker.off("exit", abandon);
      worker.off("error", abandon);
      if (silence) clearTimeout(silence);
      if (waiting.size) abandon();
      failed = true;
      await ending.terminate();
    },
  };
}

// Only from the bundle (dist/cli.js or a chunk under dist/chunks/): run from src/, the worker
// script beside it would be a build of other code.
function builtWorkerUrl(): URL | undefined {
  if (!/\/dist\/(chunks\/)?[^/]+\.js$/.test(import.meta.url)) return undefined;
  const candidates = ["./validate-worker.js", "../validate-worker.js"].map((relative) => new URL(relative, import.meta.url));
  return candidates.find((candidate) => existsSync(fileURLToPath(candidate)));
}
