import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { allRules } from "../../src/rules/index.js";
import { REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const SECTION = "## Branch protection from the same source";

/** The first fenced block of `language` in the section. */
function block(language: string): string {
  const section = readme.slice(readme.indexOf(SECTION));
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(section);
  if (!match) throw new Error(`README has no ${language} block under "${SECTION}"`);
  return match[1]!;
}

describe("README: Branch protection from the same source", () => {
  it("shows the ruleset JSON its TypeScript example really generates", async () => {
    const repo = await createTempRepo({ "workflows-src/ci.ts": block("ts") });
    try {
      expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
      expect(await repo.read(".github/rulesets/main.json")).toBe(block("json"));
      expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
    } finally {
      await repo.dispose();
    }
  });

  it("lists every rule that compares rulesets with workflows", () => {
    const section = readme.slice(readme.indexOf(SECTION), readme.indexOf("\n## ", readme.indexOf(SECTION) + 1));
    for (const rule of allRules.filter((candidate) => candidate.id.startsWith("required-check-"))) expect(section).toContain(`docs/rules/${rule.id}.md`);
  });
});
