// A save that reaches the disk in steps (the old file renamed away, the new one renamed into
// place): a pass that started on the first step is abandoned once the next one comes in, so the
// output is never removed on the way and each save ends in one reported pass.
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeIo } from "../../src/io/node-io.js";
import type { Io } from "../../src/io/io.js";
import { watch } from "../../src/watch/index.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const WAIT_MS = 30_000;
const standalone = (name: string, command = `echo ${name}`) => `import { job, step, workflow } from "trunkline";
const t = job({ name: "T", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "${command}" })] });
export default workflow("${name}", { name: "${name}", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { t } });
`;

interface PassLine {
  changed: string[] | null;
  exitCode: number;
  written: string[];
  removed: string[];
}

// Polls until `done` holds, bounded.
async function until(done: () => boolean, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("gen --watch, a save in steps", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 13.3: a pass overtaken by the next step of the same save writes nothing; the pass after it writes the saved file, and no output is removed", async () => {
    repo = await createTempRepo({ "workflows-src/a.ts": standalone("a"), "workflows-src/c.ts": standalone("c") });
    const { root } = repo;
    let stdout = "";
    let stderr = "";
    const disk = createNodeIo(root, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, {});
    // Holds a pass between compiling and reading the disk, while the test takes the save's next step.
    let gate: Promise<void> | undefined;
    let held = false;
    const io: Io = {
      ...disk,
      listLeftovers: async (folders) => {
        if (gate) {
          held = true;
          await gate;
        }
        return disk.listLeftovers(folders);
      },
    };
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = watch({ command: "gen", force: false, format: "json", stop: stopped }, io);
    const passes = () => stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as PassLine);
    const output = () => `--- stdout\n${stdout}\n--- stderr\n${stderr}`;
    try {
      await until(() => passes().length === 1, "the first pass", output);
      expect(passes()[0]).toMatchObject({ exitCode: 0, written: [".github/workflows/a.yml", ".github/workflows/c.yml"] });

      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      // step 1: the editor moves the old file aside (a pass starts, and finds no c.ts)
      await rename(path.join(root, "workflows-src/c.ts"), path.join(root, "workflows-src/c.ts~"));
      await until(() => held, "the pass started by the first step", output);
      // step 2, while that pass runs: the new text is written aside and renamed into place
      await writeFile(path.join(root, "workflows-src/c.ts.tmp"), standalone("c", "echo saved"));
      await rename(path.join(root, "workflows-src/c.ts.tmp"), path.join(root, "workflows-src/c.ts"));
      // the event of step 2 reaches the watch while the first pass is held
      await new Promise((resolve) => setTimeout(resolve, 300));
      gate = undefined;
      release();

      await until(() => passes().length === 2, "the pass after the save", output);
      expect(passes()[1]).toMatchObject({ changed: ["workflows-src/c.ts"], exitCode: 0, written: [".github/workflows/c.yml"], removed: [] });
      expect(await repo.read(".github/workflows/c.yml")).toContain("echo saved");
      // nothing else comes of that save
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(passes()).toHaveLength(2);
    } finally {
      stop();
      expect(await running).toBe(0);
    }
  }, 2 * WAIT_MS);
});
