// The worker-thread side of a parallel `trunkline lint` (see lint-parallel.ts): lints the batches
// of files the main thread posts, with the same settings, and posts back the findings and the
// cache keys to record. Built as its own entry point, dist/lint-worker.js.
import { parentPort, workerData } from "node:worker_threads";
import type { Validator } from "../compile.js";
import { catalogOfLockedSpecs } from "../actions/locked-catalog.js";
import { bundledActionCatalog } from "../rules/_action-catalog.js";
import { CONFIG_FILE } from "../config/resolve-config.js";
import { resolveLintSettings } from "../rules/_settings.js";
import { allRules } from "../rules/index.js";
import { defaultValidators } from "./default-validators.js";
import type { LintBatch, LintBatchResult, LintWorkerData } from "./lint-parallel.js";
import { type ReadWorkflow, lintYaml } from "./lint-yaml.js";
import { createRuleRunner } from "./run-rules.js";

const data = workerData as LintWorkerData;
// Ignores hold matcher functions, which cannot be posted: resolve them here from the same config
// section. Its problems were already reported by the main thread.
const settings = resolveLintSettings(data.lint, allRules, CONFIG_FILE, data.configText).settings;
const actions = catalogOfLockedSpecs(data.lockedSpecs ?? [], bundledActionCatalog());
const runRules = createRuleRunner({ settings, actions, lockedActions: new Map(data.lockedActions ?? []) });
let loading: Promise<readonly Validator[]> | undefined;
const validators = () => (loading ??= defaultValidators());

parentPort!.on("message", async (batch: LintBatch) => {
  let reply: LintBatchResult;
  try {
    const results: LintBatchResult["results"] = [];
    for (const job of batch.jobs) {
      // The main thread owns the cache: this one only knows the keys it was told and collects new ones.
      const known = new Set(job.knownKeys);
      const added: string[] = [];
      const validationCache = { has: (key: string) => known.has(key), add: (key: string) => void added.push(key) };
      let read: ReadWorkflow | undefined;
      const onRead = data.keepRead ? (workflow: ReadWorkflow) => void (read = workflow) : undefined;
      const diagnostics = await lintYaml(job.file, job.text, { validators, runRules, featureFlags: data.featureFlags, validationCache, rulesKey: job.rulesKey, requiredChecks: job.requiredChecks, ...(onRead ? { onRead } : {}) });
      results.push({ diagnostics, added, ...(read ? { read } : {}) });
    }
    reply = { id: batch.id, results };
  } catch (error) {
    // The main thread lints the batch itself, so an unexpected throw surfaces there as it would without workers.
    reply = { id: batch.id, error: String((error as Error).stack ?? error) };
  }
  parentPort!.postMessage(reply);
});
