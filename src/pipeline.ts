import { type CompileResult, type Validator, compile } from "./compile.js";
import { type Diagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { Io } from "./io/io.js";
import { discover } from "./load/discover.js";
import { readDisk } from "./sync/disk.js";
import { type SyncPlan, planSync } from "./sync/plan-sync.js";
import { defaultValidators } from "./validate/default-validators.js";
import path from "node:path";

/** What one pass of discover → load → compile → plan found. */
export interface PipelineResult {
  compiled: CompileResult;
  plan: SyncPlan;
  /** Load, config and compile diagnostics, sorted; sync blockers are in `plan.blockers`. */
  diagnostics: Diagnostic[];
}

/** Runs every stage but the write; `gen` applies the plan, `check` reports it. */
export async function runPipeline(io: Io, options: { force: boolean; validators?: readonly Validator[] }): Promise<PipelineResult> {
  const discovery = await discover(io);
  const validationCache = await io.openValidationCache();
  const compiled = await compile(discovery.targets, {
    validators: async () => options.validators ?? (await defaultValidators()),
    validationCache,
    featureFlags: discovery.featureFlags,
    relativize: (file) => path.relative(io.root, file).split(path.sep).join("/"),
  });
  await validationCache?.save();
  const disk = await readDisk(io, discovery.targets.map((entry) => entry.target));
  const plan = planSync(compiled.files, disk, options);
  return { compiled, plan, diagnostics: sortDiagnostics([...discovery.diagnostics, ...compiled.diagnostics]) };
}
