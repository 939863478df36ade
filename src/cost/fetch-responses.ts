import { type RunSelection, isWorkflow } from "./select-runs.js";
import type { Transport } from "./transport.js";

/** A recorded response file: its name under `--save DIR`, and its text (an array of pages). */
export interface RecordedFile {
  name: string;
  text: string;
}

/** Where the jobs of finished runs are kept, so the next report fetches only new runs. */
export interface JobsCache {
  read(key: string): Promise<string | undefined>;
  write(key: string, text: string): Promise<void>;
}

/** What was fetched, or why not. */
export type FetchResult = { files: RecordedFile[]; fetchedRuns: number; cachedRuns: number } | { problem: string; hint: string };

// GitHub lists at most 1,000 runs for one query; 100 pages of 100 also stops a server that loops.
const MAX_PAGES = 100;
const CONCURRENT_REQUESTS = 4;

/**
 * Fetches the runs of `repo` created since `since` and the jobs of every attempt of each, page by
 * page, as files `--from` reads back: `runs.json`, `jobs-<run id>-<attempt>.json`. The jobs of a
 * completed run never change, so they come from `cache` when it has them. Runs of other workflows
 * than `selection.workflow` are listed, but their jobs are not fetched.
 */
export async function fetchResponses(transport: Transport, repo: string, selection: RunSelection, cache: JobsCache): Promise<FetchResult> {
  const { since, workflow } = selection;
  const created = since === undefined ? "" : `&created=${encodeURIComponent(`>=${new Date(since).toISOString().replace(/\.\d{3}Z$/, "Z")}`)}`;
  const runPages = await fetchPages(transport, `/repos/${repo}/actions/runs?per_page=100${created}`);
  if ("problem" in runPages) return runPages;
  const files: RecordedFile[] = [{ name: "runs.json", text: slurp(runPages.bodies) }];
  // A run can appear on two pages when a new run shifts the list while it is read.
  const runs = new Map<number, { attempt: number; completed: boolean }>();
  for (const body of runPages.bodies) {
    for (const run of (JSON.parse(body) as { workflow_runs?: { id: number; run_attempt?: number; status?: string; path?: string; name?: string }[] }).workflow_runs ?? []) {
      if (workflow !== undefined && !isWorkflow({ path: run.path ?? "", name: run.name ?? "" }, workflow)) continue;
      runs.set(run.id, { attempt: run.run_attempt ?? 1, completed: run.status === "completed" });
    }
  }
  let fetchedRuns = 0;
  let cachedRuns = 0;
  let refused: { problem: string; hint: string } | undefined;
  const entries = [...runs];
  const jobFiles: RecordedFile[] = new Array(entries.length);
  // A few requests at a time: a week of a busy repository is hundreds of runs, one request or more each.
  let nextIndex = 0;
  const worker = async () => {
    while (refused === undefined && nextIndex < entries.length) {
      const index = nextIndex++;
      const [id, run] = entries[index]!;
      const name = `jobs-${id}-${run.attempt}.json`;
      const cached = run.completed ? await cache.read(name) : undefined;
      if (cached !== undefined) {
        cachedRuns++;
        jobFiles[index] = { name, text: cached };
        continue;
      }
      // filter=all: the jobs of every attempt, not only the latest one's
      const jobPages = await fetchPages(transport, `/repos/${repo}/actions/runs/${id}/jobs?filter=all&per_page=100`);
      if ("problem" in jobPages) {
        refused ??= jobPages;
        return;
      }
      const text = slurp(jobPages.bodies);
      fetchedRuns++;
      jobFiles[index] = { name, text };
      if (run.completed) await cache.write(name, text);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_REQUESTS, entries.length) }, worker));
  if (refused) return refused;
  files.push(...jobFiles);
  return { files, fetchedRuns, cachedRuns };
}

async function fetchPages(transport: Transport, first: string): Promise<{ bodies: string[] } | { problem: string; hint: string }> {
  const bodies: string[] = [];
  for (let path: string | undefined = first; path !== undefined; ) {
    if (bodies.length >= MAX_PAGES) return { problem: `GET ${first} returned more than ${MAX_PAGES} pages`, hint: "narrow it with --since or --workflow" };
    let page;
    try {
      page = await transport.get(path);
    } catch (error) {
      return { problem: `GET ${path} failed: ${(error as Error).message}`, hint: transport.signInHint };
    }
    if (page.status !== 200) {
      return { problem: `GET ${path} answered ${page.status}${statusMeaning(page.status)}`, hint: page.status === 404 ? `check --repo (OWNER/NAME); ${transport.signInHint}` : transport.signInHint };
    }
    try {
      JSON.parse(page.body);
    } catch {
      return { problem: `GET ${path} answered something that is not JSON`, hint: "try again later" };
    }
    bodies.push(page.body);
    path = page.next;
  }
  return { bodies };
}

function statusMeaning(status: number): string {
  return status === 401 ? " (not signed in)" : status === 403 ? " (forbidden, or rate-limited)" : status === 404 ? " (no such repository, or no access to it)" : "";
}

// The shape `gh api --paginate --slurp` writes: one array of every page's response.
function slurp(bodies: readonly string[]): string {
  return `[${bodies.map((body) => body.trim()).join(",\n")}]\n`;
}
