import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");

// The installed command, as a separate process: what `npm run gen` and CI run.
describe("bin/trunkline.js", () => {
  let repo: TempRepo;
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: repo.root, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } });
  beforeAll(async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": 'import { job, workflow } from "trunkline";\nconst t = job({ "runs-on": "ubuntu-latest", steps: [{ run: "make" }] });\nexport default workflow("ci", { on: "push", jobs: { t } });\n',
    });
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("exits with the documented codes", async () => {
    expect(run("gen").status).toBe(0);
    expect(run("check").status).toBe(0);
    await repo.write(".github/workflows/ci.yml", `${await repo.read(".github/workflows/ci.yml")}# edited\n`);
    expect(run("check").status).toBe(1);
    await repo.write("workflows-src/ci.ts", "export default 1;\n");
    expect(run("gen").status).toBe(2);
    expect(run("--bogus").status).toBe(3);
  });
});
