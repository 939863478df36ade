import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourcePosition } from "../diagnostics/diagnostic.js";

/**
 * A captured stack, read only when a diagnostic needs the TypeScript line that defined something:
 * formatting a stack is the costly part, and most runs never need it.
 */
export interface CallSite {
  readonly stack: Error;
}

/** Captures the caller of a DSL function; frames inside trunkline itself are skipped when read. */
export function captureCallSite(): CallSite {
  return { stack: new Error("call site") };
}

// trunkline's own code runs from <package>/dist (bundled, possibly from dist/chunks/) or
// <package>/src (tests); frames there, in node_modules or in Node itself are not the author's.
const PACKAGE_ROOT = fileURLToPath(import.meta.url).replace(/^(.*)[\\/](?:dist|src)[\\/].*$/, "$1");
const OWN_FOLDERS = [path.join(PACKAGE_ROOT, "dist") + path.sep, path.join(PACKAGE_ROOT, "src") + path.sep];

function isOwnFrame(file: string): boolean {
  return file.startsWith("node:") || file.includes(`${path.sep}node_modules${path.sep}`) || OWN_FOLDERS.some((folder) => file.startsWith(folder));
}

/** The first stack frame outside trunkline and node_modules, as a file position. */
export function resolveCallSite(site: CallSite | undefined): SourcePosition | undefined {
  const lines = site?.stack.stack?.split("\n").slice(1) ?? [];
  for (const line of lines) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match) continue;
    const file = match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!;
    if (isOwnFrame(file)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
