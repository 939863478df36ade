// Release tags as versions: `v7.0.1`, `7.0.1`, `v7.1` and the moving major `v7`. Pre-releases
// (`v8.0.0-beta.1`) and other tags (`main`, `latest`) are not releases an update moves to. When a
// repository publishes GitHub releases, only the tags of its published, non-pre-release releases are.

/** A release tag read as a version; a part the tag leaves out is -1, so `v7` sorts below `v7.0.0`. */
export interface ReleaseVersion {
  tag: string;
  major: number;
  minor: number;
  patch: number;
}

const RELEASE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;

/** The version a release tag names; undefined for a pre-release or a tag that is not a version. */
export function parseReleaseTag(tag: string): ReleaseVersion | undefined {
  const match = RELEASE.exec(tag);
  if (!match) return undefined;
  return { tag, major: Number(match[1]), minor: match[2] === undefined ? -1 : Number(match[2]), patch: match[3] === undefined ? -1 : Number(match[3]) };
}

/** Orders versions oldest first; at the same numbers, a tag with a `v` before one without (stable). */
export function compareVersions(a: ReleaseVersion, b: ReleaseVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0);
}

/** A release an action can move to: the tag and the commit it points at. */
export interface Release {
  tag: string;
  sha: string;
}

/** The newest release among `tags`, optionally only in one major; undefined when none is a release. */
export function newestRelease(tags: Readonly<Record<string, string>>, major?: number): Release | undefined {
  const versions = Object.keys(tags)
    .map(parseReleaseTag)
    .filter((version): version is ReleaseVersion => version !== undefined && (major === undefined || version.major === major))
    .sort(compareVersions);
  const newest = versions.at(-1);
  return newest ? { tag: newest.tag, sha: tags[newest.tag]! } : undefined;
}

/** Whether a ref is a moving major tag (`v7`): it follows its major, so an update keeps that shape. */
export function isMajorRef(ref: string): boolean {
  return /^v?\d+$/.test(ref);
}

/** A GitHub release as the REST API lists it (and as a metadata folder's refs.json records it). */
export interface GithubRelease {
  tag_name: string;
  prerelease: boolean;
  draft: boolean;
  published_at: string | null;
}

/** The tags an update may move to, and the published releases left out because their tag is not in the tags. */
export interface OfferedTags {
  tags: Readonly<Record<string, string>>;
  /** Tags of published, non-pre-release releases that the tags list lacks (ignored; the caller warns). */
  missing: string[];
}

/**
 * The tags an update may move to. A repository with no releases (or whose releases are unknown)
 * offers every tag, as before; one that publishes releases offers only the tags of its non-draft,
 * non-pre-release releases, so a newer pre-release or a tag never released is not offered.
 */
export function offeredTags(tags: Readonly<Record<string, string>>, releases: readonly GithubRelease[] | undefined): OfferedTags {
  if (releases === undefined || releases.length === 0) return { tags, missing: [] };
  const offered: Record<string, string> = {};
  const missing: string[] = [];
  for (const release of releases) {
    if (release.draft || release.prerelease) continue;
    const sha = tags[release.tag_name];
    if (sha === undefined) missing.push(release.tag_name);
    else offered[release.tag_name] = sha;
  }
  return { tags: offered, missing: [...new Set(missing)].sort() };
}
