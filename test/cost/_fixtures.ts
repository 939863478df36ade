import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CostInputs, type JobRecord, type RunRecord, readResponses } from "../../src/cost/index.js";

/** The folder of the hand-made recorded responses (README of the figures in cost-figures.test.ts). */
export const BASIC = fileURLToPath(new URL("./fixtures/basic", import.meta.url));

/** Every `*.json` file under a fixture folder: its path relative to the folder, and its text. */
export function fixtureFiles(folder: string): { name: string; text: string }[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(folder, name), "utf8") }));
}

/** The runs and jobs of a fixture folder, read as `--from` reads them; fails on any diagnostic. */
export function fixtureInputs(folder: string): CostInputs {
  const runs: RunRecord[] = [];
  const jobs: JobRecord[] = [];
  for (const file of fixtureFiles(folder)) {
    const read = readResponses(file.name, file.text);
    if (read.diagnostics.length) throw new Error(JSON.stringify(read.diagnostics));
    runs.push(...read.runs);
    jobs.push(...read.jobs);
  }
  return { runs, jobs };
}
