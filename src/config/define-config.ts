import type { ExperimentalFeatures } from "@actions/expressions/features";
import type { CostConfig } from "../cost/budgets.js";
import type { LintConfig } from "../rules/_settings.js";

/** One set of outputs: which sources generate into which folder. */
export interface TargetConfig {
  /** A short name, used in messages and `--target`. */
  name: string;
  /** Globs of workflow sources, relative to the repository root, e.g. `["workflows-src/*.ts"]`. */
  sources: string[];
  /** The folder the YAML files are written to, relative to the root, e.g. `.github/workflows`. */
  outDir: string;
}

/** What `trunkline.config.ts` exports (through {@link defineConfig}). */
export interface TrunklineConfig {
  /**
   * The targets to generate. Without this, every `workflows-src/*.ts` generates into
   * `.github/workflows/`, and `workflows-src/targets/<name>/**\/*.ts` into
   * `generated/<name>/.github/workflows/`.
   */
  targets?: TargetConfig[];
  /** Options for GitHub's own workflow parser, which validates every output. */
  parser?: {
    /** Experimental features to accept, e.g. `{ allowBackgroundSteps: true }`. */
    featureFlags?: ExperimentalFeatures;
  };
  /**
   * trunkline's rules, for `gen` and `lint`: a level per rule id (`"off"`, `"warning"`, `"error"`,
   * or `[level, options]`), files to ignore, and required checks rulesets demand.
   * @example lint: { rules: { "timeout-missing": "off" }, ignores: [{ files: ["legacy/**"] }] }
   * @see docs/rules/README.md
   */
  lint?: LintConfig;
  /**
   * Seconds the sources may take to import, top-level awaits included, before those still
   * importing are reported as hung (`TRUNKLINE_LOAD_TIMEOUT` overrides it for one run; it also
   * bounds the import of this file, which cannot set its own limit).
   * @default 10
   */
  loadTimeout?: number;
  /**
   * `trunkline cost`: budgets that make it exit 1 when exceeded, in total or per workflow.
   * @example cost: { budgets: [{ occupancyHoursPerWeek: 40, cancelledShare: 0.2 }, { workflow: "ci.yml", queueP95Seconds: 120 }] }
   */
  cost?: CostConfig;
}

/** Types a `trunkline.config.ts` default export; returns it unchanged. */
export function defineConfig(config: TrunklineConfig): TrunklineConfig {
  return config;
}
