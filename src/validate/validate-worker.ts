// The worker-thread side of a gen's validation pool (validation-pool.ts): checks each output the
// main thread posts with the layers it was given (GitHub's parser; the schema too, unless the main
// thread runs it) and posts back the findings. Built as its own entry point, dist/validate-worker.js,
// sharing the CLI's chunks.
import { parentPort, workerData } from "node:worker_threads";
import type { Validator } from "../compile.js";
import { prepareValidators } from "./default-validators.js";
import type { ValidationJob, ValidationReply } from "./validation-pool.js";

const check = async (validators: readonly Validator[], job: Omit<ValidationJob, "id">) => (await Promise.all(validators.map((validate) => validate(job)))).flat();
// The worker starts while the sources compile: it loads the validators and builds the parser's
// definition then, work the first output would otherwise wait for.
// The layers before `firstLayer` are run by the main thread.
const ready = prepareValidators((workerData as { firstLayer?: number } | undefined)?.firstLayer ?? 0);
// One output at a time, in the order posted.
let queue: Promise<unknown> = ready.catch(() => undefined);

parentPort!.on("message", (job: ValidationJob) => {
  queue = queue.then(async () => {
    let reply: ValidationReply;
    try {
      reply = { id: job.id, diagnostics: await check(await ready, job) };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error).stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
});
