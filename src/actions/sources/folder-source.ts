// The layout of a metadata folder, the same for the cache (.trunkline/actions-cache/) and for one
// exported from another machine:
//   <owner>/<repo>/refs.json                       { "tags": { "v7": "<sha>", "v7.0.1": "<sha>" },
//                                                    "releases": [{ "tag_name": "v7.0.1", "prerelease": false,
//                                                                   "draft": false, "published_at": "…" }] }
//     (releases in the REST API's shape, so `gh api repos/<owner>/<repo>/releases` output fits; a
//     refs.json without "releases" did not record them, and newer versions are read from tags only)
//   <owner>/<repo>[/<path>]/<sha>/action.yml       the metadata at that commit (or action.yaml)
import type { Io } from "../../io/io.js";
import type { ActionRef } from "../action-ref.js";
import type { MetadataFile } from "../metadata.js";
import type { GithubRelease } from "../release-versions.js";
import type { MetadataSource } from "./metadata-source.js";

/** The name of the file holding a repository's tags in a metadata folder. */
export const REFS_FILE = "refs.json";

/** A metadata folder read through `io` (`folder` is project-relative or absolute). */
export function folderSource(io: Io, folder: string, label = folder): MetadataSource {
  const refs = async (owner: string, repo: string): Promise<RefsFile | undefined> => {
    const text = await io.readText(`${folder}/${owner}/${repo}/${REFS_FILE}`);
    return text === undefined ? undefined : (JSON.parse(text) as RefsFile);
  };
  return {
    label,
    async tags(owner, repo) {
      const parsed = await refs(owner, repo);
      return parsed === undefined ? undefined : (parsed.tags ?? {});
    },
    async releases(owner, repo) {
      const parsed = await refs(owner, repo);
      return parsed?.releases?.map(releaseFields);
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

interface RefsFile {
  tags?: Record<string, string>;
  releases?: GithubRelease[];
}

// Only the fields trunkline reads, so a pasted API answer is stored without its bulk.
function releaseFields(release: GithubRelease): GithubRelease {
  return { tag_name: release.tag_name, prerelease: release.prerelease === true, draft: release.draft === true, published_at: release.published_at ?? null };
}

/**
 * Writes what a source answered into a metadata folder, merging tags with those already there;
 * releases given replace those recorded (a draft gets published, a pre-release promoted).
 */
export async function saveToFolder(io: Io, folder: string, action: Pick<ActionRef, "owner" | "repo" | "path">, tags: Readonly<Record<string, string>>, sha: string, metadata: MetadataFile, releases?: readonly GithubRelease[]): Promise<void> {
  const refsFile = `${folder}/${action.owner}/${action.repo}/${REFS_FILE}`;
  const existingText = await io.readText(refsFile);
  const existing = existingText === undefined ? {} : (JSON.parse(existingText) as RefsFile);
  const merged = { ...(existing.tags ?? {}), ...tags };
  const recorded = releases?.map(releaseFields) ?? existing.releases;
  // ordered by tag, so the file does not change with the order a source answered in
  const sorted = recorded && [...recorded].sort((a, b) => (a.tag_name < b.tag_name ? 1 : a.tag_name > b.tag_name ? -1 : 0));
  await io.writeAtomic(refsFile, stableJson(sorted === undefined ? { tags: merged } : { releases: sorted, tags: merged }));
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
