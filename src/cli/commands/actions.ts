import { execFile } from "node:child_process";
import { type Fetch, addActions, githubSource, offlineSources, parseActionRef } from "../../actions/index.js";
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
  // a spec that is not owner/repo[/path]@ref is a mistyped command line, not a missing action
  for (const spec of options.specs) {
    const parsed = parseActionRef(spec);
    if ("problem" in parsed) {
      io.stderr(`trunkline actions: ${parsed.problem}\n  hint: name each action as owner/repo[/path]@ref, e.g. actions/checkout@v4\n`);
      return ExitCode.Usage;
    }
  }
  const typed = options.metadata ?? io.env.TRUNKLINE_ACTIONS_METADATA;
  const folders = typed === undefined || typed === "" ? [] : [toProjectPath(io, typed)];
  for (const folder of folders) {
    if ((await io.kindOf(folder)) !== "folder") {
      io.stderr(`trunkline actions: the metadata folder ${folder} does not exist\n  hint: pass a folder laid out as owner/repo/refs.json and owner/repo[/path]/<sha>/action.yml (README "Actions as dependencies")\n`);
      return ExitCode.SourceErrors;
    }
  }
  const sources = offlineSources(io, folders);
  if (!options.offline) {
    sources.push(githubSource({ fetch: options.fetch ?? ((url, init) => fetch(url, init)), token: () => githubToken(io), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}) }));
  }
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

// GITHUB_TOKEN, else the GitHub CLI's login; neither is needed for public actions (at a lower rate limit).
async function githubToken(io: Io): Promise<string | undefined> {
  if (io.env.GITHUB_TOKEN) return io.env.GITHUB_TOKEN;
  return new Promise((resolve) => {
    execFile("gh", ["auth", "token"], { timeout: 5_000, env: { ...io.env } }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
