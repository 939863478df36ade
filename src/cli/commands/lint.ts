import type { ExperimentalFeatures } from "@actions/expressions/features";
import { BASELINE_FILE, applyBaseline, describeBaseline, modelsFromTexts, parseBaseline } from "../../baseline/baseline.js";
import { CONFIG_FILE, SOURCE_DIR, checkConfig, defaultTargets } from "../../config/resolve-config.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics } from "../../diagnostics/format/index.js";
import type { Validator } from "../../compile.js";
import type { Io } from "../../io/io.js";
import type { RequiredCheck } from "../../rules/_define-rule.js";
import { resolveLintSettings } from "../../rules/_settings.js";
import { allRules } from "../../rules/index.js";
import { defaultValidators } from "../../validate/default-validators.js";
import { type LintJob, PARALLEL_LINT_THRESHOLD, lintInParallel } from "../../validate/lint-parallel.js";
import { type ReadWorkflow, lintYaml } from "../../validate/lint-yaml.js";
import { createRuleRunner } from "../../validate/run-rules.js";
import { LOCKFILE, lockedPinsOf } from "../../actions/lockfile.js";
import { lockedActionCatalog } from "../../actions/locked-catalog.js";
import { sha256 } from "../../sync/manifest.js";
import { readRulesetChecks, repositoryRootOfWorkflow } from "../../validate/ruleset-checks.js";
import { lintRepositories, repositoryWorkflowsNeeded } from "../../rulesets/lint-repositories.js";
import { createRepositoryRuleRunner } from "../../rulesets/run-repository-rules.js";
import { ExitCode } from "../exit-code.js";
import { isMachineFormat } from "../../diagnostics/format/index.js";
import { YAML_EXTENSIONS, expandWorkflowPaths } from "../../io/workflow-files.js";
import { type Verbosity, startProgress, styleFor } from "../terminal/index.js";
import { HEADER_PREFIX } from "../../emit/header.js";
import { formatLintProfile, lintProfileFor } from "../../validate/lint-profile.js";

/** Options of `trunkline lint`. */
export interface LintOptions {
  /** Files or folders; by default every target's output folder and `.github/workflows`. */
  paths: string[];
  format: Format;
  /** Also print the findings the baseline accepts (`.trunkline/baseline.json`). */
  baseline?: boolean;
  /** Worker threads for a run with many files to lint; by default one per spare core (at most 3), none on two cores or fewer; 0 for none. */
  workers?: number;
  /** Start workers only when more files than this need linting; {@link PARALLEL_LINT_THRESHOLD} by default. */
  parallelThreshold?: number;
  verbosity?: Verbosity;
  /** Fix mechanical findings of hand-written files in place, then lint again. */
  fix?: boolean;
}

/** `trunkline lint`: validate YAML workflows, generated or hand-written, with YAML line and column. */
export async function lint(options: LintOptions, io: Io): Promise<ExitCode> {
  const config = await loadConfig(io);
  const diagnostics: Diagnostic[] = [];
  const { files, missing } = await lintTargets(options.paths, io, config.outDirs);
  diagnostics.push(...missing);
  const settings = resolveLintSettings(config.lint, allRules, CONFIG_FILE, config.text);
  const validationCache = await io.openValidationCache();
  let loading: Promise<readonly Validator[]> | undefined;
  const validators = () => (loading ??= defaultValidators());
  // the lockfile's pins, for the unpinned-action hint; a project-less lint has none
  const lockText = await io.readText(LOCKFILE);
  const lockedActions = [...lockedPinsOf(lockText)];
  // the locked actions' inputs, read before the first file the cache does not know clean
  const locked = lockedActionCatalog(io, lockText);
  // TRUNKLINE_PROFILE_RULES=1: time each stage and rule, on this thread alone so every file counts
  const profile = lintProfileFor(io.env);
  const startedAt = performance.now();
  const runRules = createRuleRunner({ settings: settings.settings, actions: locked.catalog, lockedActions: new Map(lockedActions), ...(profile ? { profile } : {}) });
  const checksByRoot = new Map<string, Promise<RequiredCheck[]>>();
  const requiredChecksFor = (file: string) => {
    const root = repositoryRootOfWorkflow(file);
    if (!checksByRoot.has(root)) checksByRoot.set(root, readRulesetChecks(io, root));
    return checksByRoot.get(root)!;
  };
  // a file remembered clean is checked again once the lockfile (so an action's inputs) changes
  const settingsKey = JSON.stringify([config.lint ?? null, lockText === undefined ? null : sha256(lockText)]);
  diagnostics.push(...config.diagnostics, ...settings.diagnostics);
  const texts = new Map<string, string>();
  const threshold = options.parallelThreshold ?? PARALLEL_LINT_THRESHOLD;
  // each file as data, kept for the repository checks instead of parsing it again there; with
  // many files, only when those checks will read the workflows
  const alreadyRead = new Map<string, ReadWorkflow>();
  let keepRead = true;
  const lintHere = ({ file, text, rulesKey, requiredChecks }: LintJob) => lintYaml(file, text, { validators, runRules, prepareRules: locked.load, featureFlags: config.featureFlags, validationCache, rulesKey, requiredChecks, ...(profile ? { profile } : {}), ...(keepRead ? { onRead: (read: ReadWorkflow) => void alreadyRead.set(file, read) } : {}) });
  const jobs: LintJob[] = [];
  const quiet = options.verbosity === "quiet";
  // files linted here are counted one by one; files shared between threads only in the time it takes
  const progress = files.length <= threshold ? startProgress(io, "linting", { total: files.length, unit: "files", enabled: !quiet && !isMachineFormat(options.format) }) : startProgress(io, `linting ${files.length} files`, { enabled: !quiet && !isMachineFormat(options.format) });
  await Promise.all(
    files.map(async (file) => {
      const text = await io.readText(file);
      if (text === undefined) {
        diagnostics.push({ rule: "load", severity: "error", file, message: `${file} does not exist`, hint: "pass a YAML file or a folder of them" });
        return;
      }
      texts.set(file, text);
      const requiredChecks = await requiredChecksFor(file);
      const job = { file, text, rulesKey: `${settingsKey}\0${JSON.stringify(requiredChecks)}`, requiredChecks };
      // few files: lint each as soon as it is read; many: collect them, to share between threads
      if (files.length <= threshold) {
        diagnostics.push(...(await lintHere(job)));
        progress.advance();
      } else jobs.push(job);
    }),
  );
  if (jobs.length > 0) {
    // in file order, so the findings arrive in the same order however the files were shared
    jobs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    await locked.load();
    keepRead = await repositoryWorkflowsNeeded(io, [...texts.keys()], texts);
    const found = await lintInParallel(jobs, { keepRead, onRead: (file, read) => void alreadyRead.set(file, read), lintHere, validationCache, lint: config.lint, configText: config.text, lockedActions, lockedSpecs: locked.specs(), featureFlags: config.featureFlags, threshold, ...(profile ? { workers: 0 } : options.workers === undefined ? {} : { workers: options.workers }) });
    diagnostics.push(...found.flat());
  }
  progress.done();
  if (profile) io.stderr(formatLintProfile(profile, files.length, performance.now() - startedAt));
  await validationCache?.save();
  if (options.fix && (await fixFiles(texts, diagnostics, new Map(lockedActions), io))) return lint({ ...options, fix: false }, io);
  const read = texts.size;
  // rulesets against every workflow of their repository (required-check-unknown and the like)
  const repositories = await lintRepositories(io, [...texts.keys()], texts, createRepositoryRuleRunner({ settings: settings.settings }), alreadyRead);
  diagnostics.push(...repositories.diagnostics);
  for (const [file, text] of repositories.texts) texts.set(file, text);
  // findings the baseline accepts do not count; lint only reads it (gen drops what was fixed)
  const baseline = parseBaseline(await io.readText(BASELINE_FILE));
  // machine formats own stdout: the list of accepted findings is for people, so it goes to stderr there
  if (options.baseline) (isMachineFormat(options.format) ? io.stderr : io.stdout)(describeBaseline(baseline) || `${BASELINE_FILE} accepts no finding.\n`);
  const sorted = applyBaseline(sortDiagnostics(diagnostics), baseline, modelsFromTexts(texts), new Set()).remaining;
  // quiet: the errors only, in the human formats; a machine document always holds every finding
  const shown = quiet && !isMachineFormat(options.format) ? sorted.filter((diagnostic) => diagnostic.severity === "error") : sorted;
  if (shown.length || isMachineFormat(options.format)) io.stdout(formatDiagnostics(shown, options.format, texts, styleFor(io, "stdout", options.format)));
  // a named path that does not exist, or a listed file gone before it was read
  const unreadable = files.length - read + missing.filter((diagnostic) => diagnostic.severity === "error").length;
  if (options.verbosity === "verbose") for (const file of files.filter((listed) => texts.has(listed))) io.stderr(`  checked ${styleFor(io, "stderr", options.format).path(file)}\n`);
  if (!quiet) io.stderr(`trunkline: ${read} file${read === 1 ? "" : "s"} checked, ${sorted.filter((diagnostic) => diagnostic.severity === "error").length} error(s)${unreadable ? `, ${unreadable} path(s) not read` : ""}.\n`);
  // a tree that could not be read, or a config that could not be understood, must not pass
  if (unreadable || [...config.diagnostics, ...settings.diagnostics].some((diagnostic) => diagnostic.severity === "error")) return ExitCode.SourceErrors;
  return hasErrors(sorted) ? ExitCode.Problems : ExitCode.Ok;
}

// Writes the mechanical fixes of every hand-written file and names each file changed; generated
// files are left to their sources. Whether anything was written.
async function fixFiles(texts: ReadonlyMap<string, string>, diagnostics: readonly Diagnostic[], locked: ReadonlyMap<string, { sha: string; tag: string }>, io: Io): Promise<boolean> {
  const { FIXABLE_RULES, fixYaml } = await import("../../validate/fix-yaml.js");
  const changed: string[] = [];
  for (const [file, text] of texts) {
    const fixable = diagnostics.filter((diagnostic) => diagnostic.file === file && FIXABLE_RULES.has(diagnostic.rule));
    if (fixable.length === 0) continue;
    if (text.startsWith(HEADER_PREFIX)) {
      io.stderr(`trunkline: ${file} is generated; not fixed here: change its source and run gen.\n`);
      continue;
    }
    const fixed = fixYaml(text, fixable, locked);
    if (!fixed) continue;
    await io.writeAtomic(file, fixed.text);
    changed.push(`${file} (${fixed.fixed} fixed)`);
  }
  if (changed.length > 0) io.stderr(`trunkline: fixed ${changed.join(", ")}.\n`);
  return changed.length > 0;
}

// The files to lint: the output folders by default, else the named paths (expandWorkflowPaths).
// A path that does not exist is a "load" error: a lint that read nothing must not pass.
async function lintTargets(paths: readonly string[], io: Io, outDirs: readonly string[]): Promise<{ files: string[]; missing: Diagnostic[] }> {
  if (paths.length > 0) {
    const { files, problems } = await expandWorkflowPaths(io, paths, "pass a YAML workflow file, or a folder of them");
    return { files, missing: problems };
  }
  const files = new Set<string>();
  for (const folder of [".github/workflows", ...outDirs]) for (const file of await io.listFiles(folder, YAML_EXTENSIONS)) files.add(file);
  return { files: [...files].sort(), missing: [] };
}

/** What lint needs from the config: output folders, parser flags and the `lint` section. */
interface LintConfigView {
  outDirs: string[];
  featureFlags?: ExperimentalFeatures;
  lint?: unknown;
  /** The config's text, so findings can name the line of an entry. */
  text?: string;
  diagnostics: Diagnostic[];
}

// Only the config is loaded, not the sources: lint reads YAML.
async function loadConfig(io: Io): Promise<LintConfigView> {
  const targetFolders = await io.listFolders(`${SOURCE_DIR}/targets`);
  const text = await io.readText(CONFIG_FILE);
  if (text === undefined) {
    return { outDirs: defaultTargets(targetFolders).map((target) => target.outDir), diagnostics: [] };
  }
  const loaded = await io.loadModules([CONFIG_FILE], "config");
  const module = loaded.modules.get(CONFIG_FILE);
  if (!module) return { outDirs: [], diagnostics: loaded.diagnostics };
  const checked = checkConfig(module.default, targetFolders);
  return {
    outDirs: checked.targets.map((target) => target.outDir),
    featureFlags: checked.config.parser?.featureFlags,
    lint: checked.config.lint,
    text,
    diagnostics: [...loaded.diagnostics, ...checked.diagnostics],
  };
}
