import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { README, readmeBlock, snippetTypeErrors } from "../support/readme-snippets.js";
import { createTempRepo } from "../support/temp-repo.js";

const LEAD = "## A workflow in TypeScript";

describe("README", () => {
  it("shows the YAML its TypeScript example really generates", async () => {
    const repo = await createTempRepo({ "workflows-src/ci.ts": readmeBlock(LEAD, "ts") });
    try {
      expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
      expect(await repo.read(".github/workflows/ci.yml")).toBe(readmeBlock("`npm run gen` writes", "yaml"));
    } finally {
      await repo.dispose();
    }
  });

  it("issue 10.5: its lead example type-checks and writes its expressions in typed forms, not strings", () => {
    const lead = readmeBlock(LEAD, "ts");
    expect(snippetTypeErrors(lead)).toEqual([]);
    expect(lead).not.toContain("${{");
    for (const typed of ["job.using(", "matrix.", "inputsOf(", "expr`", "needs: ["]) expect(lead).toContain(typed);
  }, 60_000);

  it("shows the two commands that work on a fresh clone", () => {
    expect(README).toContain("npm ci && npm run gen");
    expect(README).toContain("npm test");
  });
});
