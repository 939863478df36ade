import type { Io } from "./io.js";

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
