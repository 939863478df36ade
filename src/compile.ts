import type { ExperimentalFeatures } from "@actions/expressions/features";
import type { TargetConfig } from "./config/define-config.js";
import { type Diagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { createLocator } from "./diagnostics/locate.js";
import { resolveCallSite } from "./dsl/call-site.js";
import { emitYaml } from "./emit/emit-yaml.js";
import type { JsonObject } from "./model/json.js";
import { sha256 } from "./sync/manifest.js";
import { type LoadedSource, type NormalizedWorkflow, normalizeSource } from "./normalize/normalize-source.js";
import { pathKey } from "./normalize/to-json.js";

/** One file trunkline wants on disk. */
export interface OutputFile {
  /** Repo-relative, "/" separators. */
  path: string;
  target: string;
  sourceFile: string;
  text: string;
}

/** The sources of one target, loaded. */
export interface TargetSources {
  target: TargetConfig;
  sources: LoadedSource[];
}

/** Checks one emitted workflow; each validation layer (schema, parser, rules) is one of these. */
export type Validator = (input: { model: JsonObject; text: string; file: string; featureFlags?: ExperimentalFeatures }) => Diagnostic[] | Promise<Diagnostic[]>;

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

/** Options for {@link compile}. */
export interface CompileOptions {
  /** Loaded only when some output is not known to be valid: the parser is the costliest module to load. */
  validators: () => Promise<readonly Validator[]>;
  validationCache?: ValidationCache;
  featureFlags?: ExperimentalFeatures;
  /** Turns absolute call-site paths into repo-relative ones. */
  relativize: (absolutePath: string) => string;
}

/**
 * The pure middle of the pipeline: normalize every source, emit YAML, validate it. Touches no
 * disk; keeps going after a bad file so every file's errors show in one run.
 */
export async function compile(targets: readonly TargetSources[], options: CompileOptions): Promise<CompileResult> {
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const claimedBy = new Map<string, string>();
  let validators: readonly Validator[] | undefined;
  for (const { target, sources } of targets) {
    for (const source of sources) {
      const normalized = normalizeSource(source);
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
        const text = emitYaml(workflow.model, workflow.sourceFile);
        const cacheKey = sha256(`${outputPath}\0${JSON.stringify(options.featureFlags ?? {})}\0${text}`);
        if (!options.validationCache?.has(cacheKey)) {
          validators ??= await options.validators();
          const found = (await Promise.all(validators.map((validate) => validate({ model: workflow.model, text, file: outputPath, featureFlags: options.featureFlags })))).flat();
          diagnostics.push(...locateAll(found, text, workflow, options.relativize));
          if (!found.length) options.validationCache?.add(cacheKey);
        }
        files.push({ path: outputPath, target: target.name, sourceFile: workflow.sourceFile, text });
      }
    }
  }
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

/** Fills line/column from paths (or paths from line/column) and the TypeScript call site. */
function locateAll(diagnostics: Diagnostic[], text: string, workflow: NormalizedWorkflow, relativize: (file: string) => string): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const locator = createLocator(text);
  const located = diagnostics.map((diagnostic) => {
    const copy = { ...diagnostic };
    if (copy.path && copy.line === undefined) Object.assign(copy, locator.positionOf(copy.path));
    if (!copy.path && copy.line !== undefined) copy.path = locator.pathAt(copy.line, copy.column ?? 1);
    const site = nearestCallSite(workflow, copy.path ?? []);
    if (site && !copy.source) copy.source = { ...site, file: relativize(site.file) };
    return copy;
  });
  return dropRepeats(located);
}

// The schema and the parser often report the same mistake; the schema's message carries a hint.
function dropRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const schemaPlaces = new Set(diagnostics.filter((d) => d.rule === "schema").map((d) => JSON.stringify(d.path)));
  return diagnostics.filter((d) => d.rule !== "parser" || !schemaPlaces.has(JSON.stringify(d.path)));
}

function nearestCallSite(workflow: NormalizedWorkflow, path: readonly (string | number)[]) {
  for (let length = path.length; length >= 0; length--) {
    const site = workflow.callSites.get(pathKey(path.slice(0, length)));
    if (site) return resolveCallSite(site);
  }
  return undefined;
}
