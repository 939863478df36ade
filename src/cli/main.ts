import path from "node:path";
import { parseArgs } from "node:util";
import { FORMATS, type Format } from "../diagnostics/format/index.js";
import type { Io } from "../io/io.js";
import type { CompileMemo } from "../compile.js";
import { check } from "./commands/check.js";
import { gen } from "./commands/gen.js";
import { lint } from "./commands/lint.js";
import { COMMANDS, type CommandSpec, commandHelp, usage } from "./commands-table.js";
import { ExitCode } from "./exit-code.js";
import { PROJECT_MARKERS, findProject } from "./find-project.js";
import type { Verbosity } from "./terminal/index.js";
import { VERSION } from "./version.js";
import { loadTimeoutEnvProblem } from "../load/load-timeout.js";

/** The CLI: argv (without node and script) → a command → an exit code. `memo`: what a background server keeps between one-shot gens and checks. */
export async function main(argv: readonly string[], io: Io, memo?: CompileMemo): Promise<ExitCode> {
  // The command comes first (`trunkline <command> [options]`); before it only --help and --version.
  const commandName = argv[0]?.startsWith("-") ? undefined : argv[0];
  if (commandName === undefined) {
    if (argv[0] === "--version") {
      io.stdout(`${VERSION}\n`);
      return ExitCode.Ok;
    }
    if (argv[0] === "--help" || argv[0] === "-h") {
      io.stdout(usage());
      return ExitCode.Ok;
    }
    io.stderr(`trunkline: ${argv.length ? `unknown option ${argv[0]}` : "no command given"}\n\n${usage()}`);
    return ExitCode.Usage;
  }
  if (commandName === "help") {
    const about = argv.filter((argument) => !argument.startsWith("-"))[1];
    if (about === undefined) {
      io.stdout(usage());
      return ExitCode.Ok;
    }
    const spec = COMMANDS.find((command) => command.name === about);
    if (!spec) return unknownCommand(about, io);
    io.stdout(commandHelp(spec));
    return ExitCode.Ok;
  }
  const spec = COMMANDS.find((command) => command.name === commandName);
  if (!spec) return unknownCommand(commandName, io);

  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { ...Object.fromEntries(Object.entries(spec.options).map(([name, option]) => [name, { type: option.type, multiple: option.multiple ?? false }])), help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    return usageError(spec, (error as Error).message.replace(/^Unknown option '(.*)'\..*$/s, "unknown option $1").replace(/\. To specify a positional.*$/s, ""), io);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help) {
    io.stdout(commandHelp(spec));
    return ExitCode.Ok;
  }
  const rest = parsed.positionals.slice(1);
  const allowedFormats: readonly string[] = spec.formats ?? FORMATS;
  const format = (values.format ?? (io.env.GITHUB_ACTIONS === "true" && allowedFormats.includes("github") ? "github" : "pretty")) as Format;
  if (!allowedFormats.includes(format)) {
    return usageError(spec, `--format ${format} is not one of ${allowedFormats.join(", ")}`, io);
  }
  const timeoutProblem = loadTimeoutEnvProblem(io.env);
  if (timeoutProblem) {
    io.stderr(`trunkline: ${timeoutProblem}\n`);
    return ExitCode.Usage;
  }
  const string = (name: string) => values[name] as string | undefined;
  const flag = (name: string) => values[name] === true;
  if (flag("quiet") && flag("verbose")) return usageError(spec, "--quiet and --verbose ask for opposite things; pass one of them", io);
  const verbosity: Verbosity = flag("quiet") ? "quiet" : flag("verbose") ? "verbose" : "normal";

  // Every command runs at the project found by walking up from the current folder.
  const project = await findProject(io, io.cwd);
  const noProject = (what: string) => {
    io.stderr(`trunkline ${spec.name}: no trunkline project in ${io.cwd} or any folder above it (looked for ${PROJECT_MARKERS.join(", ")}); ${what}\n`);
    return ExitCode.Usage;
  };
  const inProject = project ? io.withRoot(project.root) : io;
  switch (spec.name) {
    case "gen":
      if (rest.length) return usageError(spec, `takes no paths (got ${rest.join(" ")})`, io);
      if (!project) return noProject('run it in your repository, or create workflows-src/ with a first source (README "Quick start")');
      if (flag("watch")) {
        if (flag("dry-run")) return usageError(spec, "--dry-run writes nothing, so there is nothing to watch; run gen --dry-run once", io);
        return watchCommand({ command: "gen", force: flag("force"), format }, spec, inProject);
      }
      return gen({ force: flag("force"), dryRun: flag("dry-run"), verbosity, format, ...(memo ? { memo } : {}) }, inProject);
    case "check":
      if (rest.length) return usageError(spec, `takes no paths (got ${rest.join(" ")})`, io);
      if (!project) return noProject("run it in your repository");
      if (flag("watch")) return watchCommand({ command: "check", force: false, format }, spec, inProject);
      return check({ format, verbosity, ...(memo ? { memo } : {}) }, inProject);
    case "lint":
      // Named files can be linted anywhere; "lint everything" needs a project to know where that is.
      if (!project && rest.length === 0) return noProject("run it in your repository, or name the files to lint");
      return lint({ paths: rest, format, baseline: flag("baseline"), fix: flag("fix"), verbosity }, inProject);
    case "rulesets": {
      const [subcommand, ...extra] = rest;
      if (subcommand !== "plan" || extra.length > 0) {
        return usageError(spec, subcommand === undefined ? "no subcommand given" : `unknown arguments "${rest.join(" ")}"`, io);
      }
      if (!project) return noProject("run it in your repository");
      const { rulesetsPlan } = await import("./commands/on-demand.js");
      return rulesetsPlan({ target: string("target"), format }, inProject);
    }
    case "actions": {
      const [subcommand, ...names] = rest;
      if (subcommand !== "add" && subcommand !== "outdated" && subcommand !== "update") {
        return usageError(spec, subcommand === undefined ? "no subcommand given (add, outdated or update)" : `unknown subcommand "${subcommand}" (add, outdated or update)`, io);
      }
      // each subcommand takes only its own flags
      const takes: Record<string, readonly string[]> = { add: ["metadata", "offline"], outdated: ["metadata", "offline", "format"], update: ["metadata", "offline", "format", "major", "to", "dry-run"] };
      const foreign = Object.keys(values).filter((name) => values[name] !== undefined && name !== "help" && !takes[subcommand]!.includes(name));
      if (foreign.length) return usageError(spec, `actions ${subcommand} takes no --${foreign[0]}`, io);
      if (subcommand === "add" && names.length === 0) return usageError(spec, "takes the actions to add, e.g. actions/checkout@v4", io);
      if (subcommand === "outdated" && names.length) return usageError(spec, `actions outdated takes no arguments (got ${names.join(" ")})`, io);
      if (string("to") !== undefined && (names.length !== 1 || flag("major"))) return usageError(spec, "--to moves one action: name it, e.g. actions update actions/checkout --to v7.0.1, without --major", io);
      if (!project) return noProject("run it in your repository");
      // loaded on demand: gen and check never need it
      const { actionsAdd, actionsOutdated, actionsUpdate } = await import("./commands/on-demand.js");
      const jsonOrPretty = format === "json" ? "json" : "pretty";
      if (subcommand === "outdated") return actionsOutdated({ actions: [], metadata: string("metadata"), offline: flag("offline"), format: jsonOrPretty }, inProject);
      if (subcommand === "update") {
        return actionsUpdate({ actions: names, metadata: string("metadata"), offline: flag("offline"), major: flag("major"), to: string("to"), dryRun: flag("dry-run"), format: jsonOrPretty }, inProject);
      }
      return actionsAdd({ specs: names, metadata: string("metadata"), offline: flag("offline") }, inProject);
    }
    case "graph": {
      if (rest.length !== 1) return usageError(spec, "takes one workflow file, e.g. .github/workflows/ci.yml", io);
      const { graph } = await import("./commands/on-demand.js");
      return graph({ file: rest[0]! }, inProject);
    }
    case "import": {
      if (rest.length === 0) return usageError(spec, "takes the workflow files or folders to import, e.g. .github/workflows", io);
      // import starts a project: without one, the repository (the folder holding .git) is it
      const root = project?.root ?? (await gitRoot(io, io.cwd));
      if (root === undefined) return noProject("run it in the repository whose workflows you import");
      // loaded on demand: gen and check never need the importer
      const { importCommand } = await import("./commands/on-demand.js");
      return importCommand({ paths: rest, out: string("out"), target: string("target"), replace: flag("replace"), force: flag("force"), format, verbosity }, io.withRoot(root));
    }
    case "init": {
      if (rest.length) return usageError(spec, `takes no paths (got ${rest.join(" ")}); run it in the repository to set up`, io);
      // init creates the project: its root is the repository's (the folder holding .git), else here,
      // unless a project already lies inside that repository
      const repository = await gitRoot(io, io.cwd);
      const inRepository = project && (repository === undefined || !path.relative(repository, project.root).startsWith(".."));
      const root = inRepository ? project.root : (repository ?? io.cwd);
      // loaded on demand: gen and check never need it
      const { init } = await import("./commands/on-demand.js");
      return init({ gitRoot: repository, yes: flag("yes") }, io.withRoot(root));
    }
    case "server": {
      const [action = "status", ...extra] = rest;
      if ((action !== "status" && action !== "stop") || extra.length) return usageError(spec, action !== "status" && action !== "stop" ? `unknown subcommand "${action}" (status or stop)` : `takes no arguments after ${action} (got ${extra.join(" ")})`, io);
      if (!project) return noProject("run it in your repository");
      // loaded on demand: gen and check never need it
      const { server } = await import("./commands/on-demand.js");
      return server({ action, format: format === "json" ? "json" : "pretty" }, inProject);
    }
    case "cost": {
      if (rest.length) return usageError(spec, `takes no paths (got ${rest.join(" ")})`, io);
      if (!project) return noProject("run it in your repository");
      // loaded on demand: gen and check never pay for the cost report
      const { cost } = await import("./commands/on-demand.js");
      return cost({ repo: string("repo"), since: string("since"), workflow: string("workflow"), from: string("from"), save: string("save"), budgets: values.budget as string[] | undefined, format: format as "pretty" | "json" | "markdown" }, inProject);
    }
    default:
      throw new Error(`command ${spec.name} is listed but not dispatched`);
  }
}

// `gen --watch`, `check --watch`: loaded on demand, so a one-shot gen never reads the watch.
async function watchCommand(options: { command: "gen" | "check"; force: boolean; format: Format }, spec: CommandSpec, io: Io): Promise<ExitCode> {
  const { format } = options;
  // a SARIF log is one document for a whole run: a stream of them is no SARIF any tool reads
  if (format === "sarif") return usageError(spec, "--watch prints one document per change: use --format json (one JSON document per line), not sarif", io);
  const { watch } = await import("./commands/on-demand.js");
  return watch({ ...options, format }, io);
}

function usageError(spec: CommandSpec, problem: string, io: Io): ExitCode {
  io.stderr(`trunkline ${spec.name}: ${problem}\n\n${commandHelp(spec)}`);
  return ExitCode.Usage;
}

function unknownCommand(name: string, io: Io): ExitCode {
  io.stderr(`trunkline: unknown command "${name}"\n\n${usage()}`);
  return ExitCode.Usage;
}

async function gitRoot(io: Io, from: string): Promise<string | undefined> {
  for (let folder = path.resolve(from); ; folder = path.dirname(folder)) {
    if ((await io.listFolders(folder)).includes(".git") || (await io.readText(path.join(folder, ".git")).catch(() => undefined)) !== undefined) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}
