import type { ExperimentalFeatures } from "@actions/expressions/features";
import type { TargetConfig } from "./config/define-config.js";
import { type Diagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { createLocator } from "./diagnostics/locate.js";
import { resolveCallSite } from "./dsl/call-site.js";
import { emitYaml } from "./emit/emit-yaml.js";
import type { JsonObject } from "./model/json.js";
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

/** Options for {@link compile}. */
export interface CompileOptions {
  validators: readonly Validator[];
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
        const found = (await Promise.all(options.validators.map((validate) => validate({ model: workflow.model, text, file: outputPath, featureFlags: options.featureFlags })))).flat();
        diagnostics.push(...locateAll(found, text, workflow, options.relativize));
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
  return diagnostics.map((diagnostic) => {
    const located = { ...diagnostic };
    if (located.path && located.line === undefined) Object.assign(located, locator.positionOf(located.path));
    if (!located.path && located.line !== undefined) located.path = locator.pathAt(located.line, located.column ?? 1);
    const site = nearestCallSite(workflow, located.path ?? []);
    if (site && !located.source) located.source = { ...site, file: relativize(site.file) };
    return located;
  });
}

function nearestCallSite(workflow: NormalizedWorkflow, path: readonly (string | number)[]) {
  for (let length = path.length; length >= 0; length--) {
    const site = workflow.callSites.get(pathKey(path.slice(0, length)));
    if (site) return resolveCallSite(site);
  }
  return undefined;
}
