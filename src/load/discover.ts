import type { ExperimentalFeatures } from "@actions/expressions/features";
import type { TargetConfig } from "../config/define-config.js";
import { CONFIG_FILE, SOURCE_DIR, checkConfig, defaultTargets } from "../config/resolve-config.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Io } from "../io/io.js";
import type { TargetSources } from "../compile.js";
import { markStage } from "../io/stage-marks.js";
import { LOAD_TIMEOUT_ENV, checkLoadTimeoutConfig, loadTimeoutOf } from "./load-timeout.js";

/** The targets and their loaded sources, plus anything that failed to load. */
export interface Discovery {
  targets: TargetSources[];
  featureFlags?: ExperimentalFeatures;
  /** The config's `lint` section, unchecked (see `resolveLintSettings`). */
  lint?: unknown;
  /** Whether the targets are the config's own (`targets` in trunkline.config.ts) rather than the default layout. */
  configured: boolean;
  /** Targets whose source globs match no file (see `checkEmptyTargets`). */
  unmatched: TargetConfig[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the config (or the default layout), finds each target's sources and imports them all in
 * one batch. `onCompile` is called with how many sources have to be compiled again (none too), before esbuild runs.
 */
export async function discover(io: Io, hooks: { onCompile?: (count: number) => void } = {}): Promise<Discovery> {
  const targetFolders = await io.listFolders(`${SOURCE_DIR}/targets`);
  let targets: TargetConfig[] = defaultTargets(targetFolders);
  let featureFlags: ExperimentalFeatures | undefined;
  let lint: unknown;
  let configured = false;
  let loadTimeout: unknown;
  const diagnostics: Diagnostic[] = [];
  if ((await io.readText(CONFIG_FILE)) !== undefined) {
    const loaded = await io.loadModules([CONFIG_FILE], "config");
    diagnostics.push(...loaded.diagnostics);
    const module = loaded.modules.get(CONFIG_FILE);
    if (!module) return { targets: [], configured: false, unmatched: [], diagnostics };
    const checked = checkConfig(module.default, targetFolders);
    diagnostics.push(...checked.diagnostics);
    targets = checked.targets;
    configured = checked.config.targets !== undefined;
    featureFlags = checked.config.parser?.featureFlags;
    lint = checked.config.lint;
    loadTimeout = checked.config.loadTimeout;
    const timeoutProblem = checkLoadTimeoutConfig(loadTimeout, CONFIG_FILE);
    if (timeoutProblem) diagnostics.push(timeoutProblem);
  }
  const filesByTarget = await Promise.all(targets.map((target) => io.glob(target.sources)));
  const allFiles = [...new Set(filesByTarget.flat())].sort();
  markStage("config, glob");
  const loadOptions = { timeoutSeconds: loadTimeoutOf(io.env, loadTimeout), raiseTimeoutHint: `raise loadTimeout in ${CONFIG_FILE}, or set ${LOAD_TIMEOUT_ENV}=<seconds> for one run`, ...(hooks.onCompile ? { onCompile: hooks.onCompile } : {}) };
  const loaded = allFiles.length ? await io.loadModules(allFiles, "sources", loadOptions) : { modules: new Map<string, Record<string, unknown>>(), diagnostics: [] };
  diagnostics.push(...loaded.diagnostics);
  return {
    featureFlags,
    lint,
    configured,
    unmatched: targets.filter((_, index) => filesByTarget[index]!.length === 0),
    diagnostics,
    targets: targets.map((target, index) => ({
      target,
      sources: filesByTarget[index]!.flatMap((file) => {
        const exports = loaded.modules.get(file);
        const importCycles = loaded.importCycles?.get(file);
        return exports ? [{ file, exports, ...(importCycles ? { importCycles } : {}) }] : [];
      }),
    })),
  };
}
