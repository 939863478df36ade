import { FORMATS } from "../diagnostics/format/index.js";

/** One option of a command, as `node:util` parseArgs takes it, with its help line. */
export interface OptionSpec {
  type: "string" | "boolean";
  /** Whether the option may be given more than once (its values are a list). */
  multiple?: boolean;
  /** The value's placeholder in help, for string options. */
  value?: string;
  help: string;
}

/** A command of the CLI: how it is called, what it does, the options it takes. */
export interface CommandSpec {
  name: string;
  synopsis: string;
  summary: string;
  /** Longer help, shown by `trunkline <command> --help`. */
  details: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** The values `--format` takes, when not every diagnostics format (the first is the default). */
  formats?: readonly string[];
  exitCodes: string;
}

const format = (formats: readonly string[] = FORMATS): OptionSpec => ({ type: "string", value: "f", help: `${formats.join(" | ")} (default: github when GITHUB_ACTIONS=true, else pretty)` });

const WATCH: OptionSpec = { type: "boolean", help: "keep running: again on every save of a source, the config or the lockfile, until Ctrl-C (not with --format sarif)" };
// How much a command says on stderr; machine formats on stdout are the same either way.
const quiet: OptionSpec = { type: "boolean", help: "print nothing but errors" };
const verbose: OptionSpec = { type: "boolean", help: "name every file, not only the first few" };

/** Every command, in the order help lists them. Flags a command does not list are usage errors. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "init",
    synopsis: "trunkline init [--yes]",
    summary: "set trunkline up in an existing repository: scripts, a first CI source, .gitattributes",
    details:
      "Adds the gen and check scripts to package.json (and says how to install trunkline's tarball when it is not a dependency yet), writes workflows-src/ci.ts from trunkBasedCi fitted to what the repository holds (Node with npm, pnpm or yarn; Python; Go; Rust; the branch git is on) unless .github/workflows already holds workflows (then it imports them, as import --replace does, findings into the baseline), and marks generated files in .gitattributes. On a terminal it asks the branch, the package manager when the lockfiles do not tell, and whether to import; at the end of the input, or with no terminal, it takes the defaults. Never overwrites a file; a second run changes nothing.",
    options: { yes: { type: "boolean", help: "ask nothing: take every default (what happens anyway without a terminal)" } },
    exitCodes: "0 set up, or nothing to change · 2 package.json is not valid JSON (nothing written), or an existing workflow not imported exactly · 3 usage",
  },
  {
    name: "gen",
    synopsis: "trunkline gen [--force] [--watch] [--dry-run] [--quiet | --verbose] [--format f]",
    summary: "generate every target's workflows, validate them, write them",
    details: "Loads every source, validates what it generates (GitHub's schema and parser, trunkline's rules) and writes the files only when nothing is wrong. A generated file edited by hand is kept unless --force. The summary names the files written and removed. With --watch it stays running and regenerates what a saved file affects, one line per change (json: one JSON document per line), until Ctrl-C.",
    options: {
      force: { type: "boolean", help: "overwrite or remove generated files that were edited by hand" },
      watch: WATCH,
      "dry-run": { type: "boolean", help: "say which files would be written, removed or left unchanged (with --verbose, their diffs); write nothing" },
      quiet,
      verbose,
      format: format(),
    },
    exitCodes: "0 ok (with --watch: stopped by Ctrl-C) · 2 errors in sources or outputs (nothing written) · 3 usage (--watch with --format sarif)",
  },
  {
    name: "check",
    synopsis: "trunkline check [--watch] [--quiet | --verbose] [--format f]",
    summary: "generate in memory and compare with the files on disk",
    details: "Reports every stale, missing, orphaned or hand-edited generated file with a diff, and a stale schema/. Writes nothing. With --watch it stays running and checks again on every save, until Ctrl-C.",
    options: { watch: WATCH, quiet, verbose, format: format() },
    exitCodes: "0 in sync (with --watch: stopped by Ctrl-C) · 1 out of sync · 2 errors in sources · 3 usage (--watch with --format sarif)",
  },
  {
    name: "lint",
    synopsis: "trunkline lint [paths...] [--baseline] [--fix] [--quiet | --verbose] [--format f]",
    summary: "validate YAML workflow files and run trunkline's rules",
    details: "Paths are files, or folders: a folder's YAML files when it holds workflows itself, else every .github/workflows below it. Without paths: .github/workflows and every target's output folder.",
    options: {
      baseline: { type: "boolean", help: "also list the findings .trunkline/baseline.json accepts" },
      fix: { type: "boolean", help: "fix hand-written files in place where the fix is mechanical (persist-credentials: false, a pin from the lockfile, an untrusted expression moved into env:, a reviewed permissions: and timeout-minutes:), then lint again" },
      quiet,
      verbose,
      format: format(),
    },
    exitCodes: "0 no errors · 1 errors found · 2 a path or the config could not be read · 3 usage",
  },
  {
    name: "import",
    synopsis: "trunkline import <paths...> [--out dir] [--target name] [--replace] [--force] [--quiet] [--format f]",
    summary: "turn existing workflow YAML into sources that regenerate it exactly",
    details: "Each workflow becomes a TypeScript source; each source is generated at once and must reproduce its original exactly.",
    options: {
      out: { type: "string", value: "dir", help: "the folder for the sources (default: the target's source folder)" },
      target: { type: "string", value: "name", help: "the target the sources join (default: the one writing the inputs' folder)" },
      replace: { type: "boolean", help: "replace each original by its generated file once its round trip held" },
      force: { type: "boolean", help: "overwrite existing sources of the same name" },
      quiet,
      verbose,
      format: format(),
    },
    exitCodes: "0 every file reproduced · 2 a file not reproduced or not readable, a named path missing, a config with errors · 3 usage",
  },
  {
    name: "rulesets",
    synopsis: "trunkline rulesets plan [--target name] [--format pretty|github]",
    summary: "print the gh api commands that create or update the generated rulesets (sends nothing)",
    details: "Prints a bash script on stdout; diagnostics go to stderr, so only the human formats apply.",
    options: { target: { type: "string", value: "name", help: "only this target's rulesets" }, format: format(["pretty", "github"]) },
    formats: ["pretty", "github"],
    exitCodes: "0 · 1 a ruleset on disk is stale · 2 errors in sources · 3 usage or unknown target",
  },
  {
    name: "actions",
    synopsis: "trunkline actions add <owner/repo[/path]@ref...|./path...> | outdated | update [owner/repo...] [--major] [--to ref] [--dry-run] [--metadata dir] [--offline] [--format pretty|json]",
    summary: "lock actions to commits and write their typed bindings; list and take newer releases",
    details: `add resolves each ref to a commit, reads the action's metadata there, records it in trunkline.actions.lock.json and writes its binding to workflows-src/actions/. outdated lists each locked action's release, the newest in its major and the newest overall; a repository that publishes GitHub releases offers only its releases that are neither drafts nor pre-releases, one without releases its version tags. update moves locked actions (all, or those named) to the newest release of their major (any major with --major, or the ref given with --to), rewrites their bindings and shows how their inputs and outputs change. Metadata comes from the --metadata folder (or TRUNKLINE_ACTIONS_METADATA), then .trunkline/actions-cache/, then GitHub's API (GITHUB_TOKEN or gh auth token when set) unless --offline; tags and releases are asked of GitHub before the cache, and cached together.`,
    options: {
      metadata: { type: "string", value: "dir", help: "a metadata folder filled on another machine, asked first (layout: README)" },
      offline: { type: "boolean", help: "never ask GitHub: only the metadata folder and the cache" },
      major: { type: "boolean", help: "update: also move to a newer major release" },
      to: { type: "string", value: "ref", help: "update: move the one action named to this tag or commit SHA (also repairs its lock entry and binding)" },
      "dry-run": { type: "boolean", help: "update: show what would change, write nothing" },
      format: { type: "string", value: "f", help: "outdated, update: pretty | json (default: pretty)" },
    },
    formats: ["pretty", "json"],
    exitCodes: "0 locked, listed or updated (or nothing to update) · 2 an action found in no source, unreadable metadata or lockfile, an action not locked (nothing written) · 3 usage",
  },
  {
    name: "graph",
    synopsis: "trunkline graph <workflow.yml>",
    summary: "print a workflow's job graph as a Mermaid flowchart",
    details: "Reads one workflow file (inside the project or not) and prints its needs graph.",
    options: {},
    exitCodes: "0 · 2 the file is missing or not a workflow · 3 usage",
  },
  {
    name: "server",
    synopsis: "trunkline server [status | stop] [--format pretty|json]",
    summary: "list the project's background servers, or stop them",
    details:
      "A gen or check run at a terminal leaves a background server for its folder, so that the next call after an edit costs little more than Node's start (see the README: The background server). status (the default) lists each server of this project: its process, the folder it serves, how long it has run, its last call, its memory. stop ends them, each once the call it is running has written its files.",
    options: { format: { type: "string", value: "f", help: "pretty | json (default: pretty)" } },
    formats: ["pretty", "json"],
    exitCodes: "0 listed, or stopped (or none running) · 2 a server did not answer within 3 s, or did not end within 10 s · 3 usage",
  },
  {
    name: "cost",
    synopsis: "trunkline cost [--repo owner/name] [--since 7d] [--workflow ci.yml] [--from dir] [--save dir] [--budget limits]… [--format pretty|json|markdown]",
    summary: "report runner occupancy, queue time, cancelled and superseded runs, and check budgets",
    details:
      "Reads workflow runs and their jobs from GitHub's REST API (through gh api, or GITHUB_TOKEN), or from recorded responses with --from. Figures per workflow, job and runner label; exits 1 when a budget is exceeded: those of trunkline.config.ts (cost.budgets) and those given with --budget.",
    options: {
      repo: { type: "string", value: "owner/name", help: "the repository (default: the clone's origin)" },
      since: { type: "string", value: "when", help: "runs created since: 7d, 36h, 2w, or a date (2026-01-31); live, 7d by default" },
      workflow: { type: "string", value: "file", help: "only this workflow: its path, file name or name" },
      from: { type: "string", value: "dir", help: "read recorded responses (every *.json below dir) instead of the API" },
      save: { type: "string", value: "dir", help: "record the fetched responses in dir, for --from" },
      budget: { type: "string", multiple: true, value: "limits", help: "one more budget, keys as in cost.budgets: workflow=ci.yml,queueP95Seconds=120 (repeatable)" },
      format: { type: "string", value: "f", help: "pretty | json | markdown (default: pretty)" },
    },
    formats: ["pretty", "json", "markdown"],
    exitCodes: "0 · 1 a budget exceeded · 2 a response or the config could not be read, or the API refused · 3 usage",
  },
];

/** The global usage text: every command, and how to get more. */
export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return `Usage: trunkline <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`).join("\n")}

  trunkline <command> --help   options and exit codes of one command
  trunkline --version          the installed version

Exit codes: 0 ok · 1 check: files out of sync, lint: errors · 2 errors in sources (nothing written) · 3 usage
`;
}

/** The help of one command: synopsis, what it does, its options, its exit codes. */
export function commandHelp(command: CommandSpec): string {
  const flags: [string, string][] = Object.entries(command.options).map(([name, option]) => [`--${name}${option.value ? ` <${option.value}>` : ""}`, option.help]);
  flags.push(["-h, --help", "show this help"]);
  const width = Math.max(...flags.map(([flag]) => flag.length)) + 2;
  return `Usage: ${command.synopsis}

${wrap(`${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}. ${command.details}`, 80)}

Options:
${flags.map(([flag, help]) => `  ${flag.padEnd(width)}${help}`).join("\n")}

Exit codes: ${command.exitCodes}
`;
}

// Help text reads best at terminal width: break between words.
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join("\n");
}
