// trunkline.actions.lock.json: which commit each action is pinned to. Changing it (through
// `trunkline actions add`) is the only way a pin changes; keys sorted, so it is byte-stable.
import { stableJson } from "./sources/folder-source.js";

/** The lockfile's path at the project root. */
export const LOCKFILE = "trunkline.actions.lock.json";

/** One locked action. */
export interface LockedAction {
  /** The ref asked for: `v7`, `v7.0.1` or a SHA. */
  ref: string;
  /** The most specific release tag pointing at `sha`: the version comment of every pin. */
  tag: string;
  sha: string;
  /** `action.yml` or `action.yaml`. */
  metadataFile: string;
  /** sha256 of the metadata file's bytes at `sha`. */
  metadataSha256: string;
}

/** The whole lockfile: actions by `owner/repo[/path]`. */
export interface ActionsLock {
  lockfileVersion: 1;
  actions: Record<string, LockedAction>;
}

/** The lockfile's contents; an empty lock when there is no file, a message when it is unreadable. */
export function parseLockfile(text: string | undefined): ActionsLock | { problem: string } {
  if (text === undefined) return { lockfileVersion: 1, actions: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: `${LOCKFILE} is not valid JSON (${(error as Error).message})` };
  }
  const lock = parsed as Partial<ActionsLock>;
  if (lock.lockfileVersion !== 1 || typeof lock.actions !== "object" || lock.actions === null) {
    return { problem: `${LOCKFILE} is not a version 1 lockfile ({ "lockfileVersion": 1, "actions": { … } })` };
  }
  for (const [key, entry] of Object.entries(lock.actions)) {
    if (typeof entry?.sha !== "string" || !/^[0-9a-f]{40}$/.test(entry.sha) || typeof entry.tag !== "string") {
      return { problem: `${LOCKFILE}: "${key}" needs a 40-character "sha" and a "tag"` };
    }
  }
  return lock as ActionsLock;
}

/** The lockfile's bytes: keys sorted at every level, so the same pins always give the same file. */
export function serializeLockfile(lock: ActionsLock): string {
  return stableJson(lock);
}

/** A locked action's pin, as the rules name it in a hint. */
export interface LockedPin {
  sha: string;
  tag: string;
}

/** `owner/repo[/path]` → its locked commit and tag; empty when there is no readable lockfile. */
export function lockedPinsOf(text: string | undefined): Map<string, LockedPin> {
  const lock = parseLockfile(text);
  return "problem" in lock ? new Map() : new Map(Object.entries(lock.actions).map(([key, entry]) => [key, { sha: entry.sha, tag: entry.tag }]));
}

/** `owner/repo[/path]@sha` → release tag, for the version comment beside each pin in the YAML. */
export function releaseTagsOf(lock: ActionsLock): Map<string, string> {
  return new Map(Object.entries(lock.actions).map(([key, entry]) => [`${key}@${entry.sha}`, entry.tag]));
}
