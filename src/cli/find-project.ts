import path from "node:path";
import { CONFIG_FILE, SOURCE_DIR } from "../config/resolve-config.js";
import type { Io } from "../io/io.js";

/** What marks a folder as a trunkline project, strongest first (README "Where the project is"). */
export const PROJECT_MARKERS = [CONFIG_FILE, `${SOURCE_DIR}/`, "a package.json that depends on trunkline"] as const;

/** The project a command runs in: its root and the marker that identified it. */
export interface Project {
  root: string;
  marker: (typeof PROJECT_MARKERS)[number];
}

/**
 * Walks up from `from` as git, eslint and vitest do: the nearest folder with trunkline.config.ts;
 * failing that, the nearest with a workflows-src/ folder; failing that, the nearest package.json
 * that depends on trunkline. Undefined when none of them is there, up to the file system's root.
 */
export async function findProject(io: Pick<Io, "readText" | "listFolders">, from: string): Promise<Project | undefined> {
  const folders: string[] = [];
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    folders.push(folder);
    if (path.dirname(folder) === folder) break;
  }
  const has = async (folder: string, marker: Project["marker"]): Promise<boolean> => {
    if (marker === CONFIG_FILE) return (await io.readText(path.join(folder, CONFIG_FILE)).catch(() => undefined)) !== undefined;
    if (marker === `${SOURCE_DIR}/`) return (await io.listFolders(folder)).includes(SOURCE_DIR);
    return dependsOnTrunkline(await io.readText(path.join(folder, "package.json")).catch(() => undefined));
  };
  for (const marker of PROJECT_MARKERS) {
    for (const folder of folders) if (await has(folder, marker)) return { root: folder, marker };
  }
  return undefined;
}

function dependsOnTrunkline(packageJson: string | undefined): boolean {
  if (packageJson === undefined) return false;
  try {
    const manifest = JSON.parse(packageJson) as Record<string, unknown>;
    return ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].some((field) => {
      const dependencies = manifest[field];
      return typeof dependencies === "object" && dependencies !== null && "trunkline" in dependencies;
    });
  } catch {
    return false;
  }
}
