// `trunkline gen --watch` over `size` synthetic sources: the time from saving one source to its
// regenerated file on disk, as the user waits for it. The process keeps running between saves.
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createSyntheticRepo } from "./synthetic-sources.js";
import { type Timing, summarize } from "./time-command.js";

// every wait is bounded: a watch that does not answer fails the bench, and is killed
const FIRST_PASS_MS = 300_000;
const SAVE_MS = 30_000;
// quiet time between saves, so that each save is a pass of its own
const SETTLE_MS = 100;

/** One pass as `gen --watch --format json` prints it (README "Watch mode"). */
interface PassLine {
  exitCode: number;
  written: string[];
}

/**
 * Saves source 0 `runs` times (after one untimed save), each time waiting for the pass line that
 * names its output written, and checks the file on disk holds the edit.
 */
export async function benchWatch(size: number, options: { trunklineRoot: string; bin: string; runs: number; progress: (text: string) => void }): Promise<Timing> {
  const repo = createSyntheticRepo(options.trunklineRoot, size);
  const child = spawn(process.execPath, [options.bin, "gen", "--watch", "--format", "json"], { cwd: repo.root, env: { ...process.env, GITHUB_ACTIONS: "" } });
  let stderr = "";
  let buffered = "";
  const waiting: ((pass: PassLine) => void)[] = [];
  child.stderr.on("data", (chunk) => void (stderr += chunk));
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      waiting.shift()?.(JSON.parse(line) as PassLine);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const nextPass = (ms: number) =>
    new Promise<PassLine>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gen --watch printed no pass within ${ms} ms\n--- stderr\n${stderr}`)), ms);
      waiting.push((pass) => {
        clearTimeout(timer);
        resolve(pass);
      });
    });
  try {
    options.progress(`gen --watch, ${size} sources, first pass …\n`);
    const first = await nextPass(FIRST_PASS_MS);
    if (first.exitCode !== 0 || first.written.length !== size) throw new Error(`the first pass of gen --watch wrote ${first.written.length} of ${size} workflows\n--- stderr\n${stderr}`);
    const source = path.join(repo.root, repo.sourceFile(0));
    const output = ".github/workflows/wf-0.yml";
    const samples: number[] = [];
    for (let save = 0; save <= options.runs; save++) {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const text = readFileSync(source, "utf8").replace(/npm ci( # edit \d+)?/, `npm ci # edit ${save}`);
      const pass = nextPass(SAVE_MS);
      const start = process.hrtime.bigint();
      writeFileSync(source, text);
      const done = await pass;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (done.exitCode !== 0 || done.written.join() !== output) throw new Error(`a save of ${repo.sourceFile(0)} wrote ${done.written.join(", ") || "nothing"}\n--- stderr\n${stderr}`);
      if (!readFileSync(path.join(repo.root, output), "utf8").includes(`npm ci # edit ${save}`)) throw new Error(`${output} does not hold the saved edit`);
      if (save > 0) samples.push(elapsed); // the first save warms up
    }
    child.kill("SIGINT");
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), SAVE_MS))]);
    if (code !== 0) throw new Error(`gen --watch ended with ${String(code)} after SIGINT\n--- stderr\n${stderr}`);
    return summarize(samples);
  } finally {
    child.kill("SIGKILL");
    repo.dispose();
  }
}
