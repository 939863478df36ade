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

// Frames from these folders belong to trunkline, not to the author's source.
const OWN_FRAME = /[\\/](?:trunkline[\\/](?:dist|src)|src[\\/](?:dsl|templates|blocks))[\\/]|[\\/]node_modules[\\/]|^node:|\(node:/;

/** The first stack frame outside trunkline and node_modules, as a file position. */
export function resolveCallSite(site: CallSite | undefined): SourcePosition | undefined {
  const lines = site?.stack.stack?.split("\n").slice(1) ?? [];
  for (const line of lines) {
    const match = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (!match || OWN_FRAME.test(line)) continue;
    const file = match[1]!.startsWith("file://") ? decodeURIComponent(new URL(match[1]!).pathname) : match[1]!;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
