// The worker-thread side of a gen's validation pool (validation-pool.ts): checks each output the
// main thread posts with the schema and GitHub's parser and posts back the findings. Built as its
// own entry point, dist/validate-worker.js, sharing the CLI's chunks.
import { parentPort } from "node:worker_threads";
import type { Validator } from "../compile.js";
import { defaultValidators } from "./default-validators.js";
import type { ValidationJob, ValidationReply } from "./validation-pool.js";

const check = async (validators: readonly Validator[], job: Omit<ValidationJob, "id">) => (await Promise.all(validators.map((validate) => validate(job)))).flat();
// The worker starts while the sources compile: it loads the validators and builds the parser's
// definition then, work the first output would otherwise wait for.
const ready = Promise.all([defaultValidators(), import("./parser.js").then(({ prepareParser }) => prepareParser())]).then(([validators]) => validators);
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
