import { type ActionRef, actionKey, isFullSha, mostSpecificTag } from "./action-ref.js";
import type { MetadataFile } from "./metadata.js";
import { type MetadataSource, SourceUnavailable } from "./sources/metadata-source.js";

/** An action pinned: the commit its ref resolved to, the release tag it is known by, its metadata. */
export interface ResolvedAction {
  action: ActionRef;
  sha: string;
  tag: string;
  metadata: MetadataFile;
  /** The repository's tags as the answering source knows them (written to the cache). */
  tags: Readonly<Record<string, string>>;
  /** The source that answered. */
  source: MetadataSource;
}

/**
 * Resolves a ref to a commit and reads the metadata there, asking each source in order until one
 * has both. A source that fails (network) is noted and the next one asked.
 */
export async function resolveAction(action: ActionRef, sources: readonly MetadataSource[]): Promise<ResolvedAction | { problem: string; hint: string }> {
  const key = actionKey(action);
  const notes: string[] = [];
  for (const source of sources) {
    try {
      const tags = await source.tags(action.owner, action.repo);
      if (tags === undefined) {
        notes.push(`${source.label}: no tags of ${action.owner}/${action.repo}`);
        continue;
      }
      const sha = isFullSha(action.ref) ? action.ref : tags[action.ref];
      if (sha === undefined) {
        notes.push(`${source.label}: no tag "${action.ref}"`);
        continue;
      }
      const tag = mostSpecificTag(tags, sha);
      if (tag === undefined) {
        notes.push(`${source.label}: no tag points at ${sha}`);
        continue;
      }
      const metadata = await source.metadata(action, sha);
      if (metadata === undefined) {
        notes.push(`${source.label}: no action.yml${action.path ? ` in ${action.path}/` : ""} at ${sha}`);
        continue;
      }
      return { action, sha, tag, metadata, tags, source };
    } catch (error) {
      if (!(error instanceof SourceUnavailable)) throw error;
      notes.push(`${source.label}: ${error.message}`);
    }
  }
  return {
    problem: `${key}@${action.ref} was found in no metadata source (${notes.join("; ") || "none was given"})`,
    hint: isFullSha(action.ref)
      ? `add it by a release tag that points at this commit, or fill a metadata folder (owner/repo/refs.json and owner/repo[/path]/<sha>/action.yml) and pass it with --metadata`
      : `check the spelling and the tag, go online (GITHUB_TOKEN or gh auth login helps), or pass a metadata folder filled on another machine with --metadata`,
  };
}
