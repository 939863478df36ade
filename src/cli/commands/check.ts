import { hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics, isMachineFormat } from "../../diagnostics/format/index.js";
import type { Io } from "../../io/io.js";
import { runPipeline } from "../../pipeline.js";
import { unifiedDiff } from "../../sync/unified-diff.js";
import { schemaFreshnessOf } from "../../validate/schema-freshness-io.js";
import { describeDrift, describeLeftover } from "../describe-drift.js";
import { ExitCode } from "../exit-code.js";
import { type Verbosity, styleFor } from "../terminal/index.js";

/** Options of `trunkline check`. */
export interface CheckOptions {
  format: Format;
  verbosity?: Verbosity;
}

/**
 * `trunkline check`: generate in memory and compare with the disk. Exit 1 lists every stale,
 * missing, orphaned or hand-edited file with a diff; exit 2 means the sources themselves are wrong.
 */
export async function check(options: CheckOptions, io: Io): Promise<ExitCode> {
  const { compiled, plan, diagnostics } = await runPipeline(io, { force: false });
  const quiet = options.verbosity === "quiet";
  // A hand edit is drift here, not a blocker; a hand-written file in an output's place is an error.
  const errors = [...diagnostics, ...plan.blockers.filter((blocker) => !plan.drift.some((drift) => drift.path === blocker.file))];
  const machine = isMachineFormat(options.format);
  if (hasErrors(errors)) {
    // warnings too: a tool reading stdout gets every finding in one document
    if (machine) io.stdout(formatDiagnostics(sortDiagnostics([...errors, ...diagnostics.filter((diagnostic) => diagnostic.severity === "warning")]), options.format));
    else io.stderr(formatDiagnostics(quiet ? errors.filter((error) => error.severity === "error") : errors, options.format, undefined, styleFor(io, "stderr", options.format)));
    return ExitCode.SourceErrors;
  }
  const drifted = [...plan.drift.map(describeDrift), ...plan.leftovers.map(describeLeftover), ...(await schemaFreshnessOf(io))];
  const manifestStale = plan.writes.some((write) => write.path.endsWith("manifest.json")) && plan.drift.length === 0;
  if (manifestStale) {
    drifted.push({ rule: "sync", severity: "error", file: ".trunkline/manifest.json", message: ".trunkline/manifest.json does not match the generated files", hint: 'run "npm run gen" and commit the result' });
  }
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === "warning");
  if (machine) io.stdout(formatDiagnostics(sortDiagnostics([...warnings, ...drifted]), options.format));
  else if (warnings.length && !quiet) io.stderr(formatDiagnostics(warnings, options.format, undefined, styleFor(io, "stderr", options.format)));
  if (drifted.length === 0) {
    if (!quiet) io.stderr(`trunkline: every generated file is up to date.\n${options.verbosity === "verbose" ? compiled.files.map((file) => `  up to date ${styleFor(io, "stderr", options.format).path(file.path)}\n`).join("") : ""}`);
    return ExitCode.Ok;
  }
  if (machine) {
    io.stderr(`trunkline: ${drifted.length} generated file(s) out of sync; run "npm run gen".\n`);
    return ExitCode.Problems;
  }
  io.stdout(formatDiagnostics(drifted, options.format, undefined, styleFor(io, "stdout", options.format)));
  // The diff is what a reader of a CI log needs to fix it; annotations point at the files.
  if (options.format === "pretty" || options.format === "github") for (const drift of plan.drift) io.stdout(unifiedDiff(drift));
  if (io.env.GITHUB_ACTIONS === "true" && options.format !== "github") io.stdout(formatDiagnostics(drifted, "github"));
  return ExitCode.Problems;
}
