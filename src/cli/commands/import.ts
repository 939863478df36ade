import type { ExperimentalFeatures } from "@actions/expressions/features";
import { LOCKFILE } from "../../actions/lockfile.js";
import { lockedActionCatalog } from "../../actions/locked-catalog.js";
import picomatch from "picomatch";
import { LineCounter, parseDocument } from "yaml";
import { BASELINE_FILE, buildBaseline, isBaselineable, parseBaseline, replaceFiles, serializeBaseline } from "../../baseline/baseline.js";
import type { Validator } from "../../compile.js";
import type { TargetConfig } from "../../config/define-config.js";
import { CONFIG_FILE, DEFAULT_TARGET, SOURCE_DIR, checkConfig, defaultTargets } from "../../config/resolve-config.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics, isMachineFormat } from "../../diagnostics/format/index.js";
import { createLocator, locatorOf } from "../../diagnostics/locate.js";
import { emitYaml } from "../../emit/emit-yaml.js";
import { type PlannedSource, compareRegenerated, localActionFolder, notRegenerated, planImport } from "../../importer/plan-import.js";
import { parseActionMetadata } from "../../actions/metadata.js";
import { registerSources, registrationSnippet } from "../../importer/register-sources.js";
import type { Io } from "../../io/io.js";
import { isInsideProject, toProjectPath } from "../../io/project-path.js";
import { expandWorkflowPaths } from "../../io/workflow-files.js";
import type { JsonObject } from "../../model/json.js";
import { normalizeSource } from "../../normalize/normalize-source.js";
import type { RequiredCheck } from "../../rules/_define-rule.js";
import { resolveLintSettings } from "../../rules/_settings.js";
import { allRules } from "../../rules/index.js";
import { MANIFEST_FILE, parseManifest, serializeManifest, sha256 } from "../../sync/manifest.js";
import { defaultValidators } from "../../validate/default-validators.js";
import { PARSER_YAML_OPTIONS } from "../../validate/parsed-yaml.js";
import { createRuleRunner } from "../../validate/run-rules.js";
import { readRulesetChecks, repositoryRootOfWorkflow } from "../../validate/ruleset-checks.js";
import { ExitCode } from "../exit-code.js";
import { type Verbosity, startProgress, styleFor } from "../terminal/index.js";
import { markSourcesAsModules } from "../../init/module-marker.js";

/** Options of `trunkline import`. */
export interface ImportOptions {
  /** YAML files or folders of them, as typed: relative to the current folder, or absolute. */
  paths: string[];
  /** Folder for the sources, as typed (inside the project); by default the target's source folder. */
  out?: string;
  /** The target the sources join; by default the one whose output folder holds the inputs. */
  target?: string;
  /** Replace each original with its generated file once its round trip held. */
  replace: boolean;
  /** Overwrite existing sources of the same name. */
  force: boolean;
  format: Format;
  /** `quiet`: errors only, nothing said about what went well. */
  verbosity?: Verbosity;
}

// Layers that say GitHub itself would reject the file: a warning of import, never a baseline entry.
const VALIDITY_RULES = new Set(["schema", "parser"]);

/** One imported source whose output reproduced its original. */
interface Reproduced {
  planned: PlannedSource;
  /** Where `gen` writes it, and the exact text it writes. */
  outputPath: string;
  text: string;
  model: JsonObject;
}

/**
 * `trunkline import`: YAML workflows → TypeScript sources. Each source is loaded and generated at
 * once with the loader, normalizer and emitter `gen` uses; a file whose output does not parse to
 * exactly the original's value is reported with the first differing path (exit 2). Lint findings
 * go to the baseline so adoption starts green; with `--replace`, originals whose round trip held
 * become generated files.
 */
export async function importCommand(options: ImportOptions, io: Io): Promise<ExitCode> {
  // usage first: nothing is read or written for a command line that cannot be carried out
  const out = options.out === undefined ? undefined : toProjectPath(io, options.out);
  if (out !== undefined && !isInsideProject(out)) return usage(io, `--out ${options.out} is outside the project ${io.root}; import writes sources only inside it`);
  if (out === ".") return usage(io, `--out ${options.out} is the project root; name a folder for the sources, e.g. ${SOURCE_DIR}`);
  const diagnostics: Diagnostic[] = [];
  const inputs = await expandInputs(options.paths, io, diagnostics);
  if (inputs.length === 0) return report(io, options.format, diagnostics, "nothing imported");
  const setup = await resolveSetup({ ...options, out }, inputs, io);
  if ("usage" in setup) return usage(io, setup.usage);
  if ("diagnostics" in setup) return report(io, options.format, [...diagnostics, ...setup.diagnostics], "nothing imported");
  const inputTexts = await Promise.all(inputs.map(async (path) => ({ path, text: (await io.readText(path)) ?? "" })));
  const originalText = new Map(inputTexts.map((input) => [input.path, input.text]));
  // the actions' outputs, so later steps read them typed: the lockfile's metadata, then the bundled set
  const actions = lockedActionCatalog(io, await io.readText(LOCKFILE));
  await actions.load();
  const localActionOutputs = await readLocalActionOutputs(io, inputTexts);
  const plan = planImport(inputTexts, { sourceDir: setup.sourceDir, actions: actions.catalog, localActionOutputs });
  diagnostics.push(...plan.diagnostics);
  const quiet = options.verbosity === "quiet";
  const say = (text: string) => {
    if (!quiet) io.stderr(text);
  };
  for (const skipped of plan.skipped) say(`skipped ${skipped.path}: ${skipped.reason}\n`);

  // 1. write the sources (never over a different existing one without --force)
  const writes = await Promise.all(
    plan.sources.map(async (planned) => {
      const existing = await io.readText(planned.sourcePath);
      if (existing !== undefined && existing !== planned.text && !options.force) {
        diagnostics.push({ rule: "import", severity: "error", file: planned.yamlPath, message: `${planned.sourcePath} already exists, so ${planned.yamlPath} was not imported`, hint: "pass --force to overwrite it, or --out to import elsewhere" });
        return undefined;
      }
      if (existing !== planned.text) await io.writeAtomic(planned.sourcePath, planned.text);
      return planned;
    }),
  );
  const written = writes.filter((planned): planned is PlannedSource => planned !== undefined);
  const marker = written.length ? await markSourcesAsModules(io, setup.sourceDir) : undefined;
  if (marker !== undefined) say(`wrote ${marker}: "type": "module", so that tsc reads the sources as the ES modules they are (the package is CommonJS)\n`);

  // 2. the round trip, checked on the exact text `gen` will write; the same parse feeds GitHub's
  //    parser and the rules, so each output is parsed once
  const reproduced: Reproduced[] = [];
  const findings: Diagnostic[] = [];
  const models = new Map<string, unknown>();
  const progress = startProgress(io, "importing", { total: written.length, unit: "workflows", enabled: !quiet && !isMachineFormat(options.format) });
  if (written.length) {
    // GitHub's parser and the rules load while esbuild compiles the sources in its own process
    const [loaded, validators, rules, validationCache] = await Promise.all([
      io.loadModules(written.map((planned) => planned.sourcePath), "import"),
      defaultValidators(),
      ruleRunnerFor(setup.lint, io),
      io.openValidationCache(),
    ]);
    diagnostics.push(...loaded.diagnostics, ...rules.diagnostics);
    for (const planned of written) {
      progress.advance();
      const exports = loaded.modules.get(planned.sourcePath);
      if (!exports) continue; // its load failure is already reported
      const outputPath = `${setup.target.outDir}/${planned.fileName}`;
      const normalized = normalizeSource({ file: planned.sourcePath, exports });
      const errors = normalized.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
      const workflow = normalized.workflows[0];
      if (errors.length || normalized.workflows.length !== 1 || !workflow) {
        const error = errors[0] ?? { rule: "import", severity: "error" as const, file: planned.sourcePath, message: `it defines ${normalized.workflows.length} workflows instead of one` };
        diagnostics.push(inOriginal(notRegenerated(planned, error).problem, originalText.get(planned.yamlPath)));
        continue;
      }
      const text = emitYaml(workflow.model, planned.sourcePath);
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS });
      const result = compareRegenerated(planned, workflow.fileName, document.toJS() as unknown);
      if (!result.held) {
        diagnostics.push(inOriginal(result.problem, originalText.get(planned.yamlPath)));
        continue;
      }
      reproduced.push({ planned, outputPath, text, model: workflow.model });
      models.set(outputPath, workflow.model);
      // 3. what GitHub would reject is a warning; lint findings go to the baseline
      const found = [
        ...(await Promise.all(validators.map((validate) => validate({ model: workflow.model, text, file: outputPath, featureFlags: setup.featureFlags, document: { document, lineCounter } })))).flat(),
        ...(await rules.run(workflow.model, outputPath, workflow.suppressions)),
      ];
      const rejection = found.find((diagnostic) => VALIDITY_RULES.has(diagnostic.rule) && diagnostic.severity === "error");
      if (rejection) diagnostics.push(rejectionWarning(planned, rejection, locatorOf(document, lineCounter, text), originalText.get(planned.yamlPath)));
      else validationCache?.add(validationKey(outputPath, setup.featureFlags, text));
      findings.push(...found.filter(isBaselineable));
    }
    await validationCache?.save();
  }
  progress.done();
  const baselineText = await io.readText(BASELINE_FILE);
  const baseline = replaceFiles(parseBaseline(baselineText), buildBaseline(findings, models), reproduced.map((entry) => entry.outputPath));
  const nextBaselineText = serializeBaseline(baseline);
  // no file for an empty baseline that never existed: nothing to accept, nothing to commit
  const isEmpty = Object.keys(baseline.files).length === 0;
  if (nextBaselineText !== baselineText && !(baselineText === undefined && isEmpty)) await io.writeAtomic(BASELINE_FILE, nextBaselineText);

  // 4. make sure `gen` reads the sources
  if (written.length) diagnostics.push(...(await registerInConfig(setup, io, say)));

  // 5. --replace: an original becomes the generated file, only where the round trip held
  let replaced = 0;
  if (options.replace && reproduced.length) {
    const manifest = parseManifest(await io.readText(MANIFEST_FILE));
    for (const { planned, outputPath, text } of reproduced) {
      if (outputPath !== planned.yamlPath) {
        diagnostics.push({ rule: "import", severity: "warning", file: planned.yamlPath, message: `${planned.yamlPath} was not replaced: target "${setup.target.name}" generates it as ${outputPath}`, hint: `delete ${planned.yamlPath} yourself once ${outputPath} is generated` });
        continue;
      }
      await io.writeAtomic(outputPath, text);
      manifest.files[outputPath] = { target: setup.target.name, source: planned.sourcePath, sha256: sha256(text) };
      replaced++;
    }
    if (replaced) {
      manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1)));
      await io.writeAtomic(MANIFEST_FILE, serializeManifest(manifest));
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  const shown = quiet && !isMachineFormat(options.format) ? sorted.filter((diagnostic) => diagnostic.severity === "error") : sorted;
  // tools read stdout: one document, always; people read the lines below on stderr
  if (shown.length || isMachineFormat(options.format)) io.stdout(formatDiagnostics(shown, options.format, undefined, styleFor(io, "stdout", options.format)));
  const style = styleFor(io, "stderr", options.format);
  for (const { planned } of reproduced) {
    const loose = planned.looselyTyped.length ? ` (${planned.looselyTyped.length} value${planned.looselyTyped.length === 1 ? "" : "s"} typed loosely)` : "";
    say(`imported ${style.path(planned.yamlPath)} → ${style.path(planned.sourcePath)}${loose}\n`);
  }
  const failed = inputTexts.length - plan.skipped.length - reproduced.length;
  const baselined = findings.length ? `, ${findings.length} lint finding(s) recorded in ${BASELINE_FILE}` : "";
  say(`trunkline: ${reproduced.length} imported with an exact round trip, ${failed} not${baselined}${options.replace ? `, ${replaced} original(s) replaced` : ""}.\n`);
  if (!options.replace && reproduced.some((entry) => entry.outputPath === entry.planned.yamlPath)) {
    say("The originals are still in place, and gen never overwrites a file it did not generate: rerun with --replace to hand them over.\n");
  }
  return failed > 0 || hasErrors(sorted) ? ExitCode.SourceErrors : ExitCode.Ok;
}

// A command line that cannot be carried out: said on stderr, nothing read or written.
function usage(io: Io, problem: string): ExitCode {
  io.stderr(`trunkline import: ${problem}\n`);
  return ExitCode.Usage;
}

// An import that stopped before reading any workflow: its problems, as a document tools can parse.
function report(io: Io, format: Format, diagnostics: readonly Diagnostic[], summary: string): ExitCode {
  const sorted = sortDiagnostics(diagnostics);
  if (sorted.length || isMachineFormat(format)) io.stdout(formatDiagnostics(sorted, format));
  io.stderr(`trunkline: ${summary}.\n`);
  return hasErrors(sorted) ? ExitCode.SourceErrors : ExitCode.Ok;
}

async function expandInputs(paths: readonly string[], io: Io, diagnostics: Diagnostic[]): Promise<string[]> {
  const { files, problems } = await expandWorkflowPaths(io, paths, "pass the YAML workflow files to import, or a folder of them such as .github/workflows");
  diagnostics.push(...problems);
  return files;
}

interface ImportSetup {
  target: TargetConfig;
  /** The target is not in the config yet and must be added. */
  isNewTarget: boolean;
  hasConfig: boolean;
  sourceDir: string;
  featureFlags?: ExperimentalFeatures;
  /** The config's `lint` section, as `gen` reads it. */
  lint?: unknown;
}

/**
 * Which target the sources join, where they go, and the config `gen` will check their outputs with.
 * `options.out` is already a project path.
 */
async function resolveSetup(options: ImportOptions, inputs: readonly string[], io: Io): Promise<ImportSetup | { usage: string } | { diagnostics: Diagnostic[] }> {
  const targetFolders = await io.listFolders(`${SOURCE_DIR}/targets`);
  let targets = defaultTargets(targetFolders);
  let featureFlags: ExperimentalFeatures | undefined;
  let lint: unknown;
  const hasConfig = (await io.readText(CONFIG_FILE)) !== undefined;
  // without a config, or with one that lists no targets, targets follow the default layout
  let isDefaultLayout = true;
  if (hasConfig) {
    const loaded = await io.loadModules([CONFIG_FILE], "config");
    const module = loaded.modules.get(CONFIG_FILE);
    if (!module) return { diagnostics: loaded.diagnostics };
    const checked = checkConfig(module.default, targetFolders);
    if (checked.diagnostics.length) return { diagnostics: checked.diagnostics };
    targets = checked.targets;
    featureFlags = checked.config.parser?.featureFlags;
    lint = checked.config.lint;
    isDefaultLayout = checked.config.targets === undefined;
  }
  const inputFolders = [...new Set(inputs.map((input) => input.replace(/\/[^/]*$/, "")))];
  const writesInputs = (candidate: TargetConfig) => inputFolders.length === 1 && candidate.outDir === inputFolders[0];
  let name = options.target;
  let target: TargetConfig | undefined;
  if (name !== undefined) target = targets.find((candidate) => candidate.name === name);
  else if (options.out !== undefined) {
    // --out names a folder some target reads from: that target, as `gen` would read the sources
    const reads = targets.filter((candidate) => picomatch(candidate.sources)(`${options.out}/imported.ts`));
    target = reads.find(writesInputs) ?? reads[0];
    // in the default layout, workflows-src/targets/NAME/ is where the sources of target NAME live
    if (!target && isDefaultLayout) name = new RegExp(`^${SOURCE_DIR}/targets/([A-Za-z0-9._-]+)(?:/|$)`).exec(options.out)?.[1];
  }
  if (!target && name === undefined) target = targets.find(writesInputs) ?? targets.find((candidate) => candidate.name === DEFAULT_TARGET) ?? targets[0];
  let isNewTarget = false;
  if (!target) {
    name ??= DEFAULT_TARGET;
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return { usage: `--target "${name}" is not a usable target name (letters, digits, . _ -)` };
    isNewTarget = !isDefaultLayout;
    // a new target in a config writes where the originals are, so --replace can hand them over
    const inputFolder = inputFolders.length === 1 && isInsideProject(inputFolders[0]!) ? inputFolders[0] : undefined;
    target = isDefaultLayout
      ? { name, sources: [`${SOURCE_DIR}/targets/${name}/**/*.ts`], outDir: `generated/${name}/.github/workflows` }
      : { name, sources: [`${options.out ?? `${SOURCE_DIR}/${name}`}/*.ts`], outDir: inputFolder ?? `generated/${name}/.github/workflows` };
  }
  const sourceDir = options.out ?? ((picomatch.scan(target.sources[0] ?? `${SOURCE_DIR}/*.ts`).base.replace(/^\.\//, "") || "."));
  if (!isInsideProject(sourceDir) || sourceDir === ".") return { usage: `target "${target.name}" reads its sources from ${target.sources.join(", ")}, not from a folder inside the project: pass --out DIR` };
  return { target, isNewTarget, hasConfig, sourceDir, featureFlags, lint };
}

// `uses: ./path/to/action` in a workflow's text; the folders are read for their action.yml
const LOCAL_USES = /\buses:\s*["']?(\.\/[^\s"'#]+)/g;

/** The outputs each local action the inputs use declares in its action.yml, by its folder in the project. */
async function readLocalActionOutputs(io: Io, inputs: readonly { path: string; text: string }[]): Promise<Map<string, string[]>> {
  const found = inputs.flatMap((input) => [...input.text.matchAll(LOCAL_USES)].map((match) => localActionFolder(repositoryRootOfWorkflow(input.path), match[1]!)));
  // a folder outside the project is not read
  const folders = new Set(found.filter((folder) => folder !== ".." && !folder.startsWith("../")));
  const outputs = new Map<string, string[]>();
  await Promise.all(
    [...folders].map(async (folder) => {
      const text = (await io.readText(`${folder}/action.yml`)) ?? (await io.readText(`${folder}/action.yaml`));
      const metadata = text === undefined ? undefined : parseActionMetadata(text);
      if (metadata !== undefined && !("problem" in metadata)) outputs.set(folder, Object.keys(metadata.outputs));
    }),
  );
  return outputs;
}

/** The rules as `gen` runs them: the config's settings, and the required checks of the output's repository. */
async function ruleRunnerFor(lint: unknown, io: Io): Promise<{ run: (model: JsonObject, file: string, suppressions: ReadonlyMap<string, readonly string[]>) => Promise<Diagnostic[]>; diagnostics: Diagnostic[] }> {
  const resolved = resolveLintSettings(lint, allRules, CONFIG_FILE);
  const locked = lockedActionCatalog(io, await io.readText(LOCKFILE));
  const runRules = createRuleRunner({ settings: resolved.settings, actions: locked.catalog });
  const checksByRoot = new Map<string, Promise<RequiredCheck[]>>();
  return {
    diagnostics: resolved.diagnostics,
    async run(model, file, suppressions) {
      const root = repositoryRootOfWorkflow(file);
      if (!checksByRoot.has(root)) checksByRoot.set(root, readRulesetChecks(io, root));
      await locked.load();
      return runRules({ model, file, suppressions, requiredChecks: await checksByRoot.get(root)! });
    },
  };
}

// The key `gen` and `lint` use for an output that passed the schema and GitHub's parser, so the
// first `gen` after an import does not validate again what import just validated.
function validationKey(outputPath: string, featureFlags: ExperimentalFeatures | undefined, text: string): string {
  return sha256(`${outputPath}\0${JSON.stringify(featureFlags ?? {})}\0${text}`);
}

/** Adds the source folder to the config when the target's globs do not cover it; warns when there is no config to add it to. */
async function registerInConfig(setup: ImportSetup, io: Io, say: (text: string) => void): Promise<Diagnostic[]> {
  const glob = `${setup.sourceDir}/*.ts`;
  const isCovered = picomatch(setup.target.sources)(`${setup.sourceDir}/imported.ts`);
  if (isCovered && !setup.isNewTarget) return [];
  if (!setup.hasConfig) {
    return [{ rule: "import", severity: "warning", file: setup.sourceDir, message: `gen does not read sources in ${setup.sourceDir}: without ${CONFIG_FILE}, sources live in ${SOURCE_DIR}/*.ts and ${SOURCE_DIR}/targets/<name>/`, hint: `create ${CONFIG_FILE} with a target whose sources include "${glob}"` }];
  }
  const configText = (await io.readText(CONFIG_FILE))!;
  const edited = registerSources(configText, setup.target, glob, setup.isNewTarget);
  if (edited === undefined) {
    return [{ rule: "import", severity: "warning", file: CONFIG_FILE, message: `${CONFIG_FILE} could not be updated automatically, so gen does not read ${setup.sourceDir} yet`, hint: registrationSnippet(setup.target, glob, setup.isNewTarget) }];
  }
  await io.writeAtomic(CONFIG_FILE, edited);
  say(`registered ${glob} in ${CONFIG_FILE} (target "${setup.target.name}")\n`);
  return [];
}

/** GitHub rejecting an imported workflow: a warning at the place in the original. */
function rejectionWarning(planned: PlannedSource, rejection: Diagnostic, generated: ReturnType<typeof locatorOf>, original: string | undefined): Diagnostic {
  // parser errors come with a line of the generated text: its path finds the place in the original
  const path = rejection.path ?? (rejection.line !== undefined ? generated.pathAt(rejection.line, rejection.column ?? 1) : undefined);
  const layer = rejection.rule === "schema" ? "schema" : "parser";
  return inOriginal({
    rule: "import", severity: "warning", file: planned.yamlPath, ...(path ? { path } : {}),
    message: `${planned.yamlPath} is imported, but GitHub's workflow ${layer} rejects it: ${rejection.message}`,
    hint: `\`trunkline gen\` refuses it until it is fixed; fix ${planned.sourcePath}`,
  }, original);
}

// A problem found on a path is shown at that path's line in the original, which is what the user has open.
function inOriginal(problem: Diagnostic, text: string | undefined): Diagnostic {
  if (!problem.path || text === undefined) return problem;
  return { ...problem, ...createLocator(text).positionOf(problem.path) };
}
