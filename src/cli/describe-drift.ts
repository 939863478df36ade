import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { type Drift, KEEP_OR_DROP_ORPHAN } from "../sync/plan-sync.js";
import { type PinEdit, adoptPinCommand } from "../actions/pin-edit.js";

const WHY: Record<Drift["kind"], (drift: Drift) => string> = {
  missing: (drift) => `${drift.path} is missing: ${drift.sourceFile} generates it`,
  stale: (drift) => `${drift.path} is stale: ${drift.sourceFile} changed after generation`,
  "hand-edited": (drift) => `${drift.path} was edited by hand: it no longer matches the hash recorded when it was generated`,
  orphaned: (drift) => `${drift.path} is orphaned: no source generates it any more (it came from ${drift.sourceFile})`,
};

const HINT: Record<Drift["kind"], (drift: Drift) => string> = {
  missing: () => 'run "npm run gen" and commit the result',
  stale: () => 'run "npm run gen" and commit the result',
  "hand-edited": (drift) => `move the edit into ${drift.sourceFile ?? "the TypeScript source"}, then run "npm run gen" (or "npm run gen -- --force" to discard it)`,
  orphaned: (drift) => (drift.handEdited ? `it was edited by hand: ${KEEP_OR_DROP_ORPHAN}` : 'run "npm run gen" to remove it, and commit the deletion'),
};

/** A drifted file as a diagnostic, so every format (pretty, json, github) can show it. */
export function describeDrift(drift: Drift): Diagnostic {
  return { rule: "sync", severity: "error", file: drift.path, message: WHY[drift.kind](drift), hint: HINT[drift.kind](drift) };
}

/** A temporary file an interrupted run left behind, as a diagnostic. */
export function describeLeftover(path: string): Diagnostic {
  return { rule: "sync", severity: "error", file: path, message: `${path} is a temporary file left behind by an interrupted trunkline run`, hint: 'run "npm run gen", which finishes that run and removes it' };
}

/**
 * A generated file whose only difference from what `gen` writes is the pins of locked actions (a
 * bot's update): one diagnostic per action moved, naming old → new and the command that adopts it.
 */
export function describePinEdits(path: string, edits: readonly PinEdit[]): Diagnostic[] {
  const byAction = new Map<string, PinEdit>();
  for (const edit of edits) if (!byAction.has(`${edit.action}@${edit.to.sha}`)) byAction.set(`${edit.action}@${edit.to.sha}`, edit);
  const pin = (side: PinEdit["from"]) => `${side.sha}${side.tag ? ` (${side.tag})` : ""}`;
  return [...byAction.values()].map((edit) => ({
    rule: "sync",
    severity: "error",
    file: path,
    line: edit.line,
    message: `${path} differs from what gen writes only in the pin of ${edit.action}: ${pin(edit.from)} → ${pin(edit.to)}, as a dependency bot edits it; the lockfile still pins the old commit`,
    hint: `take the new pin into the lockfile: run "${adoptPinCommand(edit)}", then "npm run gen" (or "npm run gen -- --force" to drop the edit)`,
  }));
}
