// `tsc --noEmit` over the example targets plus `size` typical sources: what the types cost the
// editor and CI. The sources are written into a folder inside this checkout, so "trunkline"
// resolves to src/ as it does for the example targets (the `trunkline-checkout` condition).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { syntheticWorkflowSource } from "./synthetic-sources.js";
import { type Timing, timeCommand } from "./time-command.js";

/** Times the type check of `workflows-src/` and `size` synthetic sources. */
export function benchTypecheck(size: number, options: { trunklineRoot: string; runs: number; progress: (text: string) => void }): Timing {
  const folder = mkdtempSync(path.join(options.trunklineRoot, ".bench-typecheck-"));
  try {
    for (let index = 0; index < size; index++) writeFileSync(path.join(folder, `wf-${index}.ts`), syntheticWorkflowSource(index));
    writeFileSync(path.join(folder, "tsconfig.json"), `${JSON.stringify({ extends: "../tsconfig.json", include: ["../workflows-src", "*.ts"] }, null, 2)}\n`);
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    options.progress(`tsc --noEmit, example targets and ${size} sources …\n`);
    return timeCommand(process.execPath, [tsc, "--noEmit", "-p", folder], { cwd: options.trunklineRoot, runs: options.runs });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
