// The worker-thread side of a gen's validation pool (validation-pool.ts): checks each output the
// main thread posts with GitHub's parser and posts back the findings; the main thread adds the
// schema's to an output with some. Built as its own entry point, dist/validate-worker.js, sharing
// the CLI's chunks.
import { parentPort } from "node:worker_threads";
import { prepareParserLayer } from "./default-validators.js";
import type { ValidationJob, ValidationReply } from "./validation-pool.js";

// The worker starts while the sources compile: it loads the parser and builds its definition then,
// work the first output would otherwise wait for.
const ready = prepareParserLayer();
// One output at a time, in the order posted.
let queue: Promise<unknown> = ready.catch(() => undefined);

parentPort!.on("message", (job: ValidationJob) => {
  queue = queue.then(async () => {
    let reply: ValidationReply;
    try {
      const validateWithParser = await ready;
      reply = { id: job.id, diagnostics: await validateWithParser(job) };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error).stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
});
