import { hasErrors, sortDiagnostics, withoutSuggestion } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics, isMachineFormat } from "../../diagnostics/format/index.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Io } from "../../io/io.js";
import { runPipeline } from "../../pipeline.js";
import type { CompileMemo } from "../../compile.js";
import { unifiedDiff } from "../../sync/unified-diff.js";
import { MANIFEST_FILE } from "../../sync/manifest.js";
import { schemaFreshnessOf } from "../../validate/schema-freshness-io.js";
import { describeDrift, describeLeftover, describePinEdits } from "../describe-drift.js";
import { LOCKFILE, parseLockfile } from "../../actions/lockfile.js";
import { pinOnlyEdits } from "../../actions/pin-edit.js";
import { staleBindings } from "../../actions/stale-bindings.js";
import { staleLocalBindings } from "../../actions/local-actions.js";
import { ExitCode } from "../exit-code.js";
import { type Verbosity, styleFor } from "../terminal/index.js";

/** Options of `trunkline check`. */
export interface CheckOptions {
  format: Format;
  /** What the watch keeps between runs (see CompileMemo). */
  memo?: CompileMemo;
  verbosity?: Verbosity;
}

/**
 * `trunkline check`: generate in memory and compare with the disk. Exit 1 lists every stale,
 * missing, orphaned or hand-edited file with a diff; exit 2 means the sources themselves are wrong.
 */
export async function check(options: CheckOptions, io: Io): Promise<ExitCode> {
  const { compiled, plan, diagnostics } = await runPipeline(io, { force: false, memo: options.memo });
  const quiet = options.verbosity === "quiet";
  // A hand edit is drift here, not a blocker; a hand-written file in an output's place is an error.
  const errors = [...diagnostics, ...plan.blockers.filter((blocker) => !plan.drift.some((drift) => drift.path === blocker.file))];
  const machine = isMachineFormat(options.format);
  if (hasErrors(errors)) {
    // a binding missing or stale is often why a source does not load: say so beside the error
    errors.push(...(await bindingProblems(io)));
    // warnings too: a tool reading stdout gets every finding in one document
    if (machine) io.stdout(formatDiagnostics(sortDiagnostics([...errors, ...diagnostics.filter((diagnostic) => diagnostic.severity === "warning")]), options.format));
    else io.stderr(formatDiagnostics(quiet ? errors.filter((error) => error.severity === "error").map(withoutSuggestion) : errors, options.format, undefined, styleFor(io, "stderr", options.format)));
    return ExitCode.SourceErrors;
  }
  // a file that differs only in pins a bot moved says which, and how to take them into the lockfile
  // (only in a hand-edited file: a stale one is the lockfile moving ahead of the YAML, which gen fixes)
  const lockText = plan.drift.some((drift) => drift.kind === "hand-edited") ? await io.readText(LOCKFILE) : undefined;
  const lock = lockText === undefined ? undefined : parseLockfile(lockText);
  const describe = (drift: (typeof plan.drift)[number]) => {
    const edits = drift.kind === "hand-edited" && lock && !("problem" in lock) && drift.actual !== undefined && drift.expected !== undefined ? pinOnlyEdits(drift.actual, drift.expected, lock) : undefined;
    return edits ? describePinEdits(drift.path, edits) : [describeDrift(drift)];
  };
  const drifted = [...plan.drift.flatMap(describe), ...plan.leftovers.map(describeLeftover), ...(await schemaFreshnessOf(io)), ...(await bindingProblems(io))];
  const manifestStale = plan.writes.some((write) => write.path.endsWith("manifest.json")) && plan.drift.length === 0;
  if (manifestStale) {
    // a fresh clone whose manifest was never committed: "does not match" would send the user looking for an edit
    const missing = (await io.readText(MANIFEST_FILE)) === undefined;
    drifted.push({ rule: "sync", severity: "error", file: MANIFEST_FILE, message: missing ? `${MANIFEST_FILE} is missing: it lists the generated files, and check needs it committed beside them` : `${MANIFEST_FILE} does not match the generated files`, hint: missing ? `run "npm run gen" and commit ${MANIFEST_FILE}` : 'run "npm run gen" and commit the result' });
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

// Bindings of locked actions and of the repository's own actions that no longer match what they bind.
async function bindingProblems(io: Io): Promise<Diagnostic[]> {
  return [...(await staleBindings(io)), ...(await staleLocalBindings(io))];
}
