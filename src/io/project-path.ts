import path from "node:path";
import type { Io } from "./io.js";

/**
 * A path the user typed (relative to where they ran the command, or absolute) as the pipeline
 * names files: relative to the project root with "/" separators when it is inside the project,
 * absolute otherwise. Editors and lint-staged pass absolute paths; people pass relative ones.
 */
export function toProjectPath(io: Pick<Io, "root" | "cwd">, typed: string): string {
  const absolute = path.resolve(io.cwd, typed);
  const relative = path.relative(io.root, absolute);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) return absolute.split(path.sep).join("/");
  return relative.split(path.sep).join("/");
}

/** Whether a path from {@link toProjectPath} lies inside the project (and so may be written). */
export function isInsideProject(projectPath: string): boolean {
  return !path.isAbsolute(projectPath) && !/^[A-Za-z]:/.test(projectPath) && projectPath !== ".." && !projectPath.startsWith("../");
}
