// `trunkline actions outdated` and `trunkline actions update`: which newer releases each locked
// action has, and moving the lock to one of them with the binding rewritten and the change of the
// action's inputs and outputs shown.
import type { Io } from "../io/io.js";
import { type ActionRef, isFullSha, mostSpecificTag, parseActionRef, repositoryOf } from "./action-ref.js";
import { generateBinding } from "./bindings.js";
import { ACTIONS_CACHE, CACHE_LABEL, writeLockAndBindings } from "./index.js";
import { type ActionsLock, LOCKFILE, type LockedAction, parseLockfile, serializeLockfile } from "./lockfile.js";
import { type MetadataDiff, diffMetadata } from "./metadata-diff.js";
import { type ActionMetadata, metadataSha256, parseActionMetadata } from "./metadata.js";
import { type GithubRelease, type Release, compareVersions, isMajorRef, newestRelease, offeredTags, parseReleaseTag } from "./release-versions.js";
import { resolveAction } from "./resolve-action.js";
import { type MetadataSource, SourceUnavailable } from "./sources/metadata-source.js";
import type { saveToFolder } from "./sources/folder-source.js";

/** A problem met while looking an action up: which action, what, and what to do. */
export interface UpdateProblem {
  action: string;
  message: string;
  hint: string;
}

/** One locked action and the releases it could move to (the JSON shape of `actions outdated`). */
export interface OutdatedEntry {
  /** `owner/repo[/path]`. */
  action: string;
  /** The lockfile's ref, tag and commit. */
  ref: string;
  tag: string;
  sha: string;
  /** The newest release in the locked tag's major; null when the source knows none (or the tag is no version). */
  sameMajor: Release | null;
  /** The newest release of any major; null when the source knows none. */
  latest: Release | null;
  /** Whether either is newer than the locked release. */
  outdated: boolean;
  /** The source the tags came from; null when none knew the repository. */
  tagsFrom: string | null;
}

/** What {@link outdatedActions} and {@link updateActions} say without failing: a release ignored, releases not recorded. */
export type UpdateWarning = string;

// A repository's tags and releases, as one source knows them.
interface KnownVersions {
  tags: Readonly<Record<string, string>>;
  /** Undefined when the source did not record them (then every tag is offered, as for a repository without releases). */
  releases: readonly GithubRelease[] | undefined;
  source: MetadataSource;
  warnings: UpdateWarning[];
}

// The repository's tags and releases from the first source that knows its tags (releases from the
// same source, so each release's tag can be checked against the tags); a source that fails either
// is noted and skipped, so a rate-limited GitHub falls back to the cache rather than to bare tags.
// `--to` names its tag, so releases are not asked for it (one request less, one failure less).
async function tagsOf(owner: string, repo: string, sources: readonly MetadataSource[], notes: string[], readReleases = true): Promise<KnownVersions | undefined> {
  for (const source of sources) {
    try {
      const tags = await source.tags(owner, repo);
      if (tags !== undefined) return { tags, ...(readReleases ? await releasesOf(owner, repo, source) : { releases: undefined, warnings: [] }), source };
      notes.push(`${source.label}: no tags of ${owner}/${repo}`);
    } catch (error) {
      if (!(error instanceof SourceUnavailable)) throw error;
      notes.push(`${source.label}: ${error.message}`);
    }
  }
  return undefined;
}

// The releases a source recorded; when it has none recorded (a folder filled before releases were
// read), tags alone decide, and a warning says so.
async function releasesOf(owner: string, repo: string, source: MetadataSource): Promise<{ releases: readonly GithubRelease[] | undefined; warnings: UpdateWarning[] }> {
  const releases = await source.releases(owner, repo);
  if (releases !== undefined) return { releases, warnings: [] };
  return { releases, warnings: [`${source.label} does not record the releases of ${owner}/${repo}: newer versions are read from its tags only (a tag that is not a release may be offered)`] };
}

// The tags an update of `locked` may move to, warning about each published release newer than the
// locked one whose tag the tags list lacks (it is ignored: there is no commit to lock).
function offeredFor(found: KnownVersions, locked: LockedAction, repository: string, warnings: Set<UpdateWarning>): Readonly<Record<string, string>> {
  for (const warning of found.warnings) warnings.add(warning);
  const offered = offeredTags(found.tags, found.releases);
  const current = parseReleaseTag(locked.tag);
  for (const tag of offered.missing) {
    const version = parseReleaseTag(tag);
    if (version === undefined || current === undefined || compareVersions(version, current) > 0) warnings.add(`release ${tag} of ${repository} is ignored: ${found.source.label} lists no tag ${tag}, so there is no commit to lock`);
  }
  return offered.tags;
}

// Whether `candidate` is a later release than the locked tag (an unversioned lock counts any release as later).
function isNewer(candidate: Release | undefined, locked: LockedAction): boolean {
  if (candidate === undefined || candidate.sha === locked.sha) return false;
  const current = parseReleaseTag(locked.tag);
  return current === undefined || compareVersions(parseReleaseTag(candidate.tag)!, current) > 0;
}

/** Every locked action with the newest release in its major and overall, from the first source that knows its tags. */
export async function outdatedActions(lock: ActionsLock, sources: readonly MetadataSource[]): Promise<{ entries: OutdatedEntry[]; problems: UpdateProblem[]; warnings: UpdateWarning[] }> {
  const entries: OutdatedEntry[] = [];
  const problems: UpdateProblem[] = [];
  const warnings = new Set<UpdateWarning>();
  const byRepository = new Map<string, { found: ReturnType<typeof tagsOf>; notes: string[] }>();
  for (const [key, locked] of Object.entries(lock.actions).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const action = parseActionRef(`${key}@${locked.sha}`) as ActionRef;
    // every action of a repository shares its tags: ask once
    let asked = byRepository.get(repositoryOf(action));
    if (asked === undefined) {
      const notes: string[] = [];
      asked = { found: tagsOf(action.owner, action.repo, sources, notes), notes };
      byRepository.set(repositoryOf(action), asked);
    }
    const found = await asked.found;
    const notes = asked.notes;
    if (found === undefined) problems.push({ action: key, message: `no source knows the tags of ${repositoryOf(action)} (${notes.join("; ") || "none was asked"})`, hint: "go online (GITHUB_TOKEN or gh auth login helps), or pass a metadata folder filled on another machine with --metadata" });
    const current = parseReleaseTag(locked.tag);
    const offered = found && offeredFor(found, locked, repositoryOf(action), warnings);
    const sameMajor = offered && current ? newestRelease(offered, current.major) : undefined;
    const latest = offered ? newestRelease(offered) : undefined;
    entries.push({ action: key, ref: locked.ref, tag: locked.tag, sha: locked.sha, sameMajor: sameMajor ?? null, latest: latest ?? null, outdated: isNewer(sameMajor, locked) || isNewer(latest, locked), tagsFrom: found?.source.label ?? null });
  }
  return { entries, problems, warnings: [...warnings] };
}

/** Options for {@link updateActions}. */
export interface UpdateActionsOptions {
  /** `owner/repo[/path]` or `owner/repo` (every locked action of it); every locked action when empty. */
  actions: readonly string[];
  /** Move to the newest release of any major, not only the locked one's. */
  major: boolean;
  /** A tag or a full commit SHA to move the (single) named action to; also repairs a lock entry edited by hand or by a bot. */
  to?: string;
  /** Where tags are asked, first to last. */
  tagSources: readonly MetadataSource[];
  /** Where metadata is asked, first to last. */
  metadataSources: readonly MetadataSource[];
  /** Decide and report, write nothing. */
  dryRun: boolean;
}

/** What happened to one action (the JSON shape of `actions update`). */
export interface UpdateOutcome {
  action: string;
  outcome: "updated" | "unchanged";
  from: LockedAction;
  to: LockedAction;
  /** How its inputs and outputs changed; null when unchanged, or when the old metadata is in no source (then only the new is known). */
  diff: MetadataDiff | null;
}

/** What {@link updateActions} did. */
export interface UpdateResult {
  problems: UpdateProblem[];
  warnings: UpdateWarning[];
  outcomes: UpdateOutcome[];
  written: string[];
}

/**
 * Moves each chosen action to its newest release in the same major (any major with `major`, or the
 * `to` ref), locks the commit, rewrites its binding and reports the metadata diff. An action already
 * at its newest release is left as it is, so a second run writes nothing. Nothing is written when any
 * action fails.
 */
export async function updateActions(options: UpdateActionsOptions, io: Io): Promise<UpdateResult> {
  const lock = parseLockfile(await io.readText(LOCKFILE));
  if ("problem" in lock) return { problems: [{ action: LOCKFILE, message: lock.problem, hint: `fix ${LOCKFILE} (or remove it and add the actions again)` }], warnings: [], outcomes: [], written: [] };
  const problems: UpdateProblem[] = [];
  const keys = Object.keys(lock.actions).sort();
  const chosen = options.actions.length === 0 ? keys : keys.filter((key) => options.actions.some((name) => key === name || repositoryOf(parseActionRef(`${key}@x`) as ActionRef) === name));
  for (const name of options.actions) {
    if (!keys.some((key) => key === name || repositoryOf(parseActionRef(`${key}@x`) as ActionRef) === name)) problems.push({ action: name, message: `${name} is not in ${LOCKFILE}`, hint: `add it first: trunkline actions add ${name}@<tag>` });
  }
  if (problems.length) return { problems, warnings: [], outcomes: [], written: [] };
  const warnings = new Set<UpdateWarning>();
  const next: ActionsLock = { lockfileVersion: 1, actions: { ...lock.actions } };
  const bindings = new Map<string, string>();
  const toCache: Parameters<typeof saveToFolder>[] = [];
  const outcomes: UpdateOutcome[] = [];
  for (const key of chosen) {
    const locked = lock.actions[key]!;
    const action = parseActionRef(`${key}@${locked.sha}`) as ActionRef;
    const notes: string[] = [];
    const found = await tagsOf(action.owner, action.repo, options.tagSources, notes, options.to === undefined);
    let target: Release | undefined;
    if (options.to !== undefined) {
      const sha = isFullSha(options.to) ? options.to : found?.tags[options.to];
      if (sha === undefined) {
        problems.push({ action: key, message: `no tag "${options.to}" of ${repositoryOf(action)} is known (${notes.join("; ") || `asked ${found?.source.label}`})`, hint: "name a release tag or a full commit SHA" });
        continue;
      }
      target = { tag: options.to, sha };
    } else {
      if (found === undefined) {
        problems.push({ action: key, message: `no source knows the tags of ${repositoryOf(action)} (${notes.join("; ") || "none was asked"})`, hint: "go online (GITHUB_TOKEN or gh auth login helps), or pass a metadata folder filled on another machine with --metadata" });
        continue;
      }
      const current = parseReleaseTag(locked.tag);
      const offered = offeredFor(found, locked, repositoryOf(action), warnings);
      const candidate = options.major || current === undefined ? newestRelease(offered) : newestRelease(offered, current.major);
      target = isNewer(candidate, locked) ? candidate : undefined;
    }
    if (target === undefined) {
      outcomes.push({ action: key, outcome: "unchanged", from: locked, to: locked, diff: null });
      continue;
    }
    const resolved = await resolveAction({ ...action, ref: target.sha }, options.metadataSources);
    if ("problem" in resolved) {
      problems.push({ action: key, message: resolved.problem, hint: resolved.hint });
      continue;
    }
    const metadata = parseActionMetadata(resolved.metadata.text);
    if ("problem" in metadata) {
      problems.push({ action: key, message: `${key}'s ${resolved.metadata.file} at ${resolved.sha} (from ${resolved.source.label}): ${metadata.problem}`, hint: "check that the path names the folder of an action" });
      continue;
    }
    const tag = mostSpecificTag(resolved.tags, resolved.sha) ?? resolved.tag;
    const moved: LockedAction = {
      ref: refLike(locked.ref, tag, resolved.sha),
      tag,
      sha: resolved.sha,
      metadataFile: resolved.metadata.file,
      metadataSha256: metadataSha256(resolved.metadata.text),
    };
    const same = serializeLockfile({ lockfileVersion: 1, actions: { [key]: locked } }) === serializeLockfile({ lockfileVersion: 1, actions: { [key]: moved } });
    next.actions[key] = moved;
    // the binding is rewritten even when the lock is unchanged: `--to` repairs a stale one
    bindings.set(key, generateBinding(key, moved, metadata));
    // the releases go to the cache with the tags, when the same source (by its label: tags and
    // metadata are asked of separate source lists) answered both
    const releases = found?.source.label === resolved.source.label ? found.releases : undefined;
    if (resolved.source.label !== CACHE_LABEL) toCache.push([io, ACTIONS_CACHE, action, resolved.tags, resolved.sha, resolved.metadata, releases]);
    const before = same ? undefined : await lockedMetadata(action, locked, options.metadataSources);
    outcomes.push({ action: key, outcome: same ? "unchanged" : "updated", from: locked, to: moved, diff: before ? diffMetadata(before, metadata) : null });
  }
  if (problems.length) return { problems, warnings: [...warnings], outcomes: [], written: [] };
  if (options.dryRun) return { problems, warnings: [...warnings], outcomes, written: [] };
  const written = await writeLockAndBindings(io, next, bindings, toCache);
  return { problems, warnings: [...warnings], outcomes, written };
}

// The ref keeps the shape it was asked in: a moving major (`v7`) stays one (`v8` after a major
// update), a SHA stays a SHA, an exact tag becomes the new exact tag.
function refLike(previous: string, tag: string, sha: string): string {
  if (isFullSha(previous)) return sha;
  const version = parseReleaseTag(tag);
  if (isMajorRef(previous) && version) return `${previous.startsWith("v") ? "v" : ""}${version.major}`;
  return tag;
}

// The metadata the lockfile recorded for an action, when a source still has it (checked by hash).
async function lockedMetadata(action: ActionRef, locked: LockedAction, sources: readonly MetadataSource[]): Promise<ActionMetadata | undefined> {
  for (const source of sources) {
    try {
      const file = await source.metadata(action, locked.sha);
      if (file === undefined || metadataSha256(file.text) !== locked.metadataSha256) continue;
      const metadata = parseActionMetadata(file.text);
      if (!("problem" in metadata)) return metadata;
    } catch (error) {
      if (!(error instanceof SourceUnavailable)) throw error;
    }
  }
  return undefined;
}

