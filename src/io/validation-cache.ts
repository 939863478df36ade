import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EmitCache, ValidationCache } from "../compile.js";
import { CACHE_DIR } from "../load/load-modules.js";

/** The run-to-run cache of one trunkline build: emitted YAML and outputs known to be valid. */
export type PersistentValidationCache = ValidationCache & EmitCache & { save(): Promise<void> };

/**
 * Opens `.trunkline/cache/build.json`. `fingerprint` identifies the build that emits and validates
 * (the CLI bundle); a file written by another build is ignored, so an upgrade starts afresh.
 */
export async function openValidationCache(root: string, fingerprint: string): Promise<PersistentValidationCache> {
  const file = path.join(root, CACHE_DIR, "build.json");
  let known: Record<string, string> = {};
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { fingerprint?: string; entries?: Record<string, string> };
    if (stored.fingerprint === fingerprint && typeof stored.entries === "object" && stored.entries) known = stored.entries;
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  const used: Record<string, string> = {};
  let changed = false;
  const record = (key: string, value: string) => {
    if (known[key] !== value) changed = true;
    used[key] = value;
  };
  return {
    has(key) {
      const hit = key in known;
      if (hit) used[key] = known[key]!;
      return hit;
    },
    add: (key) => record(key, ""),
    get(key) {
      const hit = known[key];
      if (hit !== undefined) used[key] = hit;
      return hit;
    },
    set: record,
    async save() {
      // Keep only what this run used, so the file does not grow with every edit ever made.
      if (!changed && Object.keys(used).length === Object.keys(known).length) return;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(path.join(root, CACHE_DIR, ".gitignore"), "*\n");
      await writeFile(file, JSON.stringify({ fingerprint, entries: used }));
    },
  };
}
