import { readdirSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./temp-repo.js";

/** Every YAML file the project generates and commits: its own CI, example targets, golden files (paths from the repository root). */
export function generatedFiles(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
      const relative = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else if (/\.ya?ml$/.test(entry.name)) found.push(relative);
    }
  };
  for (const folder of [".github/workflows", "generated", "test/golden"]) {
    try {
      walk(folder);
    } catch {
      // a folder that does not exist yet holds nothing to check
    }
  }
  return found.sort();
}
