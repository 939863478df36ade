import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** The first fenced block of `language` after `heading`. */
function blockAfter(heading: string, language: string): string {
  const section = readme.slice(readme.indexOf(heading));
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section);
  if (!match) throw new Error(`README has no ${language} block after "${heading}"`);
  return match[1]!;
}

describe("README", () => {
  it("shows the YAML its TypeScript example really generates", async () => {
    const repo = await createTempRepo({ "workflows-src/ci.ts": blockAfter("## A workflow in TypeScript", "ts") });
    try {
      expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
      expect(await repo.read(".github/workflows/ci.yml")).toBe(blockAfter("`npm run gen` writes", "yaml"));
    } finally {
      await repo.dispose();
    }
  });

  it("shows the two commands that work on a fresh clone", () => {
    expect(readme).toContain("npm ci && npm run gen");
    expect(readme).toContain("npm test");
  });
});
