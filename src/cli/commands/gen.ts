import { hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics, isMachineFormat } from "../../diagnostics/format/index.js";
import type { Io } from "../../io/io.js";
import { runPipeline } from "../../pipeline.js";
import type { CompileMemo } from "../../compile.js";
import { applyPlan } from "../../sync/disk.js";
import { unifiedDiff } from "../../sync/unified-diff.js";
import { ExitCode } from "../exit-code.js";

/** Options of `trunkline gen`. */
export interface GenOptions {
  /** Overwrite (or delete) generated files that were edited by hand. */
  force: boolean;
  format: Format;
  /** What the watch keeps between runs (see CompileMemo). */
  memo?: CompileMemo;
}

/** `trunkline gen`: generate every target, validate, and write only when nothing is wrong. */
export async function gen(options: GenOptions, io: Io): Promise<ExitCode> {
  const { compiled, plan, diagnostics } = await runPipeline(io, { force: options.force, memo: options.memo });
  const problems = sortDiagnostics([...diagnostics, ...plan.blockers]);
  // Tools read the findings from stdout, always (an empty list when clean); people read stderr.
  // The generated text is not on disk yet: hand it over so `pretty` can show the YAML lines.
  if (isMachineFormat(options.format)) io.stdout(formatDiagnostics(problems, options.format));
  else if (problems.length) io.stderr(formatDiagnostics(problems, options.format, new Map(compiled.files.map((file) => [file.path, file.text]))));
  if (hasErrors(problems)) {
    for (const drift of plan.drift) {
      if (drift.kind === "hand-edited" || (drift.kind === "orphaned" && !plan.deletes.includes(drift.path))) io.stderr(unifiedDiff(drift));
    }
    io.stderr("trunkline: nothing written.\n");
    return ExitCode.SourceErrors;
  }
  await applyPlan(io, plan);
  // Every removal by name: a removed workflow is one GitHub no longer runs.
  for (const path of plan.deletes) io.stderr(`trunkline: removed ${path}: no source generates it any more\n`);
  for (const path of plan.leftovers) io.stderr(`trunkline: removed ${path}: a temporary file an interrupted run left behind\n`);
  const changed = plan.drift.filter((drift) => drift.kind !== "orphaned").length;
  io.stderr(`trunkline: ${changed} written, ${plan.deletes.length} removed, ${compiled.files.length - changed} unchanged.\n`);
  return ExitCode.Ok;
}
