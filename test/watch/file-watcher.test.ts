import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { watchFiles } from "../../src/watch/file-watcher.js";

// Collects the batches a watch hands over until `wanted` files were seen, bounded.
async function changesUntil(root: string, recursive: boolean, act: () => Promise<void>, wanted: string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const watch = watchFiles({ root, trees: ["src"], files: ["config.ts"], recursive, accept: (file) => file.endsWith(".ts"), debounceMs: 10, onChange: (changed) => changed.forEach((file) => seen.add(file)), onProblem: (problem) => seen.add(`problem: ${problem}`) });
  try {
    await act();
    const deadline = Date.now() + 10_000;
    while (!wanted.every((file) => seen.has(file)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return seen;
  } finally {
    watch.close();
  }
}

describe("watchFiles", () => {
  for (const recursive of [true, false]) {
    it(`issue 13.2: ${recursive ? "recursively" : "folder by folder"}, sees edits deep in the tree, a new folder's files and the single files, not what it does not accept`, async () => {
      const root = await mkdtemp(path.join(tmpdir(), "trunkline-watch-"));
      try {
        await mkdir(path.join(root, "src", "lib"), { recursive: true });
        await writeFile(path.join(root, "src", "lib", "helper.ts"), "export const a = 1;\n");
        const seen = await changesUntil(
          root,
          recursive,
          async () => {
            await writeFile(path.join(root, "src", "lib", "helper.ts"), "export const a = 2;\n");
            await writeFile(path.join(root, "src", "notes.txt"), "not a source\n");
            await writeFile(path.join(root, "config.ts"), "export default {};\n");
            await writeFile(path.join(root, "other.ts"), "not watched\n");
            await mkdir(path.join(root, "src", "added"));
            // a folder-by-folder watch starts watching the new folder on its event: give it that moment
            await new Promise((resolve) => setTimeout(resolve, 100));
            await writeFile(path.join(root, "src", "added", "new.ts"), "export const b = 1;\n");
          },
          ["src/lib/helper.ts", "config.ts", "src/added/new.ts"],
        );
        expect([...seen].sort()).toEqual(["config.ts", "src/added/new.ts", "src/lib/helper.ts"]);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  }

  it("issue 13.3: with a state per file, hands a complete save over at once, drops an event that leaves a file as it was handed over, and waits for quiet while a file is empty", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "trunkline-watch-"));
    const batches: string[][] = [];
    const stateOf = (file: string) => {
      const text = readFileSync(path.join(root, file), { encoding: "utf8", flag: "r" });
      return text === "" ? undefined : text;
    };
    await mkdir(path.join(root, "src"));
    await writeFile(path.join(root, "src", "a.ts"), "export const a = 1;\n");
    // a day of quiet: only the state can hand a batch over here
    const watch = watchFiles({ root, trees: ["src"], files: [], accept: (file) => file.endsWith(".ts"), debounceMs: 86_400_000, stateOf, onChange: (changed) => batches.push([...changed]), onProblem: (problem) => batches.push([`problem: ${problem}`]) });
    // until `count` batches came (bounded), and a moment more for anything else to come
    const settle = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while (batches.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));
    };
    try {
      await writeFile(path.join(root, "src", "a.ts"), "export const a = 2;\n");
      await settle(1);
      expect(batches).toEqual([["src/a.ts"]]);
      // the same text again: nothing new to hand over
      await writeFile(path.join(root, "src", "a.ts"), "export const a = 2;\n");
      await settle(1);
      expect(batches).toHaveLength(1);
      // emptied (a save under way): held back, then handed over once it has text
      await writeFile(path.join(root, "src", "a.ts"), "");
      await settle(1);
      expect(batches).toHaveLength(1);
      await writeFile(path.join(root, "src", "a.ts"), "export const a = 3;\n");
      await settle(2);
      expect(batches).toEqual([["src/a.ts"], ["src/a.ts"]]);
    } finally {
      watch.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
