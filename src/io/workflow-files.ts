import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Io } from "./io.js";
import { toProjectPath } from "./project-path.js";

/** The extensions of workflow files. */
export const YAML_EXTENSIONS: readonly string[] = [".yml", ".yaml"];

// Folders never searched: dependencies, version control and trunkline's own state.
const SKIPPED = new Set(["node_modules", ".git", ".trunkline"]);
const WORKFLOWS_FOLDER = /(^|\/)\.github\/workflows$/;

/**
 * The workflow files a folder stands for. A `.github/workflows` folder, or any folder with YAML
 * files directly inside and no `.github/workflows` below it (a folder of workflows, as in a
 * test corpus): its YAML files. Otherwise every `.github/workflows` below it, at any depth — so
 * `lint generated` finds each generated repository's workflows, and `lint .` does not read
 * `docker-compose.yml` or `.github/dependabot.yml` as a workflow.
 */
export async function findWorkflowFiles(io: Pick<Io, "listFiles" | "listFolders">, folder: string): Promise<string[]> {
  const direct = (await io.listFiles(folder, YAML_EXTENSIONS)).map((file) => file.replace(/^\.\//, ""));
  if (WORKFLOWS_FOLDER.test(folder)) return direct;
  const below = await workflowsBelow(io, folder);
  return below.length ? below : direct;
}

async function workflowsBelow(io: Pick<Io, "listFiles" | "listFolders">, folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of await io.listFolders(folder)) {
    if (SKIPPED.has(name) || (name.startsWith(".") && name !== ".github")) continue;
    const child = folder === "." ? name : `${folder}/${name}`;
    if (WORKFLOWS_FOLDER.test(child)) found.push(...(await io.listFiles(child, YAML_EXTENSIONS)));
    else found.push(...(await workflowsBelow(io, child)));
  }
  return found.sort();
}

/** The action metadata files (`action.yml`, `action.yaml`) in a folder and below it. */
export async function findActionFiles(io: Pick<Io, "listFiles" | "listFolders">, folder: string): Promise<string[]> {
  const found = (await io.listFiles(folder, YAML_EXTENSIONS)).filter((file) => /(^|\/)action\.ya?ml$/.test(file)).map((file) => file.replace(/^\.\//, ""));
  for (const name of await io.listFolders(folder)) {
    if (SKIPPED.has(name)) continue;
    found.push(...(await findActionFiles(io, folder === "." ? name : `${folder}/${name}`)));
  }
  return found.sort();
}

/**
 * The workflow files that typed paths name (relative to where the command ran, or absolute):
 * files as given, folders through {@link findWorkflowFiles} (or, holding no workflow, {@link findActionFiles}). A path that does not exist is an
 * error; a folder holding no workflow is a warning when other paths gave files, else an error.
 */
export async function expandWorkflowPaths(io: Pick<Io, "root" | "cwd" | "kindOf" | "listFiles" | "listFolders">, typedPaths: readonly string[], missingHint: string): Promise<{ files: string[]; problems: Diagnostic[] }> {
  const files = new Set<string>();
  const problems: Diagnostic[] = [];
  const emptyFolders: string[] = [];
  for (const typed of typedPaths) {
    const entry = toProjectPath(io, typed);
    const kind = await io.kindOf(entry);
    if (kind === "file") files.add(entry);
    else if (kind === "folder") {
      // a folder of actions (`.github/actions`) when it holds no workflow: their action.yml files
      let found = await findWorkflowFiles(io, entry);
      if (found.length === 0) found = await findActionFiles(io, entry);
      if (found.length === 0) emptyFolders.push(entry);
      for (const file of found) files.add(file);
    } else problems.push({ rule: "load", severity: "error", file: entry, message: `${entry} does not exist`, hint: missingHint });
  }
  for (const folder of emptyFolders) {
    problems.push({ rule: "load", severity: files.size ? "warning" : "error", file: folder, message: `${folder} holds no workflow file (*.yml or *.yaml, directly or in a .github/workflows folder below it)`, hint: "pass the folder that holds the workflows, e.g. .github/workflows" });
  }
  return { files: [...files].sort(), problems };
}
