import type { ActionRef } from "../action-ref.js";
import type { MetadataFile } from "../metadata.js";
import type { GithubRelease } from "../release-versions.js";

/**
 * Where an action's tags and metadata come from: a folder on disk (the cache, or one exported from
 * another machine) or GitHub. Each answers "I do not know" with undefined, so the next is asked.
 */
export interface MetadataSource {
  /** Named in messages: which sources were asked. */
  readonly label: string;
  /** The repository's tags → commit SHAs; undefined when this source does not know the repository. */
  tags(owner: string, repo: string): Promise<Readonly<Record<string, string>> | undefined>;
  /** The repository's GitHub releases ([] when it has none); undefined when this source did not record them. */
  releases(owner: string, repo: string): Promise<readonly GithubRelease[] | undefined>;
  /** The action's `action.yml` (or `action.yaml`) at a commit; undefined when this source lacks it. */
  metadata(action: Pick<ActionRef, "owner" | "repo" | "path">, sha: string): Promise<MetadataFile | undefined>;
}

/** A source's failure to answer (network down, rate limit): reported, and the next source is asked. */
export class SourceUnavailable extends Error {}
