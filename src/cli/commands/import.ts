import picomatch from "picomatch";
import { BASELINE_FILE, buildBaseline, isBaselineable, modelsFromTexts, parseBaseline, replaceFiles, serializeBaseline } from "../../baseline/baseline.js";
import type { OutputFile } from "../../compile.js";
import type { TargetConfig } from "../../config/define-config.js";
import { CONFIG_FILE, DEFAULT_TARGET, SOURCE_DIR, checkConfig, defaultTargets } from "../../config/resolve-config.js";
import { type Diagnostic, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics } from "../../diagnostics/format/index.js";
import { createLocator } from "../../diagnostics/locate.js";
import { parseHeader } from "../../emit/header.js";
import { type PlannedSource, checkLoadedSource, compareGenerated, notRegenerated, planImport } from "../../importer/plan-import.js";
import { registerSources, registrationSnippet } from "../../importer/register-sources.js";
import type { Io } from "../../io/io.js";
import { normalizeSource } from "../../normalize/normalize-source.js";
import { runPipeline } from "../../pipeline.js";
import { MANIFEST_FILE, parseManifest, serializeManifest, sha256 } from "../../sync/manifest.js";
import { ExitCode } from "../exit-code.js";

/** Options of `trunkline import`. */
export interface ImportOptions {
  /** YAML files or folders of them, repo-relative (or relative paths leading out of the repository). */
  paths: string[];
  /** Folder for the sources; by default the target's source folder. */
  out?: string;
  /** The target the sources join; by default the one whose output folder holds the inputs. */
  target?: string;
  /** Replace each original with its generated file once its round trip held. */
  replace: boolean;
  /** Overwrite existing sources of the same name. */
  force: boolean;
  format: Format;
}

// Layers that say GitHub itself would reject the file: a warning of import, never a baseline entry.
const VALIDITY_RULES = new Set(["schema", "parser"]);

/**
 * `trunkline import`: YAML workflows → TypeScript sources. Each source is loaded and generated
 * again right away; a file whose regenerated YAML does not parse to exactly the original's value
 * is reported with the first differing path (exit 2). Lint findings go to the baseline so adoption
 * starts green; with `--replace`, originals whose round trip held become generated files.
 */
export async function importCommand(options: ImportOptions, io: Io): Promise<ExitCode> {
  const diagnostics: Diagnostic[] = [];
  const inputs = await expandInputs(options.paths, io, diagnostics);
  if (inputs.length === 0) {
    io.stderr(`trunkline import: no YAML workflow found in ${options.paths.join(" ") || "(no paths given)"}\n`);
    return ExitCode.Usage;
  }
  const setup = await resolveSetup(options, inputs, io);
  if ("usage" in setup) {
    io.stderr(`trunkline import: ${setup.usage}\n`);
    return ExitCode.Usage;
  }
  const inputTexts = await Promise.all(inputs.map(async (path) => ({ path, text: (await io.readText(path)) ?? "" })));
  const textOf = (path: string) => inputTexts.find((input) => input.path === path)?.text;
  const plan = planImport(inputTexts, { sourceDir: setup.sourceDir });
  diagnostics.push(...plan.diagnostics);
  for (const skipped of plan.skipped) io.stderr(`skipped ${skipped.path}: ${skipped.reason}\n`);

  // 1. write the sources (never over a different existing one without --force)
  const written: PlannedSource[] = [];
  for (const planned of plan.sources) {
    const existing = await io.readText(planned.sourcePath);
    if (existing !== undefined && existing !== planned.text && !options.force) {
      diagnostics.push({ rule: "import", severity: "error", file: planned.yamlPath, message: `${planned.sourcePath} already exists, so ${planned.yamlPath} was not imported`, hint: "pass --force to overwrite it, or --out to import elsewhere" });
      continue;
    }
    if (existing !== planned.text) await io.writeAtomic(planned.sourcePath, planned.text);
    written.push(planned);
  }

  // 2. make sure `gen` reads them
  if (written.length) diagnostics.push(...(await registerInConfig(setup, io)));

  // 3. the round trip: `gen` itself, in memory; its diagnostics are what `gen` will report
  const pipeline = written.length ? await runPipeline(io, { force: false, baseline: false }) : undefined;
  const outputsBySource = new Map((pipeline?.compiled.files ?? []).filter((file) => /\.ya?ml$/.test(file.path)).map((file) => [file.sourceFile, file]));
  const held: { planned: PlannedSource; output?: OutputFile }[] = [];
  const notRead: PlannedSource[] = [];
  for (const planned of written) {
    const output = outputsBySource.get(planned.sourcePath);
    const sourceError = pipeline?.diagnostics.find((diagnostic) => diagnostic.file === planned.sourcePath && diagnostic.severity === "error");
    const result = output
      ? compareGenerated(planned, { fileName: output.path.replace(/^.*\//, ""), yaml: parseHeader(output.text)?.body ?? output.text })
      : sourceError
        ? notRegenerated(planned, sourceError)
        : undefined;
    if (!result) notRead.push(planned);
    else if (result.held) held.push({ planned, output });
    else diagnostics.push(locateInOriginal(result.problem, textOf(planned.yamlPath)));
  }
  // Sources no target reads (an --out outside them, a config that could not be edited) are still
  // verified, loaded on their own.
  if (notRead.length) {
    const loaded = await io.loadModules(notRead.map((planned) => planned.sourcePath), "import");
    diagnostics.push(...loaded.diagnostics);
    for (const planned of notRead) {
      const exports = loaded.modules.get(planned.sourcePath);
      if (!exports) continue; // its load failure is already reported
      const result = checkLoadedSource(planned, normalizeSource({ file: planned.sourcePath, exports }));
      if (result.held) held.push({ planned });
      else diagnostics.push(locateInOriginal(result.problem, textOf(planned.yamlPath)));
    }
  }

  // 4. what GitHub would reject is a warning; lint findings go to the baseline
  const heldOutputs = new Map(held.filter((entry) => entry.output).map((entry) => [entry.output!.path, entry.planned]));
  const findings: Diagnostic[] = [];
  const rejected = new Set<string>();
  for (const diagnostic of pipeline?.diagnostics ?? []) {
    const planned = heldOutputs.get(diagnostic.file);
    if (!planned) continue;
    if (isBaselineable(diagnostic)) findings.push(diagnostic);
    else if (VALIDITY_RULES.has(diagnostic.rule) && diagnostic.severity === "error" && !rejected.has(planned.yamlPath)) {
      rejected.add(planned.yamlPath);
      diagnostics.push(locateInOriginal({
        rule: "import", severity: "warning", file: planned.yamlPath, path: diagnostic.path,
        message: `${planned.yamlPath} is imported, but GitHub's workflow ${diagnostic.rule === "schema" ? "schema" : "parser"} rejects it: ${diagnostic.message}`,
        hint: `\`trunkline gen\` refuses it until it is fixed; fix ${planned.sourcePath}`,
      }, textOf(planned.yamlPath)));
    }
  }
  const baselineText = await io.readText(BASELINE_FILE);
  const texts = new Map(held.flatMap((entry) => (entry.output ? [[entry.output.path, entry.output.text] as const] : [])));
  const baseline = replaceFiles(parseBaseline(baselineText), buildBaseline(findings, modelsFromTexts(texts)), heldOutputs.keys());
  const nextBaselineText = serializeBaseline(baseline);
  // no file for an empty baseline that never existed: nothing to accept, nothing to commit
  const isEmpty = Object.keys(baseline.files).length === 0;
  if (nextBaselineText !== baselineText && !(baselineText === undefined && isEmpty)) await io.writeAtomic(BASELINE_FILE, nextBaselineText);

  // 5. --replace: an original becomes the generated file, only where the round trip held
  let replaced = 0;
  if (options.replace) {
    const manifest = parseManifest(await io.readText(MANIFEST_FILE));
    for (const { planned, output } of held) {
      if (!output || output.path !== planned.yamlPath) {
        const where = output ? `target "${output.target}" generates it as ${output.path}` : "no target reads its source";
        diagnostics.push({ rule: "import", severity: "warning", file: planned.yamlPath, message: `${planned.yamlPath} was not replaced: ${where}`, hint: output ? `delete ${planned.yamlPath} yourself once ${output.path} is generated` : `add ${planned.sourcePath} to a target's sources, then import again with --replace` });
        continue;
      }
      await io.writeAtomic(output.path, output.text);
      manifest.files[output.path] = { target: output.target, source: output.sourceFile, sha256: sha256(output.text) };
      replaced++;
    }
    if (replaced) {
      manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1)));
      await io.writeAtomic(MANIFEST_FILE, serializeManifest(manifest));
    }
  }

  const sorted = sortDiagnostics(diagnostics);
  if (sorted.length) io.stdout(formatDiagnostics(sorted, options.format));
  for (const { planned } of held) {
    const loose = planned.looselyTyped.length ? ` (${planned.looselyTyped.length} value${planned.looselyTyped.length === 1 ? "" : "s"} typed loosely)` : "";
    io.stderr(`imported ${planned.yamlPath} → ${planned.sourcePath}${loose}\n`);
  }
  const failed = inputTexts.length - plan.skipped.length - held.length;
  const baselined = findings.length ? `, ${findings.length} lint finding(s) recorded in ${BASELINE_FILE}` : "";
  io.stderr(`trunkline: ${held.length} imported with an exact round trip, ${failed} not${baselined}${options.replace ? `, ${replaced} original(s) replaced` : ""}.\n`);
  if (!options.replace && held.some((entry) => entry.output?.path === entry.planned.yamlPath)) {
    io.stderr(`The originals are still in place, and gen never overwrites a file it did not generate: rerun with --replace to hand them over.\n`);
  }
  return failed > 0 || sorted.some((diagnostic) => diagnostic.severity === "error") ? ExitCode.SourceErrors : ExitCode.Ok;
}

/** The YAML files named by the paths: files as given, folders' `.yml`/`.yaml` files. */
async function expandInputs(paths: readonly string[], io: Io, diagnostics: Diagnostic[]): Promise<string[]> {
  const files = new Set<string>();
  for (const raw of paths) {
    const clean = toRepoPath(raw, io.root);
    if (/\.ya?ml$/.test(clean)) {
      if ((await io.readText(clean)) === undefined) diagnostics.push({ rule: "import", severity: "error", file: clean, message: `${clean} does not exist`, hint: "pass YAML files or folders of them" });
      else files.add(clean);
    } else for (const file of await io.listFiles(clean, [".yml", ".yaml"])) files.add(file);
  }
  return [...files].sort();
}

function toRepoPath(raw: string, root: string): string {
  let clean = raw.replace(/\\/g, "/").replace(/\/+$/, "");
  const normalizedRoot = root.replace(/\\/g, "/").replace(/\/+$/, "");
  if (clean.startsWith(`${normalizedRoot}/`)) clean = clean.slice(normalizedRoot.length + 1);
  return clean.replace(/^\.\//, "") || ".";
}

interface ImportSetup {
  target: TargetConfig;
  /** The target is not in the config yet and must be added. */
  isNewTarget: boolean;
  hasConfig: boolean;
  sourceDir: string;
}

/** Which target the sources join, where they go, and the parser options that target's outputs use. */
async function resolveSetup(options: ImportOptions, inputs: readonly string[], io: Io): Promise<ImportSetup | { usage: string }> {
  const targetFolders = await io.listFolders(`${SOURCE_DIR}/targets`);
  let targets = defaultTargets(targetFolders);
  const hasConfig = (await io.readText(CONFIG_FILE)) !== undefined;
  if (hasConfig) {
    const loaded = await io.loadModules([CONFIG_FILE], "config");
    const module = loaded.modules.get(CONFIG_FILE);
    if (!module) return { usage: `${CONFIG_FILE} does not load: ${loaded.diagnostics.map((d) => d.message).join("; ")}` };
    const checked = checkConfig(module.default, targetFolders);
    if (checked.diagnostics.length) return { usage: `${CONFIG_FILE} has problems: ${checked.diagnostics.map((d) => d.message).join("; ")}` };
    targets = checked.targets;
  }
  const inputFolders = [...new Set(inputs.map((input) => input.replace(/\/[^/]*$/, "")))];
  let target = options.target === undefined
    ? targets.find((candidate) => inputFolders.length === 1 && candidate.outDir === inputFolders[0]) ?? targets.find((candidate) => candidate.name === DEFAULT_TARGET) ?? targets[0]
    : targets.find((candidate) => candidate.name === options.target);
  let isNewTarget = false;
  if (!target) {
    const name = options.target ?? DEFAULT_TARGET;
    if (!/^[A-Za-z0-9._-]+$/.test(name)) return { usage: `--target "${name}" is not a usable target name (letters, digits, . _ -)` };
    isNewTarget = hasConfig;
    target = hasConfig
      ? { name, sources: [`${options.out ?? `${SOURCE_DIR}/${name}`}/*.ts`], outDir: inputFolders.length === 1 && !inputFolders[0]!.startsWith("..") ? inputFolders[0]! : `generated/${name}/.github/workflows` }
      : { name, sources: [`${SOURCE_DIR}/targets/${name}/**/*.ts`], outDir: `generated/${name}/.github/workflows` };
  }
  const sourceDir = toRepoPath(options.out ?? staticBase(target.sources[0] ?? `${SOURCE_DIR}/*.ts`), io.root);
  if (sourceDir.startsWith("..") || sourceDir === ".") return { usage: `--out must be a folder inside the repository (got ${options.out})` };
  return { target, isNewTarget, hasConfig, sourceDir };
}

function staticBase(glob: string): string {
  return picomatch.scan(glob).base || ".";
}

/** Adds the source folder to the config when the target's globs do not cover it; warns when there is no config to add it to. */
async function registerInConfig(setup: ImportSetup, io: Io): Promise<Diagnostic[]> {
  const glob = `${setup.sourceDir}/*.ts`;
  const isCovered = picomatch(setup.target.sources)(`${setup.sourceDir}/imported.ts`);
  if (isCovered && !setup.isNewTarget) return [];
  if (!setup.hasConfig) {
    if (isCovered) return [];
    return [{ rule: "import", severity: "warning", file: setup.sourceDir, message: `gen does not read sources in ${setup.sourceDir}: without ${CONFIG_FILE}, sources live in ${SOURCE_DIR}/*.ts and ${SOURCE_DIR}/targets/<name>/`, hint: `create ${CONFIG_FILE} with a target whose sources include "${glob}"` }];
  }
  const configText = (await io.readText(CONFIG_FILE))!;
  const edited = registerSources(configText, setup.target, glob, setup.isNewTarget);
  if (edited === undefined) {
    return [{ rule: "import", severity: "warning", file: CONFIG_FILE, message: `${CONFIG_FILE} could not be updated automatically, so gen does not read ${setup.sourceDir} yet`, hint: registrationSnippet(setup.target, glob, setup.isNewTarget) }];
  }
  await io.writeAtomic(CONFIG_FILE, edited);
  io.stderr(`registered ${glob} in ${CONFIG_FILE} (target "${setup.target.name}")\n`);
  return [];
}

// Round-trip misses carry the path in the original; its line there is what a reader looks up.
function locateInOriginal(problem: Diagnostic, text: string | undefined): Diagnostic {
  if (!problem.path || text === undefined) return problem;
  return { ...problem, ...createLocator(text).positionOf(problem.path) };
}
