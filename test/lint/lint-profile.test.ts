import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const WORKFLOW = `on: pull_request
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: npm test
`;

// The table's rows: name → calls, read from the lines after its header.
function profileRows(stderr: string): Map<string, number> {
  const rows = new Map<string, number>();
  for (const line of stderr.split("\n")) {
    const match = /^\s*(\d+\.\d)\s+(\d+\.\d)%\s+(\d+)\s+(.+)$/.exec(line);
    if (match) rows.set(match[4]!, Number(match[3]));
  }
  return rows;
}

describe("lint profile", () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await createTempRepo({ ".github/workflows/a.yml": WORKFLOW, ".github/workflows/b.yml": WORKFLOW.replace("npm test", "npm run lint") });
  });
  afterAll(async () => {
    await repo.dispose();
  });

  it("issue 12.1: TRUNKLINE_PROFILE_RULES=1 prints each stage's and each rule's time to stderr, findings unchanged", async () => {
    const plain = await repo.run(["lint", ".github/workflows", "--format", "json"]);
    expect(plain.stderr).not.toContain("lint profile");
    const profiled = await repo.run(["lint", ".github/workflows", "--format", "json"], { TRUNKLINE_PROFILE_RULES: "1" });
    expect(profiled.code).toBe(plain.code);
    expect(JSON.parse(profiled.stdout)).toEqual(JSON.parse(plain.stdout));
    expect(profiled.stderr).toMatch(/lint profile: 2 file\(s\) on one thread/);
    const rows = profileRows(profiled.stderr);
    // the cache of the first run knows a.yml and b.yml passed the validators; the rules still run on both
    expect(rows.get("stage: YAML parse")).toBe(2);
    expect(rows.get("stage: rules (all)")).toBe(2);
    // one step hook call per step: two steps in each of two files
    expect(rows.get("rule: script-injection")).toBe(4);
    expect(rows.get("rule: permissions-missing")).toBe(2);
  });

  it("issue 12.1: a cold profiled run times GitHub's parser on every file, and the schema on each it finds fault with", async () => {
    const faulted = WORKFLOW.replace("timeout-minutes: 10", "timeout-minutes: 10\n    bogus-key: 1");
    const fresh = await createTempRepo({ ".github/workflows/a.yml": WORKFLOW, ".github/workflows/b.yml": WORKFLOW.replace("npm test", "npm run lint"), ".github/workflows/c.yml": faulted });
    try {
      const profiled = await fresh.run(["lint", ".github/workflows"], { TRUNKLINE_PROFILE_RULES: "1" });
      const rows = profileRows(profiled.stderr);
      expect(rows.get("stage: GitHub's parser")).toBe(3);
      expect(rows.get("stage: schema")).toBe(1);
    } finally {
      await fresh.dispose();
    }
  });
});
