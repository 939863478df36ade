import type { TargetConfig } from "../config/define-config.js";
import { CONFIG_FILE } from "../config/resolve-config.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiskState } from "./plan-sync.js";

/** How many generated files an error lists by name before it only counts the rest. */
const LISTED = 10;

/**
 * The rule for a target whose source globs match no file. Without it, such a target generates
 * nothing, and every file it generated before becomes an orphan that `gen` deletes: a typo in a
 * glob would wipe a target's workflows.
 *
 * - A target of `trunkline.config.ts` that matches nothing is an error: it was written to match.
 * - A target of the default layout (`workflows-src/*.ts`, `workflows-src/targets/<name>/`) may be
 *   empty — a fresh project, or one whose sources are all under `targets/` — unless files it
 *   generated are still on disk: those are never removed because their sources vanished all at
 *   once. Retiring them is explicit: delete them, or remove the target's folder.
 *
 * `configText` is the config's text, to point at the target's globs.
 */
export function checkEmptyTargets(unmatched: readonly TargetConfig[], configured: boolean, disk: DiskState, configText: string | undefined): Diagnostic[] {
  return unmatched.flatMap((target): Diagnostic[] => {
    const globs = target.sources.map((glob) => `"${glob}"`).join(", ");
    if (configured) {
      return [{
        rule: "config", severity: "error", file: CONFIG_FILE, ...positionOf(target.sources, configText),
        message: `target "${target.name}": its sources ${globs} match no file; a target that generates nothing would remove every file it generated, so nothing is written or removed`,
        hint: `fix the globs (relative to the repository root, where ${CONFIG_FILE} is); to stop generating this target, remove it from ${CONFIG_FILE}, and gen removes what it generated`,
      }];
    }
    const generated = Object.entries(disk.manifest.files)
      .filter(([path, entry]) => entry.target === target.name && disk.files.has(path))
      .map(([path]) => path)
      .sort();
    if (generated.length === 0) return [];
    const listed = generated.slice(0, LISTED).join(", ") + (generated.length > LISTED ? ` and ${generated.length - LISTED} more` : "");
    return [{
      rule: "config", severity: "error", file: folderOfGlob(target.sources[0] ?? ""),
      message: `target "${target.name}": ${globs} matches no source, but ${generated.length === 1 ? "a file it generated is" : `${generated.length} files it generated are`} still there (${listed}); files are not removed because all their sources are missing at once, so nothing is written or removed`,
      hint: `restore the sources; if you removed them on purpose, delete the generated files too (git rm ${generated.length === 1 ? generated[0] : "…"}) and run gen again`,
    }];
  });
}

// The first of a target's globs as written in the config, as a 1-based line and column.
function positionOf(globs: readonly string[], configText: string | undefined): { line?: number; column?: number } {
  if (configText === undefined) return {};
  for (const glob of globs) {
    for (const quote of ['"', "'", "`"]) {
      const index = configText.indexOf(`${quote}${glob}${quote}`);
      if (index < 0) continue;
      const before = configText.slice(0, index);
      return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
    }
  }
  return {};
}

// `workflows-src/targets/web/**/*.ts` → `workflows-src/targets/web`: where the sources were looked for.
function folderOfGlob(glob: string): string {
  const parts = glob.split("/");
  const firstMagic = parts.findIndex((part) => /[*?[\]{}()!]/.test(part));
  return (firstMagic < 0 ? parts.slice(0, -1) : parts.slice(0, firstMagic)).join("/") || ".";
}
