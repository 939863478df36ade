// The ruleset stage of compile: a target's `ruleset()` exports → REST JSON outputs, checked against
// the schema; and the repository rules (rulesets against workflows) run over what is generated.
// Pure, like compile: the rulesets kept by hand on disk come in as text.
import type { OutputFile } from "../compile.js";
import type { TargetConfig } from "../config/define-config.js";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.js";
import { createLocator } from "../diagnostics/locate.js";
import { type CallSite, resolveCallSite } from "../dsl/call-site.js";
import type { JsonObject } from "../model/json.js";
import type { NormalizedSource, NormalizedWorkflow } from "../normalize/normalize-source.js";
import { quoteError } from "../normalize/to-json.js";
import type { RequiredCheck } from "../rules/_define-rule.js";
import { requiredChecksOf } from "../validate/ruleset-checks.js";
import { checksOfRepository } from "./check-contexts.js";
import { type TargetWorkflow, resolveRuleset } from "./resolve-ruleset.js";
import type { RepositoryRuleRunner } from "./run-repository-rules.js";
import type { Ruleset } from "./ruleset.js";
import { repositoryPrefixOf } from "../config/repository-layout.js";

/** A ruleset file found on disk that trunkline does not generate (written by hand, or exported from GitHub). */
export interface RulesetFile {
  file: string;
  text: string;
}

/** A ruleset a source exports (see `ruleset()`). */
export interface NormalizedRuleset {
  sourceFile: string;
  exportName: string;
  ruleset: Ruleset;
}

/** A ruleset document of the target's repository, generated now or read from disk. */
export interface RulesetDocument {
  file: string;
  text: string;
  document: unknown;
  /** Where `ruleset()` was called, for a generated one. */
  definedAt?: CallSite;
}

/** What {@link compileRulesets} produced for one target. */
export interface CompiledRulesets {
  files: OutputFile[];
  /** Every ruleset of the repository: the generated ones, then those kept by hand. */
  documents: RulesetDocument[];
  /** The checks those rulesets require, for the workflow rules (`required-check-path-filtered`). */
  requiredChecks: RequiredCheck[];
  diagnostics: Diagnostic[];
}

/**
 * Where a target's rulesets go: `.github/rulesets/` for the repository at the root (this one, or a
 * consumer's), `rulesets/` beside `.github/` for a generated target (`generated/web/rulesets/`).
 */
export function rulesetFolderOf(outDir: string): string {
  // This repository's own rulesets sit in .github/, as GitHub's own tooling expects.
  if (outDir === ".github/workflows") return ".github/rulesets";
  return `${repositoryPrefixOf(outDir)}rulesets`;
}

/**
 * Writes each ruleset a target's sources export as `<folder>/<name>.json`, its required jobs turned
 * into the checks they report, validated against the REST schema; adds the rulesets kept by hand on
 * disk (except any at a path generated now) so the rules see every ruleset of the repository.
 */
export async function compileRulesets(
  target: TargetConfig,
  sources: readonly NormalizedSource[],
  onDisk: readonly RulesetFile[],
  toSource: (position: SourcePosition) => SourcePosition,
): Promise<CompiledRulesets> {
  const result: CompiledRulesets = { files: [], documents: [], requiredChecks: [], diagnostics: [] };
  const exported = sources.flatMap((source) => source.rulesets);
  const folder = rulesetFolderOf(target.outDir);
  if (exported.length > 0) {
    const workflows = sources.flatMap((source) => source.workflows.map((workflow) => targetWorkflow(target, workflow)));
    const checks = checksOfRepository(workflows);
    const claimedBy = new Map<string, NormalizedRuleset>();
    for (const entry of exported) {
      const file = `${folder}/${entry.ruleset.name}.json`;
      const source = resolveCallSite(entry.ruleset.definedAt);
      const at = source ? { source: toSource(source) } : {};
      const previous = claimedBy.get(file);
      if (previous) {
        result.diagnostics.push({ rule: "sync", severity: "error", file, ...at, message: `${previous.sourceFile} (export "${previous.exportName}") and ${entry.sourceFile} (export "${entry.exportName}") both generate the ruleset "${entry.ruleset.name}"`, hint: "give one of the rulesets another name" });
        continue;
      }
      claimedBy.set(file, entry);
      let resolved: ReturnType<typeof resolveRuleset>;
      try {
        resolved = resolveRuleset(entry.ruleset, workflows, checks);
      } catch (error) {
        // the spec is the author's data: a getter or a Proxy in it may throw
        result.diagnostics.push({ rule: "normalize", severity: "error", file, ...at, message: `ruleset "${entry.ruleset.name}" (export "${entry.exportName}"): reading it threw ${quoteError(error)}`, hint: "export plain values: a getter or a Proxy that throws cannot be turned into a ruleset" });
        continue;
      }
      const schemaProblems = resolved.document ? (await import("./ruleset-schema.js")).validateRulesetDocument(resolved.document) : [];
      const text = resolved.document ? rulesetText(resolved.document) : undefined;
      for (const problem of [...resolved.problems, ...schemaProblems.map((found) => ({ ...found, hint: "fix the field in the ruleset() source; GitHub's REST API would refuse it" }))]) {
        result.diagnostics.push({ rule: "normalize", severity: "error", file, ...at, message: `ruleset "${entry.ruleset.name}" (export "${entry.exportName}"): ${problem.message}`, hint: problem.hint, ...(problem.path ? { path: problem.path } : {}) });
      }
      if (!text || schemaProblems.length > 0) continue;
      result.files.push({ path: file, target: target.name, sourceFile: entry.sourceFile, text });
      result.documents.push({ file, text, document: resolved.document, definedAt: entry.ruleset.definedAt });
    }
  }
  for (const kept of onDisk) {
    if (result.files.some((output) => output.path === kept.file)) continue;
    const document = parseJson(kept.text);
    if (document === undefined) {
      result.diagnostics.push({ rule: "load", severity: "warning", file: kept.file, message: `${kept.file} is not valid JSON, so the checks it requires are not compared with the workflows`, hint: "fix the JSON, or export the ruleset from GitHub again" });
      continue;
    }
    result.documents.push({ file: kept.file, text: kept.text, document });
  }
  for (const entry of result.documents) result.requiredChecks.push(...requiredChecksOf(entry.document, entry.file));
  return result;
}

/** A workflow of the target as the ruleset stage sees it: by output path, with its DSL jobs. */
function targetWorkflow(target: TargetConfig, workflow: NormalizedWorkflow): TargetWorkflow {
  return { file: `${target.outDir}/${workflow.fileName}`, model: workflow.model, jobs: workflow.jobs };
}

/** One emitted workflow, for the repository rules and for placing their findings. */
export interface EmittedWorkflow {
  file: string;
  text: string;
  workflow: NormalizedWorkflow;
}

/**
 * Runs the rules that compare a repository's rulesets with its workflows, and places each finding:
 * in a workflow through `locateInWorkflow` (YAML line, TypeScript call site), in a ruleset at its
 * JSON line with the `ruleset()` call site.
 */
export function checkRepository(
  run: RepositoryRuleRunner,
  workflows: readonly EmittedWorkflow[],
  rulesets: readonly RulesetDocument[],
  locateInWorkflow: (found: Diagnostic[], workflow: EmittedWorkflow) => Diagnostic[],
  toSource: (position: SourcePosition) => SourcePosition,
): Diagnostic[] {
  const found = run({
    workflows: workflows.map((entry) => ({ file: entry.file, model: entry.workflow.model, suppressions: entry.workflow.suppressions })),
    rulesets: rulesets.map((entry) => ({ file: entry.file, document: entry.document })),
  });
  const placed: Diagnostic[] = [];
  for (const workflow of workflows) placed.push(...locateInWorkflow(found.filter((diagnostic) => diagnostic.file === workflow.file), workflow));
  for (const ruleset of rulesets) {
    const inRuleset = found.filter((diagnostic) => diagnostic.file === ruleset.file);
    if (inRuleset.length === 0) continue;
    const locator = createLocator(ruleset.text);
    const site = resolveCallSite(ruleset.definedAt);
    for (const diagnostic of inRuleset) {
      placed.push({ ...diagnostic, ...(diagnostic.path ? locator.positionOf(diagnostic.path) : {}), ...(site ? { source: toSource(site) } : {}) });
    }
  }
  return placed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON text written for a ruleset document: two-space indentation and a final newline. */
export function rulesetText(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
