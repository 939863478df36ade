import { parseArgs } from "node:util";
import { FORMATS, type Format } from "../diagnostics/format/index.js";
import type { Io } from "../io/io.js";
import { check } from "./commands/check.js";
import { gen } from "./commands/gen.js";
import { lint } from "./commands/lint.js";
import { ExitCode } from "./exit-code.js";
import { loadTimeoutEnvProblem } from "../load/load-timeout.js";

const USAGE = `Usage: trunkline <command> [options]

Commands:
  gen                 generate every target's workflows, validate them, write them
  check               generate in memory and compare with the files on disk
  lint [paths...]     validate YAML workflow files and run trunkline's rules (default: every output folder)
  import <paths...>   turn existing workflow YAML into sources that regenerate it exactly
  rulesets plan       print the gh api commands that create or update the generated rulesets (sends nothing)
  graph <workflow>    print a workflow's job graph as a Mermaid flowchart

Options:
  --format <f>        pretty | json | github | sarif (default: github when GITHUB_ACTIONS=true, else pretty)
  --force             gen: overwrite or remove generated files that were edited by hand
                      import: overwrite existing sources of the same name
  --out <dir>         import: the folder for the sources (default: the target's source folder)
  --target <name>     import: the target the sources join (default: the one writing the inputs' folder)
                      rulesets plan: only this target's rulesets
  --replace           import: replace each original by its generated file once its round trip held
  --baseline          lint: also list the findings .trunkline/baseline.json accepts
  -h, --help          show this help

Exit codes: 0 ok · 1 check: files out of sync, lint: errors · 2 errors in sources (nothing written) · 3 usage
`;

/** The CLI: argv (without node and script) → a command → an exit code. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false },
        out: { type: "string" }, target: { type: "string" }, replace: { type: "boolean", default: false }, baseline: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    io.stderr(`trunkline: ${(error as Error).message}\n\n${USAGE}`);
    return ExitCode.Usage;
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === "help") {
    io.stdout(USAGE);
    return ExitCode.Ok;
  }
  const format = (parsed.values.format ?? (io.env.GITHUB_ACTIONS === "true" ? "github" : "pretty")) as Format;
  if (!FORMATS.includes(format)) {
    io.stderr(`trunkline: unknown --format "${format}"; use one of ${FORMATS.join(", ")}\n`);
    return ExitCode.Usage;
  }
  const timeoutProblem = loadTimeoutEnvProblem(io.env);
  if (timeoutProblem) {
    io.stderr(`trunkline: ${timeoutProblem}\n`);
    return ExitCode.Usage;
  }
  const noPaths = () => {
    if (rest.length === 0) return true;
    io.stderr(`trunkline ${command}: takes no paths (got ${rest.join(" ")})\n`);
    return false;
  };
  switch (command) {
    case "gen":
      return noPaths() ? gen({ force: parsed.values.force ?? false, format }, io) : ExitCode.Usage;
    case "check":
      return noPaths() ? check({ format }, io) : ExitCode.Usage;
    case "lint":
      return lint({ paths: rest, format, baseline: parsed.values.baseline ?? false }, io);
    case "rulesets": {
      const [subcommand, ...extra] = rest;
      if (subcommand !== "plan" || extra.length > 0) {
        io.stderr(`trunkline rulesets: ${subcommand === undefined ? "no subcommand given" : `unknown arguments "${rest.join(" ")}"`}; use "trunkline rulesets plan [--target <name>]"\n`);
        return ExitCode.Usage;
      }
      const { rulesetsPlan } = await import("./commands/rulesets.js");
      return rulesetsPlan({ target: parsed.values.target, format }, io);
    }
    case "graph": {
      if (rest.length !== 1) {
        io.stderr('trunkline graph: takes one workflow file, e.g. "trunkline graph .github/workflows/ci.yml"\n');
        return ExitCode.Usage;
      }
      const { graph } = await import("./commands/graph.js");
      return graph({ file: rest[0]! }, io);
    }
    case "import": {
      // loaded on demand: gen and check never need the importer
      const { importCommand } = await import("./commands/import.js");
      return importCommand({ paths: rest, out: parsed.values.out, target: parsed.values.target, replace: parsed.values.replace ?? false, force: parsed.values.force ?? false, format }, io);
    }
    default:
      io.stderr(`trunkline: ${command === undefined ? "no command given" : `unknown command "${command}"`}\n\n${USAGE}`);
      return ExitCode.Usage;
  }
}
