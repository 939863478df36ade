import path from "node:path";
import { CONFIG_FILE, SOURCE_DIR, checkConfig } from "../../config/resolve-config.js";
import {
  type BudgetCheck,
  type CostBudget,
  type CostFormat,
  type CostInputs,
  type JobRecord,
  type JobsCache,
  type RecordedFile,
  type RunRecord,
  type RunSelection,
  type Transport,
  checkBudgets,
  parseBudgetFlag,
  computeCost,
  costConfigProblems,
  describeExceeded,
  fetchResponses,
  formatCost,
  ghTransport,
  isRepoName,
  jsonFilesUnder,
  orphanJobs,
  originRepo,
  parseSince,
  readResponses,
  selectRuns,
  tokenTransport,
} from "../../cost/index.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatDiagnostics } from "../../diagnostics/format/index.js";
import type { Io } from "../../io/io.js";
import { isInsideProject, toProjectPath } from "../../io/project-path.js";
import { ExitCode } from "../exit-code.js";

/** What `trunkline cost` was asked for. */
export interface CostOptions {
  repo?: string;
  since?: string;
  workflow?: string;
  /** A folder of recorded responses: no request is sent. */
  from?: string;
  /** A folder to record the fetched responses in, for `--from` later. */
  save?: string;
  /** `--budget` flags: budgets checked besides the config's. */
  budgets?: readonly string[];
  format: CostFormat;
}

/** What the command takes from outside besides files: the clock, and how requests are sent. */
export interface CostDependencies {
  now?: number;
  transport?: Transport;
}

// The jobs of finished runs, per repository: they never change, so a second report skips them.
const CACHE_DIR = ".trunkline/cache/cost";
const DEFAULT_SPAN_MS = 7 * 24 * 60 * 60 * 1000;

/** `trunkline cost`: runner occupancy, queue time, cancelled and superseded runs, and budgets. */
export async function cost(options: CostOptions, io: Io, dependencies: CostDependencies = {}): Promise<ExitCode> {
  const now = dependencies.now ?? Date.now();
  const usage = (problem: string) => {
    io.stderr(`trunkline cost: ${problem}\n`);
    return ExitCode.Usage;
  };
  // Live, a week back unless told otherwise: a repository's whole history is many thousand requests.
  const since = options.since === undefined ? (options.from === undefined ? now - DEFAULT_SPAN_MS : undefined) : parseSince(options.since, now);
  if (typeof since === "object") return usage(since.problem);
  if (options.from !== undefined && (options.save !== undefined || options.repo !== undefined)) return usage(`--from reads recorded responses, so it takes no ${options.save !== undefined ? "--save" : "--repo"}`);
  if (options.repo !== undefined && !isRepoName(options.repo)) return usage(`--repo ${options.repo} is not OWNER/NAME, e.g. --repo octo-org/web`);
  const save = options.save === undefined ? undefined : toProjectPath(io, options.save);
  if (save !== undefined && !isInsideProject(save)) return usage(`--save ${options.save} is outside the project ${io.root}; record inside it`);

  const flagBudgets: CostBudget[] = [];
  for (const text of options.budgets ?? []) {
    const parsed = parseBudgetFlag(text);
    if ("problem" in parsed) return usage(parsed.problem);
    flagBudgets.push(parsed.budget);
  }

  const selection: RunSelection = { ...(since === undefined ? {} : { since }), ...(options.workflow === undefined ? {} : { workflow: options.workflow }) };
  const failed = (diagnostics: readonly Diagnostic[]) => {
    io.stderr(formatDiagnostics(diagnostics, "pretty"));
    // json owns stdout: one document, always, with nothing counted
    if (options.format === "json") io.stdout(formatCost(computeCost({ runs: [], jobs: [] }), [], "json", diagnostics));
    return ExitCode.SourceErrors;
  };
  const budgets = await loadBudgets(io);
  if ("diagnostics" in budgets) return failed(budgets.diagnostics);

  let files: RecordedFile[];
  if (options.from !== undefined) {
    const folder = toProjectPath(io, options.from);
    if ((await io.kindOf(folder)) !== "folder") {
      return failed([problem(folder, `${folder} is not a folder`, "pass the folder holding the recorded responses, e.g. --from cost-data (gh api --paginate --slurp … > cost-data/runs.json)")]);
    }
    const names = await jsonFilesUnder(io, folder);
    if (names.length === 0) return failed([problem(folder, `${folder} holds no *.json file`, "record responses first: gh api --paginate --slurp '/repos/OWNER/REPO/actions/runs' > runs.json")]);
    files = await Promise.all(names.map(async (name) => ({ name, text: (await io.readText(name)) ?? "" })));
  } else {
    const repo = options.repo ?? (await cloneOrigin(io));
    if (repo === undefined) return usage("this clone has no GitHub origin; name the repository with --repo OWNER/NAME");
    const transport = dependencies.transport ?? pickTransport(io);
    const fetched = await fetchResponses(transport, repo, selection, jobsCache(io, repo));
    if ("problem" in fetched) return failed([problem(repo, fetched.problem, fetched.hint)]);
    io.stderr(`trunkline cost: ${repo}: jobs of ${fetched.fetchedRuns} runs fetched, ${fetched.cachedRuns} from the cache\n`);
    files = fetched.files;
    if (save !== undefined) for (const file of files) await io.writeAtomic(`${save}/${file.name}`, file.text);
  }

  const runs: RunRecord[] = [];
  const jobs: JobRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const read = readResponses(file.name, file.text);
    // a loop, not push(...): a file can hold more records than a call takes arguments
    for (const run of read.runs) runs.push(run);
    for (const job of read.jobs) jobs.push(job);
    diagnostics.push(...read.diagnostics);
  }
  const inputs: CostInputs = { runs, jobs };
  if (diagnostics.length) return failed(diagnostics);

  const selected = selectRuns(inputs, selection);
  const orphans = orphanJobs({ runs: inputs.runs, jobs: inputs.jobs });
  if (orphans.length) io.stderr(`trunkline cost: ${orphans.length} job(s) belong to runs no file lists (e.g. run ${orphans[0]!.runId}); they are left out\n`);
  const report = computeCost(selected);
  const checks: BudgetCheck[] = checkBudgets(report, [...budgets.budgets, ...flagBudgets], since);
  io.stdout(formatCost(report, checks, options.format));
  const exceeded = describeExceeded(checks);
  for (const line of exceeded) io.stderr(`trunkline cost: ${line}\n`);
  return exceeded.length ? ExitCode.Problems : ExitCode.Ok;
}

function problem(file: string, message: string, hint: string): Diagnostic {
  return { rule: "cost", severity: "error", file, message, hint };
}

// Only the config is read (no sources): budgets live in its `cost` section.
async function loadBudgets(io: Io): Promise<{ budgets: CostBudget[] } | { diagnostics: Diagnostic[] }> {
  if ((await io.readText(CONFIG_FILE)) === undefined) return { budgets: [] };
  const loaded = await io.loadModules([CONFIG_FILE], "config");
  const module = loaded.modules.get(CONFIG_FILE);
  if (!module) return { diagnostics: loaded.diagnostics };
  const checked = checkConfig(module.default, await io.listFolders(`${SOURCE_DIR}/targets`));
  const cost = checked.config.cost;
  const found = [...loaded.diagnostics, ...checked.diagnostics, ...costConfigProblems(cost).map((message) => problem(CONFIG_FILE, message, "see README \"CI cost\""))];
  return found.length ? { diagnostics: found } : { budgets: cost?.budgets ?? [] };
}

// The origin of the clone, read from git's config (a worktree's .git file points at its git folder).
async function cloneOrigin(io: Io): Promise<string | undefined> {
  let gitDir = ".git";
  const pointer = (await io.kindOf(".git")) === "file" ? await io.readText(".git") : undefined;
  if (pointer !== undefined) {
    const target = /^gitdir:\s*(.+?)\s*$/m.exec(pointer)?.[1];
    if (target === undefined) return undefined;
    gitDir = path.resolve(io.root, target);
    const common = (await io.readText(`${gitDir}/commondir`))?.trim();
    if (common) gitDir = path.resolve(gitDir, common);
  }
  const config = await io.readText(`${gitDir}/config`);
  return config === undefined ? undefined : originRepo(config);
}

function pickTransport(io: Io): Transport {
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  return token ? tokenTransport(token) : ghTransport();
}

function jobsCache(io: Io, repo: string): JobsCache {
  const folder = `${CACHE_DIR}/${repo}`;
  return {
    read: (key) => io.readText(`${folder}/${key}`),
    write: (key, text) => io.writeAtomic(`${folder}/${key}`, text),
  };
}
