import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { readmeBlock, snippetTypeErrors } from "../support/readme-snippets.js";
import { createTempRepo } from "../support/temp-repo.js";

const SECTION = "## Typed expressions";
const block = (language: string) => readmeBlock(SECTION, language);
const typeErrors = snippetTypeErrors;

describe("README: Typed expressions", () => {
  it("issue 10.2: its example type-checks", () => {
    expect(typeErrors(block("ts"))).toEqual([]);
  }, 60_000);

  it("issue 10.2: its example generates the YAML shown", async () => {
    const repo = await createTempRepo({ "workflows-src/typed.ts": block("ts") });
    try {
      expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
      expect(await repo.read(".github/workflows/typed.yml")).toBe(block("yaml"));
    } finally {
      await repo.dispose();
    }
  });

  it("issue 10.2: a user who pastes its example sees no finding at gen", async () => {
    const repo = await createTempRepo({ "workflows-src/typed.ts": block("ts") });
    try {
      const gen = await repo.run(["gen", "--format", "json"]);
      expect(gen.code, gen.stderr).toBe(ExitCode.Ok);
      expect(JSON.parse(gen.stdout)).toEqual([]);
    } finally {
      await repo.dispose();
    }
  });
});
