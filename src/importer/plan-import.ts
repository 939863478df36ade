import type { Diagnostic, WorkflowPath } from "../diagnostics/diagnostic.js";
import { isGenerated } from "../emit/header.js";
import type { Json } from "../model/json.js";
import { posix } from "node:path";
import type { ActionCatalog } from "../rules/_action-catalog.js";
import { repositoryRootOfWorkflow } from "../validate/ruleset-checks.js";
import { checkWorkflowFileName } from "../sync/check-workflow-file-name.js";
import { describeDifference, firstDifference } from "./first-difference.js";
import { readWorkflowYaml } from "./read-workflow-yaml.js";
import { workflowToTs } from "./workflow-to-ts.js";

/** A YAML workflow to import: its repo-relative path and text. */
export interface ImportInput {
  path: string;
  text: string;
}

/** One source the import will write, and what it must regenerate. */
export interface PlannedSource {
  /** The original YAML file. */
  yamlPath: string;
  /** The TypeScript source to write, repo-relative. */
  sourcePath: string;
  /** The file name the source generates, the original's (`ci.yml`). */
  fileName: string;
  text: string;
  /** The original as YAML parsers read it: what the regenerated file must equal. */
  original: Json;
  looselyTyped: { path: WorkflowPath; reason: string }[];
}

/** Options for {@link planImport}. */
export interface PlanImportOptions {
  /** Folder the sources go to, repo-relative. */
  sourceDir: string;
  /** Where the outputs of the actions steps use are looked up (see {@link workflowToTs}). */
  actions?: ActionCatalog;
  /** The outputs of local actions, by their folder in the project (`.github/actions/version`). */
  localActionOutputs?: ReadonlyMap<string, readonly string[]>;
}

/** What planning found: sources to write, files left alone (and why), problems. */
export interface ImportPlan {
  sources: PlannedSource[];
  skipped: { path: string; reason: string }[];
  diagnostics: Diagnostic[];
}

/**
 * Turns YAML workflows into the sources to write: reads each file, writes its TypeScript, and picks a
 * source name in `sourceDir` that no other file of this import takes. Files trunkline generated are
 * skipped (their source already exists); files that are not YAML workflows are reported.
 */
export function planImport(inputs: readonly ImportInput[], options: PlanImportOptions): ImportPlan {
  const plan: ImportPlan = { sources: [], skipped: [], diagnostics: [] };
  const sourcePaths = new Set<string>();
  const fileNames = new Map<string, string>();
  for (const input of inputs) {
    if (isGenerated(input.text)) {
      plan.skipped.push({ path: input.path, reason: "trunkline generated it; its source is named in its first line" });
      continue;
    }
    const fileName = input.path.replace(/^.*\//, "");
    const claimedBy = fileNames.get(fileName);
    if (claimedBy !== undefined) {
      plan.diagnostics.push(importProblem(input.path, `${input.path} and ${claimedBy} would both generate ${fileName}`, "import them into different targets (--target), or rename one"));
      continue;
    }
    const fileNameProblem = checkWorkflowFileName(fileName);
    if (fileNameProblem) {
      plan.diagnostics.push(importProblem(input.path, `${input.path} cannot be generated: ${fileNameProblem.message}`, `rename it: ${fileNameProblem.hint}`));
      continue;
    }
    const { workflow, problems } = readWorkflowYaml(input.text);
    if (!workflow) {
      for (const problem of problems) {
        plan.diagnostics.push({ ...importProblem(input.path, `${input.path} could not be read as a workflow: ${problem.message}`, problem.hint ?? "fix the YAML, then import it again"), line: problem.line, column: problem.column });
      }
      continue;
    }
    fileNames.set(fileName, input.path);
    // `uses: ./x` names a folder from the root of the repository the workflow belongs to
    const root = repositoryRootOfWorkflow(input.path);
    const localActions = (uses: string) => options.localActionOutputs?.get(localActionFolder(root, uses));
    const generated = workflowToTs({ workflow, fileName, actions: options.actions, localActions });
    const sourcePath = uniqueSourcePath(options.sourceDir, fileName, sourcePaths);
    plan.sources.push({ yamlPath: input.path, sourcePath, fileName, text: generated.text, original: workflow.value, looselyTyped: generated.looselyTyped });
  }
  return plan;
}

/** The project-relative folder of a local action: `uses: ./.github/actions/x` in a repository rooted at `root`. */
export function localActionFolder(root: string, uses: string): string {
  return posix.normalize(posix.join(root || ".", uses.replace(/\/+$/, "")));
}

function uniqueSourcePath(sourceDir: string, fileName: string, taken: Set<string>): string {
  // `.test.yml` → `test.ts`: the source globs skip hidden files, as most tools do
  const base = fileName.replace(/\.ya?ml$/, "").replace(/^\.+/, "") || "workflow";
  let candidate = `${sourceDir}/${base}.ts`;
  for (let counter = 2; taken.has(candidate); counter++) candidate = `${sourceDir}/${base}-${counter}.ts`;
  taken.add(candidate);
  return candidate;
}

/** The outcome of regenerating one imported source. */
export type RoundTrip = { held: true } | { held: false; problem: Diagnostic };

/**
 * Checks a regenerated workflow against its original: it must carry the original's file name, and
 * its parsed YAML must be deep-equal to the original's (the header is a comment, so it never
 * counts). A miss names the first path where they differ.
 */
export function compareRegenerated(planned: PlannedSource, fileName: string, regenerated: unknown): RoundTrip {
  if (fileName !== planned.fileName) return missed(planned, `${planned.sourcePath} generates ${fileName} instead of ${planned.fileName}`);
  const difference = firstDifference(planned.original, regenerated);
  if (difference) return missed(planned, `${planned.sourcePath} does not regenerate ${planned.yamlPath} exactly: ${describeDifference(difference)}`, difference.path);
  return { held: true };
}

/** A source that produced no workflow: the first error its loading or normalizing reported. */
export function notRegenerated(planned: PlannedSource, error: Diagnostic): { held: false; problem: Diagnostic } {
  // a value trunkline refuses to write (.inf, .nan) is the author's to decide, not a bug
  return missed(planned, `${planned.sourcePath} does not regenerate ${planned.yamlPath}: ${error.message}`, error.path, error.hint && `${error.hint} in ${planned.sourcePath}`);
}

function missed(planned: PlannedSource, message: string, path?: WorkflowPath, hint = `compare ${planned.sourcePath} with ${planned.yamlPath} there; please report this import as a bug`): { held: false; problem: Diagnostic } {
  return { held: false, problem: { ...importProblem(planned.yamlPath, message, hint), ...(path ? { path } : {}) } };
}

function importProblem(file: string, message: string, hint: string): Diagnostic {
  return { rule: "import", severity: "error", file, message, hint };
}
