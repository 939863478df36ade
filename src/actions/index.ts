// Actions as locked, typed dependencies: the one entry point of src/actions/ for the CLI.
import type { Io } from "../io/io.js";
import { type ActionRef, actionKey, parseActionRef } from "./action-ref.js";
import { BINDINGS_FOLDER, bindingFile, bindingName, generateBinding, generateBindingsIndex } from "./bindings.js";
import { localBindingFiles } from "./local-actions.js";
import { type ActionsLock, LOCKFILE, type LockedAction, parseLockfile, serializeLockfile } from "./lockfile.js";
import { metadataSha256, parseActionMetadata } from "./metadata.js";
import { resolveAction } from "./resolve-action.js";
import { folderSource, saveToFolder } from "./sources/folder-source.js";
import { type MetadataSource, SourceUnavailable } from "./sources/metadata-source.js";

export { parseActionRef, actionKey } from "./action-ref.js";
export { LOCKFILE, parseLockfile, releaseTagsOf, serializeLockfile } from "./lockfile.js";
export type { ActionsLock, LockedAction } from "./lockfile.js";
export { BINDINGS_FOLDER, bindingFile, bindingName, generateBinding } from "./bindings.js";
export { folderSource, saveToFolder } from "./sources/folder-source.js";
export { githubSource } from "./sources/github-source.js";
export type { Fetch, GithubSourceOptions } from "./sources/github-source.js";
export type { MetadataSource } from "./sources/metadata-source.js";

/** The cache every online answer is written to, in the layout of an exported metadata folder. */
export const ACTIONS_CACHE = ".trunkline/actions-cache";

/** How messages name the cache. */
export const CACHE_LABEL = `the cache (${ACTIONS_CACHE})`;

/** A problem `actions add` met: which action, what, and what to do. */
export interface AddProblem {
  spec: string;
  message: string;
  hint: string;
}

/** What `actions add` did: each action's outcome, and the files it wrote. */
export interface AddResult {
  problems: AddProblem[];
  /** `owner/repo[/path]` → `added` | `changed` | `unchanged`, with the locked entry. */
  outcomes: { key: string; outcome: "added" | "changed" | "unchanged"; locked: LockedAction }[];
  written: string[];
}

/** Options for {@link addActions}. */
export interface AddActionsOptions {
  specs: readonly string[];
  /** Asked first to last; an online source last, and only for what the others lack. */
  sources: readonly MetadataSource[];
}

/**
 * Resolves each `owner/repo[/path]@ref`, locks it and writes its binding. An action already locked
 * at the same ref stays at its locked commit (the lockfile is the only thing that moves a pin).
 * Nothing is written when any spec fails.
 */
export async function addActions(options: AddActionsOptions, io: Io): Promise<AddResult> {
  const problems: AddProblem[] = [];
  const lockText = await io.readText(LOCKFILE);
  const lock = parseLockfile(lockText);
  if ("problem" in lock) return { problems: [{ spec: LOCKFILE, message: lock.problem, hint: `fix ${LOCKFILE} (or remove it and add the actions again)` }], outcomes: [], written: [] };
  const next: ActionsLock = { lockfileVersion: 1, actions: { ...lock.actions } };
  const bindings = new Map<string, string>();
  const toCache: Parameters<typeof saveToFolder>[] = [];
  const outcomes: AddResult["outcomes"] = [];
  for (const spec of options.specs) {
    const parsed = parseActionRef(spec);
    if ("problem" in parsed) {
      problems.push({ spec, message: parsed.problem, hint: "name an action as owner/repo[/path]@ref, e.g. actions/checkout@v4" });
      continue;
    }
    const key = actionKey(parsed);
    const previous = lock.actions[key];
    // the same ref again: keep the locked commit, only rebuild its binding
    const asked: ActionRef = previous?.ref === parsed.ref ? { ...parsed, ref: previous.sha } : parsed;
    const resolved = await resolveAction(asked, options.sources);
    if ("problem" in resolved) {
      problems.push({ spec, message: resolved.problem, hint: resolved.hint });
      continue;
    }
    const metadata = parseActionMetadata(resolved.metadata.text);
    if ("problem" in metadata) {
      problems.push({ spec, message: `${key}'s ${resolved.metadata.file} at ${resolved.sha} (from ${resolved.source.label}): ${metadata.problem}`, hint: "check that the path names the folder of an action" });
      continue;
    }
    const locked: LockedAction = {
      ref: parsed.ref,
      tag: previous?.ref === parsed.ref ? previous.tag : resolved.tag,
      sha: resolved.sha,
      metadataFile: resolved.metadata.file,
      metadataSha256: metadataSha256(resolved.metadata.text),
    };
    if (previous?.sha === locked.sha && previous.metadataSha256 !== locked.metadataSha256) {
      problems.push({
        spec,
        message: `${key}'s ${locked.metadataFile} at ${locked.sha} (from ${resolved.source.label}) differs from the one ${LOCKFILE} records (sha256 ${previous.metadataSha256.slice(0, 12)}…, now ${locked.metadataSha256.slice(0, 12)}…)`,
        hint: "the metadata folder holds another file than the commit has; refill it from GitHub",
      });
      continue;
    }
    next.actions[key] = locked;
    bindings.set(key, generateBinding(key, locked, metadata));
    // the cache holds every locked action's metadata, so lint and gen find it without --metadata
    if (resolved.source.label !== CACHE_LABEL) toCache.push([io, ACTIONS_CACHE, parsed, resolved.tags, resolved.sha, resolved.metadata, await releasesToCache(resolved.source, parsed)]);
    const same = previous && serializeLockfile({ lockfileVersion: 1, actions: { [key]: previous } }) === serializeLockfile({ lockfileVersion: 1, actions: { [key]: locked } });
    outcomes.push({ key, outcome: previous === undefined ? "added" : same ? "unchanged" : "changed", locked });
  }
  // two actions whose names differ only in punctuation (`a/b-c`, `a-b/c`) would export one name
  const byName = new Map<string, string>();
  for (const key of Object.keys(next.actions).sort()) {
    const other = byName.get(bindingName(key));
    if (other !== undefined) problems.push({ spec: key, message: `${other} and ${key} would both be bound as ${bindingName(key)}`, hint: `keep one of them; bindings are named after owner/repo[/path]` });
    byName.set(bindingName(key), key);
  }
  if (problems.length) return { problems, outcomes: [], written: [] };
  const written = await writeLockAndBindings(io, next, bindings, toCache);
  return { problems, outcomes, written };
}

// The releases the answering source knows, cached with its tags so `outdated` and `update` offline
// tell releases from other tags; undefined (the cache keeps what it had) when it cannot say.
async function releasesToCache(source: MetadataSource, action: ActionRef) {
  try {
    return await source.releases(action.owner, action.repo);
  } catch (error) {
    if (!(error instanceof SourceUnavailable)) throw error;
    return undefined;
  }
}

/**
 * Writes what an add or an update decided: the cache entries, the bindings given, the index and the
 * lockfile (last, so an interrupted run leaves the old lock beside new bindings, which `check`
 * reports). Only files whose text changes are written; returns them.
 */
export async function writeLockAndBindings(io: Io, lock: ActionsLock, bindings: ReadonlyMap<string, string>, toCache: readonly Parameters<typeof saveToFolder>[]): Promise<string[]> {
  const written: string[] = [];
  const writeIfChanged = async (file: string, text: string) => {
    if ((await io.readText(file)) === text) return;
    await io.writeAtomic(file, text);
    written.push(file);
  };
  for (const args of toCache) await saveToFolder(...args);
  if (toCache.length) await writeIfChanged(`${ACTIONS_CACHE}/.gitignore`, "# trunkline's cache of action metadata; copy it to fill another machine's --metadata folder\n*\n");
  for (const [key, text] of bindings) await writeIfChanged(`${BINDINGS_FOLDER}/${bindingFile(key)}`, text);
  await writeIfChanged(`${BINDINGS_FOLDER}/index.ts`, generateBindingsIndex(Object.keys(lock.actions), await localBindingFiles(io)));
  await writeIfChanged(LOCKFILE, serializeLockfile(lock));
  return written;
}

/** The offline sources, in order: each folder given (`--metadata`, `TRUNKLINE_ACTIONS_METADATA`), then the cache. */
export function offlineSources(io: Io, folders: readonly string[]): MetadataSource[] {
  return [...folders.map((folder) => folderSource(io, folder)), folderSource(io, ACTIONS_CACHE, CACHE_LABEL)];
}
