import { describe, expect, it } from "vitest";
import rule from "../../src/rules/unpinned-action.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { createTempRepo } from "../support/temp-repo.js";
import { testRule } from "./_test-rule.js";

const steps = (...uses: string[]) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${uses.map((value) => `      - uses: ${value}\n`).join("")}`;

testRule(rule, {
  valid: [
    { name: "SHAs, local actions, docker images and first-party tags", yaml: steps("octo-org/lint@3d3c42e5aac5ba805825da76410c181273ba90b1", "octo-org/monorepo/sub/action@3d3c42e5aac5ba805825da76410c181273ba90b1", "./.github/actions/setup", "docker://alpine@sha256:" + "a".repeat(64), "actions/checkout@v5") },
    { name: "a reusable workflow by SHA, and a local one", yaml: "on: push\njobs:\n  a:\n    uses: octo-org/workflows/.github/workflows/ci.yml@3d3c42e5aac5ba805825da76410c181273ba90b1\n  b:\n    uses: ./.github/workflows/local.yml\n" },
  ],
  invalid: [
    { name: "a third-party tag and branch", yaml: steps("octo-org/lint@v2", "octo-org/tool@main"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }, { path: ["jobs", "a", "steps", 1, "uses"], line: 7, column: 15 }] },
    { name: "a short SHA", yaml: steps("octo-org/lint@3d3c42e"), errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
    { name: "a reusable workflow by tag", yaml: "on: push\njobs:\n  deploy:\n    uses: octo-org/workflows/.github/workflows/deploy.yml@v1\n", errors: [{ path: ["jobs", "deploy", "uses"], line: 4, column: 11 }] },
    { name: "first-party tags when the option requires SHAs everywhere", yaml: steps("actions/checkout@v5"), options: { allowTagPins: [] }, errors: [{ path: ["jobs", "a", "steps", 0, "uses"], line: 6, column: 15 }] },
  ],
});

describe("unpinned-action and the actions lockfile", () => {
  const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
  const LOCK = `${JSON.stringify({ lockfileVersion: 1, actions: { "octo-org/lint": { ref: "v2", tag: "v2.1.0", sha: SHA, metadataFile: "action.yml", metadataSha256: "0".repeat(64) } } }, null, 2)}\n`;

  it("issue 11.7: the hint names the commit and tag the lockfile locks the action to", async () => {
    const found = await lintYaml("workflow.yml", steps("octo-org/lint@v2", "octo-org/tool@v1"), {
      validators: async () => [],
      runRules: createRuleRunner({ rules: [rule], lockedActions: new Map([["octo-org/lint", { sha: SHA, tag: "v2.1.0" }]]) }),
    });
    expect(found.map((diagnostic) => diagnostic.hint)).toEqual([expect.stringContaining(`octo-org/lint@${SHA} # v2.1.0`), expect.stringContaining("trunkline actions add octo-org/tool@v1")]);
  });

  it("issue 11.7: trunkline lint reads trunkline.actions.lock.json for that hint", async () => {
    const repo = await createTempRepo({ "trunkline.actions.lock.json": LOCK, ".github/workflows/x.yml": steps("octo-org/lint@v2") });
    try {
      const result = await repo.run(["lint", "--format", "json"]);
      expect(result.code).toBe(1);
      const diagnostics = JSON.parse(result.stdout) as { rule: string; hint?: string }[];
      expect(diagnostics.find((diagnostic) => diagnostic.rule === "unpinned-action")?.hint).toContain(`octo-org/lint@${SHA} # v2.1.0`);
    } finally {
      await repo.dispose();
    }
  });
});
