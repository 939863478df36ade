import { hasErrors } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics } from "../../diagnostics/format/index.js";
import type { Io } from "../../io/io.js";
import { runPipeline } from "../../pipeline.js";
import { type PlannedRuleset, planRulesetCommands } from "../../rulesets/plan-rulesets.js";
import { describeDrift } from "../describe-drift.js";
import { ExitCode } from "../exit-code.js";

/** Options of `trunkline rulesets plan`. */
export interface RulesetsPlanOptions {
  /** Only this target's rulesets. */
  target?: string;
  format: Format;
}

/**
 * `trunkline rulesets plan [--target NAME]`: prints the `gh api` commands that create or update the
 * generated rulesets by name. Exit 1 when a ruleset file on disk is not what the sources generate
 * (the commands send the files, so they must be current), 2 on errors in sources, 3 for an unknown target.
 */
export async function rulesetsPlan(options: RulesetsPlanOptions, io: Io): Promise<ExitCode> {
  const { compiled, plan, diagnostics } = await runPipeline(io, { force: false });
  if (hasErrors(diagnostics)) {
    io.stderr(formatDiagnostics(diagnostics, options.format));
    return ExitCode.SourceErrors;
  }
  // a target's only JSON outputs are its rulesets (documents are Markdown, workflows YAML)
  const generated = compiled.files.filter((file) => file.path.endsWith(".json"));
  const targets = [...new Set(compiled.files.map((file) => file.target))];
  if (options.target !== undefined && !targets.includes(options.target)) {
    io.stderr(`trunkline rulesets plan: there is no target "${options.target}"; the targets are ${targets.map((name) => `"${name}"`).join(", ")}\n`);
    return ExitCode.Usage;
  }
  const chosen = generated.filter((file) => options.target === undefined || file.target === options.target);
  const isChosen = (path: string) => chosen.some((file) => file.path === path);
  const drifted = [...plan.drift.filter((drift) => isChosen(drift.path)).map(describeDrift), ...plan.blockers.filter((blocker) => isChosen(blocker.file) && !plan.drift.some((drift) => drift.path === blocker.file))];
  if (drifted.length > 0) {
    io.stderr(formatDiagnostics(drifted, options.format));
    io.stderr('trunkline rulesets plan: the commands send the files on disk, which differ from what the sources generate; run "npm run gen" first.\n');
    return ExitCode.Problems;
  }
  if (chosen.length === 0) {
    io.stderr(`trunkline rulesets plan: ${options.target === undefined ? "no target exports" : `target "${options.target}" exports no`} ruleset(); nothing to plan.\n`);
    return ExitCode.Ok;
  }
  const rulesets: PlannedRuleset[] = chosen.map((file) => ({ target: file.target, name: (JSON.parse(file.text) as { name: string }).name, file: file.path }));
  io.stdout(planRulesetCommands(rulesets));
  io.stderr(`trunkline rulesets plan: ${rulesets.length} ruleset${rulesets.length === 1 ? "" : "s"} planned; nothing was sent.\n`);
  return ExitCode.Ok;
}
