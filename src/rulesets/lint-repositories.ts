import { parseDocument } from "yaml";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type YamlLocator, createLocator } from "../diagnostics/locate.js";
import type { Io } from "../io/io.js";
import { type ReadWorkflow, commentSuppressions } from "../validate/lint-yaml.js";
import { readRulesetFiles, repositoryRootOfWorkflow } from "../validate/ruleset-checks.js";
import { yamlValue } from "../validate/yaml-value.js";
import type { RepositoryRuleRunner } from "./run-repository-rules.js";
import { YAML_EXTENSIONS } from "../io/workflow-files.js";

/** What the repository rules found for `trunkline lint`, and the ruleset texts to show them in. */
export interface RepositoryLint {
  diagnostics: Diagnostic[];
  /** The text of every ruleset file read, by path, for formatters that print the offending line. */
  texts: Map<string, string>;
}

/**
 * `trunkline lint`'s comparison of rulesets with workflows: for each repository the linted files
 * belong to that stores rulesets (`rulesets/*.json`, `.github/rulesets/*.json`), every workflow of
 * its `.github/workflows` is read, so a check reported by a file not linted still counts. Findings
 * are kept for the linted files and the rulesets. A file lint already read as data (`alreadyRead`, by
 * path) is taken from there instead of being parsed again.
 */
export async function lintRepositories(io: Io, files: readonly string[], texts: ReadonlyMap<string, string>, run: RepositoryRuleRunner, alreadyRead: ReadonlyMap<string, ReadWorkflow> = new Map()): Promise<RepositoryLint> {
  const result: RepositoryLint = { diagnostics: [], texts: new Map() };
  const linted = new Set(files);
  for (const [root, lintedHere] of rootsOf(files)) {
    const rulesetFiles = await readRulesetFiles(io, root);
    if (!needsWorkflows(rulesetFiles.length, lintedHere, texts)) continue;
    const workflowsFolder = `${root === "" ? "" : `${root.replace(/\/$/, "")}/`}.github/workflows`;
    const workflowFiles = [...new Set([...(await io.listFiles(workflowsFolder, YAML_EXTENSIONS)), ...lintedHere])].sort();
    const textOf = new Map<string, string>();
    const workflows = [];
    for (const file of workflowFiles) {
      const text = texts.get(file) ?? (await io.readText(file));
      if (text === undefined) continue;
      const reused = texts.has(file) ? alreadyRead.get(file) : undefined;
      if (reused) {
        textOf.set(file, text);
        workflows.push({ file, model: reused.model, ...(reused.suppressions ? { suppressions: reused.suppressions } : {}) });
        continue;
      }
      const document = parseDocument(text);
      // lint reports a syntax error, or an alias that cannot be resolved, on the file itself
      const read = document.errors.length > 0 ? undefined : yamlValue(document);
      if (!read || read.problems.length > 0) continue;
      textOf.set(file, text);
      const suppressions = text.includes("trunkline-ignore") ? commentSuppressions(text, createLocator(text)) : undefined;
      workflows.push({ file, model: read.value, ...(suppressions ? { suppressions } : {}) });
    }
    const rulesets = [];
    for (const { file, text } of rulesetFiles) {
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        result.diagnostics.push({ rule: "load", severity: "warning", file, message: `${file} is not valid JSON, so the checks it requires are not compared with the workflows`, hint: "fix the JSON, or export the ruleset from GitHub again" });
        continue;
      }
      textOf.set(file, text);
      result.texts.set(file, text);
      rulesets.push({ file, document });
    }
    const rulesetPaths = new Set(rulesets.map((ruleset) => ruleset.file));
    // one parse per file with findings, not one per finding
    const locators = new Map<string, YamlLocator>();
    const locatorFor = (file: string, text: string) => locators.get(file) ?? locators.set(file, createLocator(text)).get(file)!;
    for (const diagnostic of run({ workflows, rulesets, listedWorkflows: workflowFiles })) {
      if (!linted.has(diagnostic.file) && !rulesetPaths.has(diagnostic.file)) continue;
      const text = textOf.get(diagnostic.file);
      const position = text !== undefined && diagnostic.path ? locatorFor(diagnostic.file, text).positionOf(diagnostic.path) : undefined;
      result.diagnostics.push({ ...diagnostic, ...position });
    }
  }
  return result;
}

/**
 * Whether {@link lintRepositories} will read the workflows of a repository of `files`: lint then
 * keeps what it read of each file for it.
 */
export async function repositoryWorkflowsNeeded(io: Io, files: readonly string[], texts: ReadonlyMap<string, string>): Promise<boolean> {
  for (const [root, lintedHere] of rootsOf(files)) {
    if (needsWorkflows((await readRulesetFiles(io, root)).length, lintedHere, texts)) return true;
  }
  return false;
}

// The linted files by the root of the repository each belongs to.
function rootsOf(files: readonly string[]): Map<string, string[]> {
  const roots = new Map<string, string[]>();
  for (const file of files) {
    const root = repositoryRootOfWorkflow(file);
    const lintedHere = roots.get(root);
    // pushed, not copied: a copy per file was quadratic in a folder of thousands
    if (lintedHere) lintedHere.push(file);
    else roots.set(root, [file]);
  }
  return roots;
}

// Without rulesets, only a workflow calling another of the same repository needs the others.
function needsWorkflows(rulesetCount: number, lintedHere: readonly string[], texts: ReadonlyMap<string, string>): boolean {
  return rulesetCount > 0 || lintedHere.some((file) => texts.get(file)?.includes("./.github/workflows/"));
}
