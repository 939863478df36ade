import { readFileSync, readdirSync, statSync } from "node:fs";
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
        return { folder, name, workflow: workflowOf(folder, text) };
      }),
  );
}

/** The workflow a corpus file of `folder` holds: in a parser reader case, the part after its options and `---`. */
function workflowOf(folder: string, text: string): string {
  return folder.endsWith("reader") ? (text.split(/\r?\n---\r?\n/)[1] ?? "") : text;
}

/** The workflow `file` holds, as {@link corpusWorkflows} reads it. */
export function workflowOfCorpusFile(file: string, text = readFileSync(file, "utf8")): string {
  return workflowOf(path.dirname(file), text);
}

/** The `.yml` and `.yaml` files under `folder`, at any depth. */
export function yamlFilesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const file = path.join(folder, entry);
    if (statSync(file).isDirectory()) return yamlFilesUnder(file);
    return /\.ya?ml$/.test(entry) ? [file] : [];
  });
}
