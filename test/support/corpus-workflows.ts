import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

/**
 * The workflow text of every YAML file in `folders`: a GitHub parser reader case (a folder ending in
 * `reader`) holds its options, a `---` line, then the workflow under test, then more parts.
 */
export function corpusWorkflows(folders: readonly string[]): { folder: string; name: string; workflow: string }[] {
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => /\.ya?ml$/.test(file))
      .map((name) => {
        const text = readFileSync(path.join(folder, name), "utf8");
        return { folder, name, workflow: folder.endsWith("reader") ? (text.split(/\r?\n---\r?\n/)[1] ?? "") : text };
      }),
  );
}
