import { utimes } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type BuildContexts, loadModules } from "../../src/load/load-modules.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// imports a package, as sources do: the kept build remembers where it resolved (TypeScript, so
// it is compiled rather than imported as it is)
const source = (value: string) => `import { workflow } from "trunkline";\nexport const value = (typeof workflow === "function" ? "${value}" : "no trunkline") satisfies string;\n`;

describe("loadModules with kept builds", () => {
  let repo: TempRepo | undefined;
  const builds: BuildContexts = new Map();
  afterEach(async () => {
    for (const context of builds.values()) await (await context).dispose();
    builds.clear();
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 13.3: a source built again rebuilds the context kept for it, and its module holds the new text", async () => {
    repo = await createTempRepo({ "workflows-src/a.ts": source("first") });
    const first = await loadModules(repo.root, ["workflows-src/a.ts"], "sources", { builds });
    expect(first.diagnostics).toEqual([]);
    expect(first.modules.get("workflows-src/a.ts")!.value).toBe("first");
    expect([...builds.keys()]).toEqual([[path.join(repo.root, ".trunkline/cache/sources"), "workflows-src/a.ts"].join("\0")]);
    const kept = builds.values().next().value;

    await repo.write("workflows-src/a.ts", source("second"));
    // a later mtime, so the change is seen however coarse the file system's clock
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(repo.root, "workflows-src/a.ts"), later, later);
    const second = await loadModules(repo.root, ["workflows-src/a.ts"], "sources", { builds });
    expect(second.diagnostics).toEqual([]);
    expect(second.modules.get("workflows-src/a.ts")!.value).toBe("second");
    expect(builds.size).toBe(1);
    expect(builds.values().next().value).toBe(kept);
  });
});
