// Release tags as versions: `v7.0.1`, `7.0.1`, `v7.1` and the moving major `v7`. Pre-releases
// (`v8.0.0-beta.1`) and other tags (`main`, `latest`) are not releases an update moves to.

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
