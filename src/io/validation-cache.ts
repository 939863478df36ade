import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ValidationCache } from "../compile.js";
import { CACHE_DIR } from "../load/load-modules.js";

/** A validation cache kept as a JSON file in the compile cache folder. */
export type PersistentValidationCache = ValidationCache & { save(): Promise<void> };

/**
 * Opens `.trunkline/cache/validated.json`. `fingerprint` identifies the validators (the CLI build
 * that runs them); a file written by another build is ignored, so an upgrade revalidates everything.
 */
export async function openValidationCache(root: string, fingerprint: string): Promise<PersistentValidationCache> {
  const file = path.join(root, CACHE_DIR, "validated.json");
  let known = new Set<string>();
  try {
    const stored = JSON.parse(await readFile(file, "utf8")) as { fingerprint?: string; valid?: string[] };
    if (stored.fingerprint === fingerprint && Array.isArray(stored.valid)) known = new Set(stored.valid);
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  const used = new Set<string>();
  let added = false;
  return {
    has(key) {
      const hit = known.has(key);
      if (hit) used.add(key);
      return hit;
    },
    add(key) {
      used.add(key);
      added = true;
    },
    async save() {
      // Keep only keys this run used, so the file does not grow with every edit ever made.
      if (!added && used.size === known.size) return;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(path.join(root, CACHE_DIR, ".gitignore"), "*\n");
      await writeFile(file, JSON.stringify({ fingerprint, valid: [...used].sort() }));
    },
  };
}
