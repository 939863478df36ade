import { createHash } from "node:crypto";
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

/** Hex sha256 of a text. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
