import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeIo } from "../../src/io/node-io.js";

describe("writeAtomic", () => {
  it("issue 13.3: makes the target's folder and the temporary folder (which ignores itself) only when missing, also when they go away between writes", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "trunkline-write-"));
    try {
      const io = createNodeIo(root, { stdout: () => undefined, stderr: () => undefined }, {});
      await io.writeAtomic(".github/workflows/a.yml", "a: 1\n");
      await io.writeAtomic(".github/workflows/b.yml", "b: 1\n");
      expect(await readFile(path.join(root, ".github/workflows/a.yml"), "utf8")).toBe("a: 1\n");
      expect(await readdir(path.join(root, ".trunkline/tmp"))).toEqual([".gitignore"]);
      expect(await readFile(path.join(root, ".trunkline/tmp/.gitignore"), "utf8")).toBe("*\n");
      // both folders removed (a clean of the checkout): the next write makes them again
      await rm(path.join(root, ".trunkline"), { recursive: true });
      await rm(path.join(root, ".github"), { recursive: true });
      await io.writeAtomic(".github/workflows/a.yml", "a: 2\n");
      expect(await readFile(path.join(root, ".github/workflows/a.yml"), "utf8")).toBe("a: 2\n");
      expect(await readdir(path.join(root, ".trunkline/tmp"))).toEqual([".gitignore"]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
