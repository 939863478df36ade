import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Drift } from "../sync/plan-sync.js";

const WHY: Record<Drift["kind"], (drift: Drift) => string> = {
  missing: (drift) => `${drift.path} is missing: ${drift.sourceFile} generates it`,
  stale: (drift) => `${drift.path} is stale: ${drift.sourceFile} changed after generation`,
  "hand-edited": (drift) => `${drift.path} was edited by hand: it no longer matches the hash recorded when it was generated`,
  orphaned: (drift) => `${drift.path} is orphaned: no source generates it any more (it came from ${drift.sourceFile})`,
};

const HINT: Record<Drift["kind"], string> = {
  missing: 'run "npm run gen" and commit the result',
  stale: 'run "npm run gen" and commit the result',
  "hand-edited": 'move the edit into the TypeScript source, then run "npm run gen" (or "npm run gen -- --force" to discard it)',
  orphaned: 'run "npm run gen" to remove it, and commit the deletion',
};

/** A drifted file as a diagnostic, so every format (pretty, json, github) can show it. */
export function describeDrift(drift: Drift): Diagnostic {
  return { rule: "sync", severity: "error", file: drift.path, message: WHY[drift.kind](drift), hint: HINT[drift.kind] };
}

/** A temporary file an interrupted run left behind, as a diagnostic. */
export function describeLeftover(path: string): Diagnostic {
  return { rule: "sync", severity: "error", file: path, message: `${path} is a temporary file left behind by an interrupted trunkline run`, hint: 'run "npm run gen", which finishes that run and removes it' };
}
