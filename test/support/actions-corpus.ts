// The actions corpus (../shared/corpora/actions: 25 real action.yml files, pins.json naming each
// file's commit and the repository's tags) laid out as a metadata folder, as `--metadata` reads it.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./temp-repo.js";

/** Where the corpus is; tests that need it skip, saying so, when it is not there. */
export const ACTIONS_CORPUS = path.resolve(REPO_ROOT, "../shared/corpora/actions");

/** Whether the corpus is there. */
export const hasActionsCorpus = existsSync(path.join(ACTIONS_CORPUS, "pins.json"));

interface CorpusEntry {
  versions: { tag: string; sha: string }[];
  metadataAt: string;
}

/** Each corpus action: `owner/repo[/path]`, the tag its action.yml was copied at, and that commit. */
export function corpusActions(): { key: string; tag: string; sha: string; text: string }[] {
  const pins = JSON.parse(readFileSync(path.join(ACTIONS_CORPUS, "pins.json"), "utf8")) as Record<string, CorpusEntry>;
  return Object.entries(pins).map(([key, entry]) => {
    const sha = entry.versions.find((version) => version.tag === entry.metadataAt)!.sha;
    return { key, tag: entry.metadataAt, sha, text: readFileSync(path.join(ACTIONS_CORPUS, key, "action.yml"), "utf8") };
  });
}

/** Writes the corpus into `folder` in the metadata-folder layout (refs.json per repository, action.yml per commit). */
export async function writeCorpusMetadataFolder(folder: string): Promise<void> {
  const pins = JSON.parse(readFileSync(path.join(ACTIONS_CORPUS, "pins.json"), "utf8")) as Record<string, CorpusEntry>;
  const tagsByRepository = new Map<string, Record<string, string>>();
  for (const [key, entry] of Object.entries(pins)) {
    const repository = key.split("/").slice(0, 2).join("/");
    const tags = tagsByRepository.get(repository) ?? {};
    for (const version of entry.versions) tags[version.tag] = version.sha;
    tagsByRepository.set(repository, tags);
  }
  for (const [repository, tags] of tagsByRepository) {
    await mkdir(path.join(folder, repository), { recursive: true });
    await writeFile(path.join(folder, repository, "refs.json"), `${JSON.stringify({ tags }, null, 2)}\n`);
  }
  for (const action of corpusActions()) {
    await mkdir(path.join(folder, action.key, action.sha), { recursive: true });
    await writeFile(path.join(folder, action.key, action.sha, "action.yml"), action.text);
  }
}

/**
 * Adds a release to a metadata folder: the tag (and any moving tags given) → `sha` in the
 * repository's refs.json, and the action's metadata at `sha` — a copy of the corpus file, edited.
 */
export async function writeRelease(folder: string, key: string, tags: readonly string[], sha: string, edit: (text: string) => string): Promise<string> {
  const repository = key.split("/").slice(0, 2).join("/");
  const refsFile = path.join(folder, repository, "refs.json");
  const refs = JSON.parse(readFileSync(refsFile, "utf8")) as { tags: Record<string, string> };
  for (const tag of tags) refs.tags[tag] = sha;
  await writeFile(refsFile, `${JSON.stringify(refs, null, 2)}\n`);
  const text = edit(readFileSync(path.join(ACTIONS_CORPUS, key, "action.yml"), "utf8"));
  await mkdir(path.join(folder, key, sha), { recursive: true });
  await writeFile(path.join(folder, key, sha, "action.yml"), text);
  return text;
}
