import type { ExperimentalFeatures } from "@actions/expressions/features";
import type { TargetConfig } from "./config/define-config.js";
import { type Diagnostic, type SourcePosition, type WorkflowPath, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { createLocator } from "./diagnostics/locate.js";
import { resolveCallSite } from "./dsl/call-site.js";
import { emitYaml, releaseTagComment } from "./emit/emit-yaml.js";
import { markdownHeader } from "./emit/header.js";
import { repositoryPrefixOf } from "./config/repository-layout.js";
import type { JsonObject } from "./model/json.js";
import { sha256 } from "./sync/manifest.js";
import type { HashMemo } from "./sync/hash-memo.js";
import { type LoadedSource, type NormalizedSource, type NormalizedWorkflow, normalizeSource } from "./normalize/normalize-source.js";
import { calleeResolver, indexGeneratedWorkflows } from "./normalize/callees.js";
import { mergeRepeats } from "./validate/merge-repeats.js";
import type { LintProfile } from "./validate/lint-profile.js";
import type { ParsedYaml } from "./validate/parsed-yaml.js";
import type { RuleRunner } from "./validate/run-rules.js";
import type { ValidationPool } from "./validate/validation-pool.js";
import { pathKey } from "./normalize/to-json.js";
import { type NormalizedAction, normalizeAction } from "./normalize/normalize-action.js";
import { type AuthoredAction, LOCAL_ACTIONS_FOLDER } from "./actions/authored-action.js";
import { runRulesOnAction } from "./validate/action-rules.js";
import type { CallSite } from "./dsl/call-site.js";
import { type EmittedWorkflow, type RulesetFile, checkRepository, compileRulesets } from "./rulesets/compile-rulesets.js";
import type { RepositoryRuleRunner } from "./rulesets/run-repository-rules.js";

/** One file trunkline wants on disk. */
export interface OutputFile {
  /** Repo-relative, "/" separators. */
  path: string;
  target: string;
  sourceFile: string;
  text: string;
  /** The workflow as plain data (workflows only), for later stages that read it without parsing `text`. */
  model?: JsonObject;
}

/** The sources of one target, loaded. */
export interface TargetSources {
  target: TargetConfig;
  sources: LoadedSource[];
}

/**
 * Checks one workflow (GitHub's parser and the schema, default-validators.ts). `emitted` says the
 * text is what trunkline's emitter wrote from `model` (an output of gen), so a check may read the
 * value instead of the text. `profile`, when a lint asks for one, is given the time of each layer by name.
 */
export type Validator = (input: { model: JsonObject; text: string; file: string; featureFlags?: ExperimentalFeatures; document?: ParsedYaml; emitted?: boolean; profile?: LintProfile }) => Diagnostic[] | Promise<Diagnostic[]>;

/** Everything compile produced: the files to write and every problem found. */
export interface CompileResult {
  files: OutputFile[];
  diagnostics: Diagnostic[];
}

/**
 * Remembers outputs that passed every validator, so an unchanged file is not validated again.
 * Keys cover the text, the path and the parser options; the store drops itself when trunkline changes.
 */
export interface ValidationCache {
  has(key: string): boolean;
  add(key: string): void;
}

/**
 * Remembers texts from run to run, bound to one trunkline build: the YAML emitted for a model, so an
 * unchanged workflow is not emitted again (the emitter is the costliest step of a run where nothing
 * changed), and the placed findings of an output that has some.
 */
export interface EmitCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/**
 * Kept between compiles by a long-running caller (the watch): a source whose exports are the very
 * objects compiled before is not normalized again, nor are its workflows emitted again.
 */
export interface CompileMemo {
  /** By the source's exports object. */
  normalized: WeakMap<object, NormalizedSource>;
  /** By the workflow's model, with the lockfile's tags it was emitted with. */
  emitted: WeakMap<object, { releaseTags: string; text: string }>;
  /** The cache keys of outputs (and the manifest's hashes), by their texts. */
  hashes?: HashMemo;
}

/** Options for {@link compile}. */
export interface CompileOptions {
  emitCache?: EmitCache;
  /**
   * Identifies the rule settings (config and required checks): a workflow that gave no finding
   * under the same settings is not checked by the rules again.
   */
  rulesKey?: string;
  /** Loaded only when some output is not known to be valid: the parser is the costliest module to load. */
  validators: () => Promise<readonly Validator[]>;
  validationCache?: ValidationCache;
  /** Checks workflows with the default validators on another thread (validation-pool.ts) instead of `validators`. */
  validationPool?: Pick<ValidationPool, "validate">;
  featureFlags?: ExperimentalFeatures;
  /** Turns a call site (in a compiled module, absolute) into the TypeScript position to report. */
  toSource: (position: SourcePosition) => SourcePosition;
  /** trunkline's rules, configured; run on every output (not cached: their settings live in the config). */
  runRules?: RuleRunner;
  /** Awaited before the rules first run on an output not known clean (reads the locked actions' metadata). */
  prepareRules?: () => Promise<void>;
  /** Rulesets each target's repository keeps on disk that trunkline does not generate, by target name. */
  rulesetsOnDisk?: ReadonlyMap<string, readonly RulesetFile[]>;
  /** The rules comparing a repository's rulesets with its workflows, run once per target. */
  runRepositoryRules?: RepositoryRuleRunner;
  /** `owner/repo[/path]@<sha>` → release tag from the actions lockfile, for the comment beside each pin. */
  releaseTags?: ReadonlyMap<string, string>;
  memo?: CompileMemo;
  /** GitHub's action parser, loaded only when an authored action is not known to be valid. */
  actionValidator?: () => Promise<(text: string, file: string) => Diagnostic[]>;
}

/**
 * The pure middle of the pipeline: normalize every source, emit YAML, validate it. Touches no
 * disk; keeps going after a bad file so every file's errors show in one run.
 */
export async function compile(targets: readonly TargetSources[], options: CompileOptions): Promise<CompileResult> {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const claimedBy = new Map<string, string>();
  // a call of a workflow value (`job.call`) is written as the path that workflow is generated at
  const generatedWorkflows = indexGeneratedWorkflows(targets);
  let validators: readonly Validator[] | undefined;
  // outputs the validation pool is still checking
  const pending: Promise<void>[] = [];
  // sha256(prefix + text): remembered by a watch, where most outputs are the same texts every pass
  const memo = options.memo?.hashes;
  const hash = memo ? (text: string, prefix: string) => memo.of(text, prefix) : (text: string, prefix: string) => sha256(prefix + text);
  const featureFlags = JSON.stringify(options.featureFlags ?? {});
  for (const { target, sources } of targets) {
    // Rulesets first: the workflow rules need the checks they require, generated in this same run.
    const resolveCallee = calleeResolver(generatedWorkflows, target.name);
    const normalizedSources = sources.map((source) => normalizeMemoized(source, options, resolveCallee));
    const rulesets = await compileRulesets(target, normalizedSources, options.rulesetsOnDisk?.get(target.name) ?? [], options.toSource);
    diagnostics.push(...rulesets.diagnostics);
    const requiredChecks = JSON.stringify(rulesets.requiredChecks);
    const emitted: EmittedWorkflow[] = [];
    // With a pool, the rules of each output run once every output of the target is posted to it,
    // so that the other thread never waits for the next output while this one runs rules.
    const ruleRuns: (() => Promise<void>)[] = [];
    for (const normalized of normalizedSources) {
      diagnostics.push(...normalized.diagnostics);
      for (const workflow of normalized.workflows) {
        const outputPath = `${target.outDir}/${workflow.fileName}`;
        const previous = claimedBy.get(outputPath);
        if (previous !== undefined) {
          diagnostics.push({
            rule: "sync", severity: "error", file: outputPath,
            message: `${previous} and ${workflow.sourceFile} (export "${workflow.exportName}") both generate ${outputPath}`,
            hint: "give one of the workflows another file name",
          });
          continue;
        }
        claimedBy.set(outputPath, `${workflow.sourceFile} (export "${workflow.exportName}")`);
        const releaseTags = withOwnTags(options.releaseTags, workflow.releaseTags);
        const text = emitMemoized(workflow, options, releaseTags);
        const cacheKey = hash(text, `${outputPath}\0${featureFlags}\0`);
        // Same key shape as `lint` uses for a file that passed every layer and every rule.
        const cleanKey = options.rulesKey === undefined ? undefined : hash(cacheKey, `clean\0${options.rulesKey}\0${requiredChecks}\0${JSON.stringify([...workflow.suppressions])}\0`);
        emitted.push({ file: outputPath, text, workflow });
        if (cleanKey && options.validationCache?.has(cleanKey)) {
          files.push({ path: outputPath, target: target.name, sourceFile: workflow.sourceFile, text, model: workflow.model });
          continue;
        }
        // An output with findings: the same text, settings and source places give the same findings,
        // placed and with their TypeScript edits, so a run that did not change it reads them back.
        const findingsKey = cleanKey && options.emitCache ? hash(cleanKey, `findings\0${findingsContext(normalized.diagnostics, releaseTags)}\0`) : undefined;
        const placeOf = sourcePlaces(workflow, options.toSource);
        const rememberedFindings = findingsKey === undefined ? undefined : stillPlaced(options.emitCache?.get(findingsKey), placeOf);
        if (rememberedFindings !== undefined) {
          diagnostics.push(...rememberedFindings);
          files.push({ path: outputPath, target: target.name, sourceFile: workflow.sourceFile, text, model: workflow.model });
          continue;
        }
        // With a pool, GitHub's parser checks this output on another thread while this one goes on
        // with the rules and the next output; the findings are gathered at the end.
        const input = { model: workflow.model, text, file: outputPath, featureFlags: options.featureFlags, emitted: true };
        const validated = options.validationCache?.has(cacheKey) ?? false;
        const checking = validated ? undefined : options.validationPool?.validate(input);
        const found: Diagnostic[] = [];
        if (!validated && !checking) {
          validators ??= await options.validators();
          found.push(...(await Promise.all(validators.map((validate) => validate(input)))).flat());
          if (!found.length) options.validationCache?.add(cacheKey);
        }
        const applyRules = async () => {
          await options.prepareRules?.();
          const ruleFindings = options.runRules?.({ model: workflow.model, file: outputPath, suppressions: workflow.suppressions, requiredChecks: rulesets.requiredChecks, comments: (path) => emittedComment(workflow.model, path, releaseTags) }) ?? [];
          const finish = async (validated: readonly Diagnostic[]) => {
            if (checking && !validated.length) options.validationCache?.add(cacheKey);
            found.push(...validated, ...ruleFindings);
            if (cleanKey && found.length === 0) options.validationCache?.add(cleanKey);
            const placed = await withEdits(locateAll(withoutBindingRepeats(found, normalized.diagnostics), text, placeOf), text, workflow.model, placeOf, options);
            if (findingsKey !== undefined && placed.length > 0) options.emitCache?.set(findingsKey, JSON.stringify({ places: [...placeOf.consulted], diagnostics: placed } satisfies RememberedFindings));
            diagnostics.push(...placed);
          };
          if (checking) pending.push(checking.then(finish));
          else await finish([]);
        };
        if (checking) ruleRuns.push(applyRules);
        else await applyRules();
        files.push({ path: outputPath, target: target.name, sourceFile: workflow.sourceFile, text, model: workflow.model });
      }
      for (const document of normalized.documents) {
        const outputPath = `${repositoryPrefixOf(target.outDir)}${document.fileName}`;
        const previous = claimedBy.get(outputPath);
        if (previous !== undefined) {
          diagnostics.push({
            rule: "sync", severity: "error", file: outputPath,
            message: `${previous} and ${document.sourceFile} (export "${document.exportName}") both generate ${outputPath}`,
            hint: "give one of the documents another file name",
          });
          continue;
        }
        claimedBy.set(outputPath, `${document.sourceFile} (export "${document.exportName}")`);
        files.push({ path: outputPath, target: target.name, sourceFile: document.sourceFile, text: markdownHeader(document.sourceFile, document.text) + document.text });
      }
    }
    for (const applyRules of ruleRuns) await applyRules();
    // Actions authored in TypeScript: those the sources export, then those their steps call that
    // no source exports (a template package's), each written once, under the first source calling
    // it. Each source is loaded apart, so one action reached from two sources is two equal objects.
    const writtenModels = new Map<string, string>();
    const isWritten = (action: NormalizedAction) => writtenModels.get(action.name) === JSON.stringify(action.model);
    const called: { origin: object; sourceFile: string }[] = [];
    const noteCalled = (origins: ReadonlySet<object>, sourceFile: string) => origins.forEach((origin) => called.push({ origin, sourceFile }));
    const compileOnce = async (action: NormalizedAction) => {
      noteCalled(action.localActions, action.sourceFile);
      if (isWritten(action)) return;
      if (!writtenModels.has(action.name)) writtenModels.set(action.name, JSON.stringify(action.model));
      await compileAction(action, target, claimedBy, files, diagnostics, options);
    };
    for (const normalized of normalizedSources) {
      for (const workflow of normalized.workflows) noteCalled(workflow.localActions, workflow.sourceFile);
      for (const action of normalized.actions) await compileOnce(action);
    }
    const seen = new Set<object>();
    for (let index = 0; index < called.length; index++) {
      const { origin, sourceFile } = called[index]!;
      if (seen.has(origin)) continue;
      seen.add(origin);
      const authored = origin as AuthoredAction<object, string>;
      const normalized = normalizeAction(authored, authored.actionName, sourceFile);
      diagnostics.push(...normalized.problems.map((problem) => ({ ...problem, file: sourceFile })));
      if (normalized.action) await compileOnce(normalized.action);
    }
    files.push(...rulesets.files);
    // Rulesets against workflows; skipped when a source failed, which would only add echoes of its errors.
    if (options.runRepositoryRules && !normalizedSources.some((normalized) => normalized.diagnostics.some((diagnostic) => diagnostic.severity === "error"))) {
      diagnostics.push(...checkRepository(options.runRepositoryRules, emitted, rulesets.documents, (found, entry) => locateAll(found, entry.text, sourcePlaces(entry.workflow, options.toSource)), options.toSource));
    }
  }
  await Promise.all(pending);
  diagnostics.push(...caseCollisions(files));
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

// The lockfile's tags, plus those of the remote workflows this workflow calls (`remoteWorkflow`).
function withOwnTags(lockTags: ReadonlyMap<string, string> | undefined, own: ReadonlyMap<string, string> | undefined): ReadonlyMap<string, string> | undefined {
  return own?.size ? new Map([...(lockTags ?? []), ...own]) : lockTags;
}

// Emits one authored action to `.github/actions/<name>/action.yml` in the target's repository, checked.
async function compileAction(action: NormalizedAction, target: TargetConfig, claimedBy: Map<string, string>, files: OutputFile[], diagnostics: Diagnostic[], options: CompileOptions): Promise<void> {
  const outputPath = `${repositoryPrefixOf(target.outDir)}${LOCAL_ACTIONS_FOLDER}/${action.name}/action.yml`;
  const previous = claimedBy.get(outputPath);
  if (previous !== undefined) {
    diagnostics.push({
      rule: "sync", severity: "error", file: outputPath,
      message: `${previous} and ${action.sourceFile} (export "${action.exportName}") both generate ${outputPath}`,
      hint: "give one of the actions another name",
    });
    return;
  }
  claimedBy.set(outputPath, `${action.sourceFile} (export "${action.exportName}")`);
  const text = emitYaml(action.model, action.sourceFile, options.releaseTags?.size ? { releaseTags: options.releaseTags } : {});
  diagnostics.push(...(await checkAction(action, outputPath, text, options)));
  files.push({ path: outputPath, target: target.name, sourceFile: action.sourceFile, text });
}

// An authored action's action.yml: GitHub's action parser, then the step rules over its steps;
// skipped when the same text passed both under the same rule settings.
async function checkAction(action: NormalizedAction, file: string, text: string, options: CompileOptions): Promise<Diagnostic[]> {
  const cleanKey = options.rulesKey === undefined ? undefined : sha256(`action\0${options.rulesKey}\0${JSON.stringify([...action.suppressions])}\0${file}\0${text}`);
  if (cleanKey && options.validationCache?.has(cleanKey)) return [];
  const found: Diagnostic[] = [];
  if (options.actionValidator) found.push(...(await options.actionValidator())(text, file));
  if (options.runRules) {
    await options.prepareRules?.();
    found.push(...runRulesOnAction(options.runRules, { model: action.model, file, suppressions: action.suppressions, comments: (path) => emittedComment(action.model, path, options.releaseTags) }));
  }
  if (cleanKey && found.length === 0) options.validationCache?.add(cleanKey);
  const placeOf = sourcePlaces(action, options.toSource);
  return withEdits(locateAll(found, text, placeOf), text, action.model, placeOf, options);
}

// The TypeScript edit under each finding `lint --fix` would fix in YAML; the module saying it is
// loaded only when there is a finding at all, so a clean run never pays for it.
async function withEdits(located: Diagnostic[], text: string, model: JsonObject, placeOf: SourcePlaces, options: CompileOptions): Promise<Diagnostic[]> {
  if (located.length === 0) return located;
  const { withSourceEdits } = await import("./diagnostics/suggest-source-edit.js");
  return withSourceEdits(located, { text, model, siteOf: placeOf, ...(options.releaseTags ? { lockedPins: options.releaseTags.keys() } : {}) });
}

// A deprecated input set through an action binding is already a warning of the binding, which
// quotes the action's own deprecation message; the bundled data set's rule would only repeat it.
function withoutBindingRepeats(found: Diagnostic[], fromSource: readonly Diagnostic[]): Diagnostic[] {
  const warned = new Set(fromSource.filter((diagnostic) => diagnostic.rule === "actions").map((diagnostic) => JSON.stringify(diagnostic.path)));
  return warned.size ? found.filter((diagnostic) => !(diagnostic.rule === "action-input-deprecated" && warned.has(JSON.stringify(diagnostic.path)))) : found;
}

// What an output's placed findings depend on beyond its text and rule settings (the TypeScript
// places are checked when they are read back): the deprecations its bindings already warned of,
// and the locked actions (an edit calls a binding only when its action is locked).
function findingsContext(fromSource: readonly Diagnostic[], releaseTags: ReadonlyMap<string, string> | undefined): string {
  const warned = fromSource.filter((diagnostic) => diagnostic.rule === "actions").map((diagnostic) => diagnostic.path);
  return JSON.stringify([warned, releaseTags ? [...releaseTags.keys()] : []]);
}

/** The TypeScript place that wrote the value at a path (or the nearest part above it), with each place asked for kept. */
type SourcePlaces = ((path: WorkflowPath) => SourcePosition | undefined) & { consulted: Map<string, SourcePosition | null> };

function sourcePlaces(owner: { callSites: ReadonlyMap<string, CallSite> }, toSource: (position: SourcePosition) => SourcePosition): SourcePlaces {
  const consulted = new Map<string, SourcePosition | null>();
  return Object.assign(
    (path: WorkflowPath) => {
      const key = JSON.stringify(path);
      const known = consulted.get(key);
      if (known !== undefined) return known ?? undefined;
      const site = nearestCallSite(owner, path);
      const place = site ? toSource(site) : undefined;
      consulted.set(key, place ?? null);
      return place;
    },
    { consulted },
  );
}

/** An output's findings as a run placed them, with the TypeScript places they were placed by. */
interface RememberedFindings {
  places: [string, SourcePosition | null][];
  diagnostics: Diagnostic[];
}

// The remembered findings, when every TypeScript place they used is where it was (a source
// edited above the step moves them); undefined otherwise.
function stillPlaced(remembered: string | undefined, placeOf: SourcePlaces): Diagnostic[] | undefined {
  if (remembered === undefined) return undefined;
  let parsed: RememberedFindings;
  try {
    parsed = JSON.parse(remembered) as RememberedFindings;
  } catch {
    // an entry no run of this build wrote (edited by hand): worked out again
    return undefined;
  }
  const { places, diagnostics } = parsed;
  if (!Array.isArray(places) || !Array.isArray(diagnostics)) return undefined;
  for (const [path, place] of places) {
    if (JSON.stringify(placeOf(JSON.parse(path) as WorkflowPath) ?? null) !== JSON.stringify(place)) return undefined;
  }
  return diagnostics;
}

// Two outputs whose paths differ only in letter case are one file on a case-insensitive file
// system (macOS, Windows): one would silently replace the other in every such checkout.
function caseCollisions(files: readonly OutputFile[]): Diagnostic[] {
  const byCase = new Map<string, OutputFile>();
  const found: Diagnostic[] = [];
  for (const file of files) {
    const key = file.path.toLowerCase();
    const earlier = byCase.get(key);
    if (!earlier) byCase.set(key, file);
    else if (earlier.path !== file.path) {
      found.push({
        rule: "sync", severity: "error", file: file.path,
        message: `${earlier.sourceFile} generates ${earlier.path} and ${file.sourceFile} generates ${file.path}: the names differ only in letter case, so on a case-insensitive file system (macOS, Windows) they are one file`,
        hint: "give one of them another file name",
      });
    }
  }
  return found;
}

function normalizeMemoized(source: LoadedSource, options: CompileOptions, resolveCallee: ReturnType<typeof calleeResolver>): NormalizedSource {
  const remembered = options.memo?.normalized.get(source.exports);
  if (remembered) return remembered;
  // A source that calls a reusable workflow depends on where the callee is generated, which another
  // source decides: it is normalized again every time rather than remembered.
  let callsWorkflow = false;
  const tracked: typeof resolveCallee = (...args) => {
    callsWorkflow = true;
    return resolveCallee(...args);
  };
  const normalized = normalizeSource(source, { toSource: options.toSource, resolveCallee: tracked });
  if (!callsWorkflow) options.memo?.normalized.set(source.exports, normalized);
  return normalized;
}

function emitMemoized(workflow: NormalizedWorkflow, options: CompileOptions, releaseTags: ReadonlyMap<string, string> | undefined): string {
  if (!options.memo) return emitCached(workflow, options.emitCache, releaseTags);
  const tagsKey = releaseTags?.size ? JSON.stringify([...releaseTags]) : "";
  const remembered = options.memo.emitted.get(workflow.model);
  if (remembered?.releaseTags === tagsKey) return remembered.text;
  const text = emitCached(workflow, options.emitCache, releaseTags);
  options.memo.emitted.set(workflow.model, { releaseTags: tagsKey, text });
  return text;
}

function emitCached(workflow: NormalizedWorkflow, cache: EmitCache | undefined, releaseTags: ReadonlyMap<string, string> | undefined): string {
  const options = releaseTags?.size ? { releaseTags } : {};
  if (!cache) return emitYaml(workflow.model, workflow.sourceFile, options);
  // a retagged lock entry changes a comment, so the lock's tags are part of what was emitted
  const key = sha256(`emit\0${workflow.sourceFile}\0${JSON.stringify(workflow.model)}${releaseTags?.size ? `\0${JSON.stringify([...releaseTags])}` : ""}`);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const text = emitYaml(workflow.model, workflow.sourceFile, options);
  cache.set(key, text);
  return text;
}


/** Fills line/column from paths (or paths from line/column) and the TypeScript call site. */
function locateAll(diagnostics: Diagnostic[], text: string, placeOf: SourcePlaces): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const locator = createLocator(text);
  const located = diagnostics.map((diagnostic) => {
    const { within, ...copy } = diagnostic;
    if (copy.path && copy.line === undefined) Object.assign(copy, locator.positionOf(copy.path, within));
    if (!copy.path && copy.line !== undefined) copy.path = locator.pathAt(copy.line, copy.column ?? 1);
    if (!copy.source) {
      const source = placeOf(copy.path ?? []);
      if (source) copy.source = source;
    }
    return copy;
  });
  return mergeRepeats(located);
}

function nearestCallSite(workflow: { callSites: ReadonlyMap<string, CallSite> }, path: readonly (string | number)[]) {
  for (let length = path.length; length >= 0; length--) {
    const site = workflow.callSites.get(pathKey(path.slice(0, length)));
    if (site) return resolveCallSite(site);
  }
  return undefined;
}

// The comment the emitter writes after the value at `path`: only `uses:` values get one.
function emittedComment(model: JsonObject, path: WorkflowPath, releaseTags: ReadonlyMap<string, string> | undefined): string | undefined {
  if (path[path.length - 1] !== "uses") return undefined;
  let value: unknown = model;
  for (const key of path) value = typeof value === "object" && value !== null ? (value as Record<string | number, unknown>)[key] : undefined;
  return typeof value === "string" ? releaseTagComment(value, releaseTags) : undefined;
}
