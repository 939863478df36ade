import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { suggestName } from "../rules/_closest-match.js";
import type { TargetConfig, TrunklineConfig } from "./define-config.js";

/** The file trunkline reads its configuration from, at the repository root. */
export const CONFIG_FILE = "trunkline.config.ts";
/** The default source folder. */
export const SOURCE_DIR = "workflows-src";
/** Name of the default target that writes this repository's own workflows. */
export const DEFAULT_TARGET = "default";

/** The targets used when there is no config file, given the sub-folders of `workflows-src/targets/`. */
export function defaultTargets(targetFolders: readonly string[]): TargetConfig[] {
  return [
    { name: DEFAULT_TARGET, sources: [`${SOURCE_DIR}/*.ts`], outDir: ".github/workflows" },
    ...[...targetFolders].sort().map((name) => ({
      name,
      sources: [`${SOURCE_DIR}/targets/${name}/**/*.ts`],
      outDir: `generated/${name}/.github/workflows`,
    })),
  ];
}

/** Checks a loaded config's shape; returns its targets, or diagnostics naming what to fix. */
export function checkConfig(config: unknown, targetFolders: readonly string[]): { config: TrunklineConfig; targets: TargetConfig[]; diagnostics: Diagnostic[] } {
  const problem = (message: string, hint: string): Diagnostic => ({ rule: "config", severity: "error", file: CONFIG_FILE, message, hint });
  if (typeof config !== "object" || config === null) {
    return { config: {}, targets: [], diagnostics: [problem(`${CONFIG_FILE} must export an object as default`, "export default defineConfig({ targets: [ … ] })")] };
  }
  const typed = config as TrunklineConfig;
  // A misspelt key would otherwise be ignored: the typo'd setting silently does nothing.
  const diagnostics: Diagnostic[] = unknownKeys(typed, problem);
  if (typed.targets === undefined) return { config: typed, targets: diagnostics.length ? [] : defaultTargets(targetFolders), diagnostics };
  const names = new Set<string>();
  const outDirs = new Map<string, string>();
  for (const [index, target] of (Array.isArray(typed.targets) ? typed.targets : []).entries()) {
    const where = `targets[${index}]`;
    if (typeof target?.name !== "string" || !/^[A-Za-z0-9._-]+$/.test(target.name)) {
      diagnostics.push(problem(`${where}.name must be a short name (letters, digits, . _ -)`, 'name it, e.g. name: "web"'));
      continue;
    }
    if (names.has(target.name)) diagnostics.push(problem(`two targets are named "${target.name}"`, "give each target its own name"));
    names.add(target.name);
    if (!Array.isArray(target.sources) || target.sources.length === 0 || !target.sources.every((glob) => typeof glob === "string")) {
      diagnostics.push(problem(`target "${target.name}" needs sources: a list of globs`, 'e.g. sources: ["workflows-src/web/*.ts"]'));
    }
    const outDir = typeof target.outDir === "string" ? normalizeFolder(target.outDir) : undefined;
    if (!outDir) {
      diagnostics.push(problem(`target "${target.name}" needs an outDir inside the repository`, 'e.g. outDir: ".github/workflows"'));
      continue;
    }
    const other = outDirs.get(outDir);
    if (other) diagnostics.push(problem(`targets "${other}" and "${target.name}" both write to ${outDir}`, "give each target its own outDir"));
    outDirs.set(outDir, target.name);
  }
  if (!Array.isArray(typed.targets)) diagnostics.push(problem("targets must be a list", "targets: [{ name, sources, outDir }]"));
  const targets = diagnostics.length ? [] : typed.targets.map((target) => ({ ...target, outDir: normalizeFolder(target.outDir)! }));
  return { config: typed, targets, diagnostics };
}

// A repo-relative folder with "/" separators and no trailing slash; undefined if it leaves the repo.
function normalizeFolder(folder: string): string | undefined {
  const parts: string[] = [];
  for (const part of folder.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return undefined;
    parts.push(part);
  }
  if (folder.startsWith("/") || /^[A-Za-z]:/.test(folder)) return undefined;
  return parts.length ? parts.join("/") : undefined;
}

// The keys each level of the config may hold (TrunklineConfig in define-config.ts).
const CONFIG_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": ["targets", "parser", "lint", "loadTimeout", "cost"],
  "targets[]": ["name", "sources", "outDir"],
  parser: ["featureFlags"],
  lint: ["rules", "ignores", "requiredChecks", "selfHostedLabels"],
  "lint.ignores[]": ["files", "rules"],
  cost: ["budgets"],
  // CostBudget in cost/budgets.ts
  "cost.budgets[]": ["workflow", "occupancyHoursPerWeek", "queueP95Seconds", "cancelledShare"],
};

function unknownKeys(config: TrunklineConfig, problem: (message: string, hint: string) => Diagnostic): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (value: unknown, shape: string, where: string) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return;
    const known = CONFIG_KEYS[shape]!;
    for (const key of Object.keys(value)) {
      if (known.includes(key)) continue;
      const suggestion = suggestName(key, known);
      const place = where ? `${where}.${key}` : key;
      found.push(problem(`${place} is not a setting trunkline knows, so it would be ignored`, suggestion ? `did you mean "${suggestion}"?` : `the settings here are ${known.map((name) => `"${name}"`).join(", ")}`));
    }
  };
  check(config, "", "");
  if (Array.isArray(config.targets)) config.targets.forEach((target, index) => check(target, "targets[]", `targets[${index}]`));
  check(config.parser, "parser", "parser");
  check(config.lint, "lint", "lint");
  const ignores = (config.lint as { ignores?: unknown } | undefined)?.ignores;
  if (Array.isArray(ignores)) ignores.forEach((ignore, index) => check(ignore, "lint.ignores[]", `lint.ignores[${index}]`));
  check(config.cost, "cost", "cost");
  const budgets = (config.cost as { budgets?: unknown } | undefined)?.budgets;
  if (Array.isArray(budgets)) budgets.forEach((budget, index) => check(budget, "cost.budgets[]", `cost.budgets[${index}]`));
  return found;
}
