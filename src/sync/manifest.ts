import * as crypto from "node:crypto";
import type { OutputFile } from "../compile.js";

/** Where the manifest of generated files lives, at the repository root. */
export const MANIFEST_FILE = ".trunkline/manifest.json";

/** One generated file as recorded in the manifest. */
export interface ManifestEntry {
  target: string;
  source: string;
  /** sha256 of the whole file as written. */
  sha256: string;
}

/** The record of what trunkline generated: output path → entry, keys sorted. */
export interface Manifest {
  version: 1;
  files: Record<string, ManifestEntry>;
}

/** The manifest that describes exactly these outputs; `hash` is {@link sha256} or one that remembers. */
export function buildManifest(files: readonly OutputFile[], hash: (text: string) => string = sha256): Manifest {
  const entries = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    version: 1,
    files: Object.fromEntries(entries.map((file) => [file.path, { target: file.target, source: file.sourceFile, sha256: hash(file.text) }])),
  };
}

/** The manifest's file text: stable JSON with a trailing newline. */
export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads a manifest's text; an absent or unreadable manifest is an empty one. */
export function parseManifest(text: string | undefined): Manifest {
  if (!text) return { version: 1, files: {} };
  try {
    const parsed = JSON.parse(text) as Manifest;
    return parsed && parsed.version === 1 && typeof parsed.files === "object" ? parsed : { version: 1, files: {} };
  } catch {
    return { version: 1, files: {} };
  }
}

// Node's one-shot hash (20.12 on) makes no Hash object: a few times quicker for the many small
// texts a run hashes (cache keys, manifest entries). The same digest either way.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

/** Hex sha256 of a text (UTF-8). */
export const sha256: (text: string) => string = typeof oneShot === "function" ? (text) => oneShot("sha256", text, "hex") : (text) => crypto.createHash("sha256").update(text).digest("hex");
