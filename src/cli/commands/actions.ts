import { execFile } from "node:child_process";
import { type Fetch, addActions, githubSource, offlineSources, parseActionRef } from "../../actions/index.js";
import { ACTIONS_CACHE, CACHE_LABEL } from "../../actions/index.js";
import { LOCKFILE, parseLockfile } from "../../actions/lockfile.js";
import { describeMetadataDiff, isBreaking } from "../../actions/metadata-diff.js";
import { folderSource } from "../../actions/sources/folder-source.js";
import { addLocalActions, isLocalActionSpec } from "../../actions/local-actions.js";
import type { MetadataSource } from "../../actions/sources/metadata-source.js";
import { outdatedActions, updateActions } from "../../actions/update.js";
import type { Io } from "../../io/io.js";
import { isInsideProject, toProjectPath } from "../../io/project-path.js";
import { ExitCode } from "../exit-code.js";

/** Options of `trunkline actions add`. */
export interface ActionsAddOptions {
  specs: readonly string[];
  /** A metadata folder as the user typed it. */
  metadata?: string;
  offline: boolean;
  /** GitHub is reached through this; the global fetch by default. */
  fetch?: Fetch;
  /** Per request to GitHub, in milliseconds (10 s by default). */
  timeoutMs?: number;
}

/** `trunkline actions add <owner/repo[/path]@ref…>`: lock each action and write its binding. */
export async function actionsAdd(options: ActionsAddOptions, io: Io): Promise<ExitCode> {
  if (options.specs.some(isLocalActionSpec)) {
    if (!options.specs.every(isLocalActionSpec)) {
      io.stderr("trunkline actions: add local actions (./path) and locked ones (owner/repo@ref) in separate commands\n  hint: run \"trunkline actions add\" once for each kind\n");
      return ExitCode.Usage;
    }
    return addLocal(options.specs, io);
  }
  // a spec that is not owner/repo[/path]@ref is a mistyped command line, not a missing action
  for (const spec of options.specs) {
    const parsed = parseActionRef(spec);
    if ("problem" in parsed) {
      io.stderr(`trunkline actions: ${parsed.problem}\n  hint: name each action as owner/repo[/path]@ref, e.g. actions/checkout@v4\n`);
      return ExitCode.Usage;
    }
  }
  const folders = await metadataFolders(options, io);
  if (folders === undefined) return ExitCode.SourceErrors;
  const sources = offlineSources(io, folders);
  if (!options.offline) sources.push(github(options, io));
  const result = await addActions({ specs: options.specs, sources }, io);
  for (const problem of result.problems) io.stderr(`trunkline actions: ${problem.message}\n  hint: ${problem.hint}\n`);
  if (result.problems.length) {
    io.stderr("nothing written\n");
    return ExitCode.SourceErrors;
  }
  for (const { key, outcome, locked } of result.outcomes) io.stderr(`${outcome.padEnd(9)} ${key}@${locked.ref} → ${locked.sha} # ${locked.tag}\n`);
  io.stderr(result.written.length ? `wrote ${result.written.filter((file) => isInsideProject(file) && !file.startsWith(".trunkline/")).join(", ")}\n` : "nothing changed\n");
  return ExitCode.Ok;
}

// `trunkline actions add ./.github/actions/<name>…`: bindings from this repository's action.yml files.
async function addLocal(specs: readonly string[], io: Io): Promise<ExitCode> {
  const result = await addLocalActions(specs, io);
  for (const problem of result.problems) io.stderr(`trunkline actions: ${problem.message}\n  hint: ${problem.hint}\n`);
  if (result.problems.length) {
    io.stderr("nothing written\n");
    return ExitCode.SourceErrors;
  }
  for (const bound of result.bound) io.stderr(`bound     ${bound.uses} (${bound.metadataFile}) → ${bound.file}\n`);
  io.stderr(result.written.length ? `wrote ${result.written.join(", ")}\n` : "nothing changed\n");
  return ExitCode.Ok;
}

/** Options of `trunkline actions outdated` and `trunkline actions update`. */
export interface ActionsUpdateOptions extends Omit<ActionsAddOptions, "specs"> {
  /** `owner/repo[/path]` or `owner/repo`; every locked action when empty. */
  actions: readonly string[];
  major: boolean;
  to?: string;
  dryRun: boolean;
  format: "pretty" | "json";
}

/**
 * `trunkline actions outdated`: each locked action's release, the newest in its major and the newest
 * overall. Tags and releases come from the --metadata folder, then GitHub, then the cache: offline,
 * only the releases those folders recorded are known.
 */
export async function actionsOutdated(options: Omit<ActionsUpdateOptions, "major" | "to" | "dryRun">, io: Io): Promise<ExitCode> {
  const lock = parseLockfile(await io.readText(LOCKFILE));
  if ("problem" in lock) {
    io.stderr(`trunkline actions: ${lock.problem}\n  hint: fix ${LOCKFILE} (or remove it and add the actions again)\n`);
    if (options.format === "json") io.stdout("[]\n");
    return ExitCode.SourceErrors;
  }
  const folders = await metadataFolders(options, io);
  if (folders === undefined) {
    if (options.format === "json") io.stdout("[]\n");
    return ExitCode.SourceErrors;
  }
  const { entries, problems, warnings } = await outdatedActions(lock, tagSources(options, folders, io));
  for (const problem of problems) io.stderr(`trunkline actions: ${problem.message}\n  hint: ${problem.hint}\n`);
  for (const warning of warnings) io.stderr(`trunkline actions: warning: ${warning}\n`);
  if (options.format === "json") {
    io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return ExitCode.Ok;
  }
  if (entries.length === 0) io.stderr(`no actions locked in ${LOCKFILE}\n`);
  const rows = entries.map((entry) => [entry.action, `${entry.tag} ${entry.sha.slice(0, 12)}`, entry.sameMajor?.tag ?? "?", entry.latest?.tag ?? "?", entry.outdated ? "outdated" : "up to date"]);
  if (rows.length) io.stdout(table([["action", "locked", "newest in major", "newest", ""], ...rows]));
  const fromFolders = [...new Set(entries.map((entry) => entry.tagsFrom).filter((label) => label !== null && label !== "GitHub"))];
  if (fromFolders.length) io.stderr(`tags read from ${fromFolders.join(", ")}: releases published after ${fromFolders.length > 1 ? "they were" : "it was"} filled are not known${options.offline ? " (drop --offline to ask GitHub)" : ""}\n`);
  return ExitCode.Ok;
}

/**
 * `trunkline actions update [owner/repo…] [--major] [--to ref]`: move locked actions to newer
 * releases, rewrite their bindings, and show how each action's inputs and outputs change.
 */
export async function actionsUpdate(options: ActionsUpdateOptions, io: Io): Promise<ExitCode> {
  const folders = await metadataFolders(options, io);
  if (folders === undefined) {
    if (options.format === "json") io.stdout("[]\n");
    return ExitCode.SourceErrors;
  }
  const metadataSources = offlineSources(io, folders);
  if (!options.offline) metadataSources.push(github(options, io));
  const result = await updateActions(
    { actions: options.actions, major: options.major, ...(options.to === undefined ? {} : { to: options.to }), dryRun: options.dryRun, tagSources: tagSources(options, folders, io), metadataSources },
    io,
  );
  for (const problem of result.problems) io.stderr(`trunkline actions: ${problem.message}\n  hint: ${problem.hint}\n`);
  for (const warning of result.warnings) io.stderr(`trunkline actions: warning: ${warning}\n`);
  if (result.problems.length) {
    if (options.format === "json") io.stdout("[]\n");
    io.stderr("nothing written\n");
    return ExitCode.SourceErrors;
  }
  if (options.format === "json") io.stdout(`${JSON.stringify(result.outcomes, null, 2)}\n`);
  for (const { action, outcome, from, to, diff } of result.outcomes) {
    if (outcome === "unchanged") {
      io.stderr(`unchanged ${action} ${to.tag}\n`);
      continue;
    }
    const breaking = diff !== null && isBreaking(diff);
    io.stderr(`updated   ${action} ${from.tag} → ${to.tag} (${from.sha.slice(0, 12)} → ${to.sha.slice(0, 12)})${breaking ? "  BREAKING" : ""}\n`);
    const lines = diff === null ? [`? the metadata of ${from.tag} is in no source: inputs and outputs not compared`] : describeMetadataDiff(diff);
    for (const line of lines.length ? lines : ["  inputs and outputs unchanged"]) io.stderr(`    ${line}\n`);
  }
  if (options.dryRun) io.stderr("dry run: nothing written\n");
  else io.stderr(result.written.length ? `wrote ${result.written.filter((file) => isInsideProject(file) && !file.startsWith(".trunkline/")).join(", ")}\n  then run "npm run gen"\n` : "nothing changed\n");
  return ExitCode.Ok;
}

// The --metadata folder (or TRUNKLINE_ACTIONS_METADATA); undefined, having said so, when it does not exist.
async function metadataFolders(options: { metadata?: string }, io: Io): Promise<string[] | undefined> {
  const typed = options.metadata ?? io.env.TRUNKLINE_ACTIONS_METADATA;
  const folders = typed === undefined || typed === "" ? [] : [toProjectPath(io, typed)];
  for (const folder of folders) {
    if ((await io.kindOf(folder)) !== "folder") {
      io.stderr(`trunkline actions: the metadata folder ${folder} does not exist\n  hint: pass a folder laid out as owner/repo/refs.json and owner/repo[/path]/<sha>/action.yml (README "Actions as dependencies")\n`);
      return undefined;
    }
  }
  return folders;
}

// Tags move (new releases), so GitHub is asked before the cache; a folder the user names comes first.
function tagSources(options: { offline: boolean; fetch?: Fetch; timeoutMs?: number }, folders: readonly string[], io: Io): MetadataSource[] {
  return [...folders.map((folder) => folderSource(io, folder)), ...(options.offline ? [] : [github(options, io)]), folderSource(io, ACTIONS_CACHE, CACHE_LABEL)];
}

function github(options: { fetch?: Fetch; timeoutMs?: number }, io: Io): MetadataSource {
  return githubSource({ fetch: options.fetch ?? ((url, init) => fetch(url, init)), token: () => githubToken(io), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}) });
}

// Columns padded to their widest cell.
function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n") + "\n";
}

// GITHUB_TOKEN, else the GitHub CLI's login; neither is needed for public actions (at a lower rate limit).
async function githubToken(io: Io): Promise<string | undefined> {
  if (io.env.GITHUB_TOKEN) return io.env.GITHUB_TOKEN;
  return new Promise((resolve) => {
    execFile("gh", ["auth", "token"], { timeout: 5_000, env: { ...io.env } }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
