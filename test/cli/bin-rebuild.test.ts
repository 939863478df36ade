import { spawnSync } from "node:child_process";
import { appendFile, cp, mkdtemp, rm, stat, symlink, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/temp-repo.js";

// A copy of the checkout, so that its bundles can be made stale without touching this one's.
describe("issue 13.3: the checkout's bin rebuilds whenever a file it is built from changed, and only then", () => {
  let checkout: string;
  const run = () => {
    const result = spawnSync(process.execPath, [path.join(checkout, "bin", "trunkline.js"), "--version"], { cwd: checkout, encoding: "utf8", timeout: 120_000, killSignal: "SIGKILL" });
    if (result.error) throw result.error;
    expect(result.status).toBe(0);
  };
  const builtAt = async () => (await stat(path.join(checkout, "dist", "cli.js"))).mtimeMs;
  // an edit in place, dated after the build: its folder's mtime does not move
  const editInPlace = async (file: string) => {
    const folder = path.dirname(path.join(checkout, file));
    const folderBefore = (await stat(folder)).mtimeMs;
    await appendFile(path.join(checkout, file), "\n");
    const later = new Date(Math.ceil(await builtAt()) + 1);
    await utimes(path.join(checkout, file), later, later);
    expect((await stat(folder)).mtimeMs).toBe(folderBefore);
  };

  beforeAll(async () => {
    checkout = await mkdtemp(path.join(tmpdir(), "trunkline-checkout-"));
    for (const entry of ["bin", "scripts", "src", "schema", "package.json", "tsconfig.json"]) await cp(path.join(REPO_ROOT, entry), path.join(checkout, entry), { recursive: true });
    await symlink(path.join(REPO_ROOT, "node_modules"), path.join(checkout, "node_modules"), "dir");
  }, 60_000);
  afterAll(async () => {
    await rm(checkout, { recursive: true, force: true });
  });

  it("issue 13.3: a file edited in place deep under src/ or schema/ rebuilds; nothing changed, nothing rebuilt", async () => {
    run();
    const first = await builtAt();
    run();
    expect(await builtAt()).toBe(first);
    await editInPlace("src/diagnostics/format/pretty.ts");
    run();
    const second = await builtAt();
    expect(second).toBeGreaterThan(first);
    run();
    expect(await builtAt()).toBe(second);
    await editInPlace("schema/validate-workflow.js");
    run();
    expect(await builtAt()).toBeGreaterThan(second);
  }, 180_000);
});
