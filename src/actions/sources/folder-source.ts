// The layout of a metadata folder, the same for the cache (.trunkline/actions-cache/) and for one
// exported from another machine:
//   <owner>/<repo>/refs.json                       { "tags": { "v7": "<sha>", "v7.0.1": "<sha>" } }
//   <owner>/<repo>[/<path>]/<sha>/action.yml       the metadata at that commit (or action.yaml)
import type { Io } from "../../io/io.js";
import type { ActionRef } from "../action-ref.js";
import type { MetadataFile } from "../metadata.js";
import type { MetadataSource } from "./metadata-source.js";

/** The name of the file holding a repository's tags in a metadata folder. */
export const REFS_FILE = "refs.json";

/** A metadata folder read through `io` (`folder` is project-relative or absolute). */
export function folderSource(io: Io, folder: string, label = folder): MetadataSource {
  return {
    label,
    async tags(owner, repo) {
      const text = await io.readText(`${folder}/${owner}/${repo}/${REFS_FILE}`);
      if (text === undefined) return undefined;
      const parsed = JSON.parse(text) as { tags?: Record<string, string> };
      return parsed.tags ?? {};
    },
    async metadata(action, sha) {
      const base = [folder, action.owner, action.repo, action.path, sha].filter(Boolean).join("/");
      for (const file of ["action.yml", "action.yaml"] as const) {
        const text = await io.readText(`${base}/${file}`);
        if (text !== undefined) return { file, text };
      }
      return undefined;
    },
  };
}

/** Writes what a source answered into a metadata folder, merging tags with those already there. */
export async function saveToFolder(io: Io, folder: string, action: Pick<ActionRef, "owner" | "repo" | "path">, tags: Readonly<Record<string, string>>, sha: string, metadata: MetadataFile): Promise<void> {
  const refsFile = `${folder}/${action.owner}/${action.repo}/${REFS_FILE}`;
  const existing = await io.readText(refsFile);
  const merged = { ...(existing === undefined ? {} : ((JSON.parse(existing) as { tags?: Record<string, string> }).tags ?? {})), ...tags };
  await io.writeAtomic(refsFile, stableJson({ tags: merged }));
  await io.writeAtomic([folder, action.owner, action.repo, action.path, sha, metadata.file].filter(Boolean).join("/"), metadata.text);
}

/** JSON with keys sorted at every level, two-space indented, ending in a newline: byte-stable. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}
