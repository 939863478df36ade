import { BASELINE_FILE, baselineOutputs } from "./baseline/baseline.js";
import { type CompileMemo, type CompileResult, type Validator, compile } from "./compile.js";
import { type Diagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { Io } from "./io/io.js";
import { discover } from "./load/discover.js";
import { locateExport } from "./load/locate-export.js";
import { toSourcePosition } from "./load/source-map.js";
import { readDisk } from "./sync/disk.js";
import { checkEmptyTargets } from "./sync/empty-targets.js";
import { type SyncPlan, planSync } from "./sync/plan-sync.js";
import { defaultValidators } from "./validate/default-validators.js";
import { VALIDATION_WORKER_THRESHOLD, type ValidationPool, createValidationPool } from "./validate/validation-pool.js";
import { CONFIG_FILE } from "./config/resolve-config.js";
import { resolveLintSettings } from "./rules/_settings.js";
import { allRules } from "./rules/index.js";
import { createRuleRunner } from "./validate/run-rules.js";
import { readRulesetFiles } from "./validate/ruleset-checks.js";
import { repositoryPrefixOf } from "./config/repository-layout.js";
import type { RulesetFile } from "./rulesets/compile-rulesets.js";
import { createRepositoryRuleRunner } from "./rulesets/run-repository-rules.js";
import { withLf } from "./sync/line-endings.js";
import { MANIFEST_FILE, parseManifest, sha256 } from "./sync/manifest.js";
import path from "node:path";
import { LOCKFILE, lockedPinsOf, parseLockfile, releaseTagsOf } from "./actions/lockfile.js";
import { lockedActionCatalog } from "./actions/locked-catalog.js";
import { markStage } from "./io/stage-marks.js";
import { releaseOptimizingCompiler, sizeKnown } from "./io/optimizing-compiler.js";

/** What one pass of discover → load → compile → plan found. */
export interface PipelineResult {
  compiled: CompileResult;
  plan: SyncPlan;
  /** Load, config and compile diagnostics, sorted; sync blockers are in `plan.blockers`. */
  diagnostics: Diagnostic[];
}

/**
 * Runs every stage but the write; `gen` applies the plan, `check` reports it. Findings the
 * baseline (`.trunkline/baseline.json`) accepts are left out.
 */
export async function runPipeline(io: Io, options: { force: boolean; validators?: readonly Validator[]; memo?: CompileMemo }): Promise<PipelineResult> {
  // A one-shot run with the default validators checks outputs on a worker thread when there are
  // many: started as soon as many sources compile (their outputs are then likely new), so that it
  // loads the validators while esbuild runs. One edited source is checked here: starting a thread
  // costs more CPU than it saves. The watch keeps its state in one thread, and validators given by
  // the caller run where they are.
  const pool = options.validators || options.memo ? undefined : createValidationPool(() => defaultValidators());
  try {
    return await runStages(io, options, pool);
  } finally {
    await pool?.close();
  }
}

async function runStages(io: Io, options: { force: boolean; validators?: readonly Validator[]; memo?: CompileMemo }, pool: ValidationPool | undefined): Promise<PipelineResult> {
  const discovery = await discover(io, {
    onCompile: (count) => {
      sizeKnown(count);
      if (count >= VALIDATION_WORKER_THRESHOLD) pool?.start();
    },
  });
  markStage("discover");
  const validationCache = await io.openValidationCache();
  // the config's text only when findings may name a line of it
  const hasRequiredChecks = Array.isArray((discovery.lint as { requiredChecks?: unknown } | undefined)?.requiredChecks);
  const lint = resolveLintSettings(discovery.lint, allRules, CONFIG_FILE, hasRequiredChecks ? await io.readText(CONFIG_FILE) : undefined);
  const lockText = await io.readText(LOCKFILE);
  // the locked actions' inputs are read only when some output is not known clean
  const locked = lockedActionCatalog(io, lockText);
  const runRules = createRuleRunner({ settings: lint.settings, actions: locked.catalog, lockedActions: lockedPinsOf(lockText) });
  // Each target is a repository of its own. Its generated rulesets come from this run (compile);
  // those on disk that trunkline never wrote (not in the manifest) are read here and checked too.
  const owned = parseManifest(await io.readText(MANIFEST_FILE)).files;
  const rulesetsOnDisk = new Map<string, RulesetFile[]>();
  for (const { target } of discovery.targets) {
    const kept = await readRulesetFiles(io, repositoryPrefixOf(target.outDir));
    rulesetsOnDisk.set(target.name, kept.filter((ruleset) => !(ruleset.file in owned)));
  }
  const { releaseTags, lockDiagnostics } = releaseTagsFrom(lockText);
  markStage("settings");
  const compiled = await compile(discovery.targets, {
    releaseTags,
    memo: options.memo,
    validators: async () => options.validators ?? (await defaultValidators()),
    validationCache,
    ...(pool ? { validationPool: pool } : {}),
    emitCache: validationCache,
    // an output remembered clean is checked again once the lockfile (so an action's inputs) changes
    rulesKey: JSON.stringify([discovery.lint ?? null, [...rulesetsOnDisk], lockText === undefined ? null : sha256(lockText)]),
    featureFlags: discovery.featureFlags,
    toSource: (position) => {
      const mapped = toSourcePosition(position);
      return { ...mapped, file: path.relative(io.root, mapped.file).split(path.sep).join("/") };
    },
    runRules,
    prepareRules: locked.load,
    rulesetsOnDisk,
    runRepositoryRules: createRepositoryRuleRunner({ settings: lint.settings }),
    actionValidator: async () => (await import("./validate/action-parser.js")).validateActionWithParser,
  });
  markStage("compile");
  releaseOptimizingCompiler();
  // the cache is saved while the outputs on disk are read: neither waits for the other
  const [, disk] = await Promise.all([validationCache?.save(), readDisk(io, discovery.targets.map((entry) => entry.target), compiled.files.map((file) => file.path))]);
  markStage("read disk");
  const hashes = options.memo?.hashes;
  const plan = planSync(compiled.files, disk, { force: options.force, ...(hashes ? { hash: (text: string) => hashes.of(text) } : {}) });
  markStage("plan");
  const emptyTargets = discovery.unmatched.length ? checkEmptyTargets(discovery.unmatched, discovery.configured, disk, discovery.configured ? await io.readText(CONFIG_FILE) : undefined) : [];
  // accepted findings are dropped; a baseline whose findings were fixed is written back smaller
  const baselineText = await io.readText(BASELINE_FILE);
  const baselined = baselineOutputs(compiled.diagnostics, compiled.files, baselineText === undefined ? undefined : withLf(baselineText));
  if (baselined.prunedText !== undefined) plan.writes.push({ path: BASELINE_FILE, text: baselined.prunedText });
  const located = await locateExports(io, baselined.diagnostics);
  // a source's timer or promise may have tried to end the process while the outputs were compiled
  const faults = io.takeSourceFaults();
  markStage("baseline");
  return { compiled, plan, diagnostics: sortDiagnostics([...discovery.diagnostics, ...emptyTargets, ...lint.diagnostics, ...lockDiagnostics, ...located, ...faults]) };
}

// The lockfile's pins and their tags, for the version comment beside each pin.
function releaseTagsFrom(text: string | undefined): { releaseTags?: ReadonlyMap<string, string>; lockDiagnostics: Diagnostic[] } {
  if (text === undefined) return { lockDiagnostics: [] };
  const lock = parseLockfile(text);
  if ("problem" in lock) return { lockDiagnostics: [{ rule: "actions", severity: "error", file: LOCKFILE, message: lock.problem, hint: `fix ${LOCKFILE}, or restore it from git` }] };
  return { releaseTags: releaseTagsOf(lock), lockDiagnostics: [] };
}

// A diagnostic about a source's export (path ["export", name]) gets the line that declares it;
// read only for such diagnostics, so a clean run opens no source file.
async function locateExports(io: Io, diagnostics: Diagnostic[]): Promise<Diagnostic[]> {
  return Promise.all(
    diagnostics.map(async (diagnostic) => {
      if (diagnostic.line !== undefined || diagnostic.path?.[0] !== "export" || typeof diagnostic.path[1] !== "string") return diagnostic;
      const text = await io.readText(diagnostic.file);
      const position = text === undefined ? undefined : locateExport(text, diagnostic.path[1]);
      return position ? { ...diagnostic, ...position } : diagnostic;
    }),
  );
}
