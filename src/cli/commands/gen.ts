import { hasErrors, sortDiagnostics, withoutSuggestion } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics, isMachineFormat } from "../../diagnostics/format/index.js";
import type { Io } from "../../io/io.js";
import { runPipeline } from "../../pipeline.js";
import type { CompileMemo } from "../../compile.js";
import { applyPlan } from "../../sync/disk.js";
import { unifiedDiff } from "../../sync/unified-diff.js";
import { ExitCode } from "../exit-code.js";
import { markStage } from "../../io/stage-marks.js";
import { type Verbosity, formatWrittenSummary, startProgress, styleFor } from "../terminal/index.js";

/** Options of `trunkline gen`. */
export interface GenOptions {
  /** Overwrite (or delete) generated files that were edited by hand. */
  force: boolean;
  format: Format;
  /** What the watch keeps between runs (see CompileMemo). */
  memo?: CompileMemo;
  /** Say what would change, write nothing (not the manifest, not the caches). */
  dryRun?: boolean;
  verbosity?: Verbosity;
  /**
   * Asked when the plan is ready, just before the first write: false abandons the run with nothing
   * written (the watch does, when a newer save came in while the pass ran).
   */
  proceedToWrite?: () => boolean;
}

/** `trunkline gen`: generate every target, validate, and write only when nothing is wrong. */
export async function gen(options: GenOptions, io: Io): Promise<ExitCode> {
  if (options.dryRun) {
    // loaded on demand: a dry run is rare, and the warm gen never pays for it
    const { createReadOnlyIo } = await import("../../io/read-only-io.js");
    const readOnly = await createReadOnlyIo(io);
    try {
      return await generate(options, readOnly.io);
    } finally {
      await readOnly.dispose();
    }
  }
  return generate(options, io);
}

async function generate(options: GenOptions, io: Io): Promise<ExitCode> {
  const quiet = options.verbosity === "quiet";
  const machine = isMachineFormat(options.format);
  const style = styleFor(io, "stderr", options.format);
  const progress = startProgress(io, "generating", { enabled: !machine && !quiet });
  const { compiled, plan, diagnostics } = await runPipeline(io, { force: options.force, memo: options.memo }).finally(() => progress.done());
  const problems = sortDiagnostics([...diagnostics, ...plan.blockers]);
  // Tools read the findings from stdout, always (an empty list when clean); people read stderr.
  // The generated text is not on disk yet: hand it over so `pretty` can show the YAML lines.
  const shown = quiet ? problems.filter((problem) => problem.severity === "error").map(withoutSuggestion) : problems;
  if (machine) io.stdout(formatDiagnostics(problems, options.format));
  else if (shown.length) io.stderr(formatDiagnostics(shown, options.format, new Map(compiled.files.map((file) => [file.path, file.text])), style));
  if (hasErrors(problems)) {
    for (const drift of plan.drift) {
      if (drift.kind === "hand-edited" || (drift.kind === "orphaned" && !plan.deletes.includes(drift.path))) io.stderr(unifiedDiff(drift));
    }
    io.stderr(`trunkline: ${style.error("nothing written")}.\n`);
    return ExitCode.SourceErrors;
  }
  const written = plan.drift.filter((drift) => drift.kind !== "orphaned").map((drift) => drift.path);
  const writtenSet = new Set(written);
  const summary = { written, removed: options.dryRun ? [...plan.deletes, ...plan.leftovers] : plan.deletes, unchanged: compiled.files.map((file) => file.path).filter((path) => !writtenSet.has(path)) };
  if (options.dryRun) {
    if (!quiet) io.stderr(formatWrittenSummary(summary, { style, verbosity: options.verbosity, dryRun: true }));
    // the diff of each file that would change, for a reader who wants to see it before it lands
    if (options.verbosity === "verbose") for (const drift of plan.drift) io.stderr(unifiedDiff(drift));
    return ExitCode.Ok;
  }
  if (options.proceedToWrite?.() === false) return ExitCode.Ok;
  markStage("report");
  await applyPlan(io, plan);
  markStage("write");
  if (quiet) return ExitCode.Ok;
  // Every removal by name: a removed workflow is one GitHub no longer runs.
  for (const path of plan.deletes) io.stderr(`trunkline: removed ${style.path(path)}: no source generates it any more\n`);
  for (const path of plan.leftovers) io.stderr(`trunkline: removed ${style.path(path)}: a temporary file an interrupted run left behind\n`);
  io.stderr(formatWrittenSummary(summary, { style, verbosity: options.verbosity, listRemoved: false }));
  // "0 written, 0 removed, 0 unchanged" alone leaves a new user guessing what gen looked for
  if (compiled.files.length === 0 && plan.deletes.length === 0) io.stderr(`trunkline: no source exports a workflow yet: write one in ${style.path("workflows-src/")} (README "A workflow in TypeScript"), or run "npx trunkline init" to write a first one\n`);
  return ExitCode.Ok;
}
