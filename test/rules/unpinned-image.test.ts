import { describe, expect, it } from "vitest";
import rule from "../../src/rules/unpinned-image.js";
import { resolveLintSettings } from "../../src/rules/_settings.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { testRule } from "./_test-rule.js";

const DIGEST = `sha256:${"b".repeat(64)}`;

testRule(rule, {
  valid: [
    { name: "digests everywhere, and expressions", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20@${DIGEST}\n    services:\n      db:\n        image: postgres@${DIGEST}\n      cache:\n        image: \${{ vars.CACHE_IMAGE }}\n    steps:\n      - uses: docker://alpine:3@${DIGEST}\n` },
    { name: "issue 12.unpinned-image: every matrix value pinned by digest", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        image: ["node:20@${DIGEST}", "node:22@${DIGEST}"]\n    container: \${{ matrix.image }}\n    steps: [{ run: a }]\n` },
    { name: "issue 12.unpinned-image: a registry port is not a tag", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    container: localhost:5000/app@${DIGEST}\n    steps: [{ run: a }]\n` },
  ],
  invalid: [
    {
      name: "issue 12.unpinned-image: no tag, latest, and a matrix value without a digest",
      yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        db: ["postgres:16@${DIGEST}", "postgres:17"]\n        include:\n          - db: mysql\n    container: node\n    services:\n      cache:\n        image: redis:latest\n      db:\n        image: \${{ matrix.db }}\n    steps: [{ run: a }]\n`,
      errors: [
        { path: ["jobs", "a", "container"], line: 10, column: 16, severity: "error" },
        { path: ["jobs", "a", "services", "cache", "image"], line: 13, column: 16, severity: "error" },
        { path: ["jobs", "a", "services", "db", "image"], line: 15, column: 16, severity: "error" },
      ],
    },
    {
      name: "a container string, a container image, a service and a docker step",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20\n    services:\n      db:\n        image: postgres:16\n    steps:\n      - uses: docker://alpine:3\n  b:\n    runs-on: x\n    container:\n      image: ghcr.io/o/i:main\n    steps: [{ run: b }]\n",
      errors: [
        { path: ["jobs", "a", "container"], line: 5, column: 16 },
        { path: ["jobs", "a", "services", "db", "image"], line: 8, column: 16 },
        { path: ["jobs", "a", "steps", 0, "uses"], line: 10, column: 15 },
        { path: ["jobs", "b", "container", "image"], line: 14, column: 14 },
      ],
    },
  ],
});

describe("unpinned-image severities", () => {
  const images = `on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20\n    services:\n      cache:\n        image: redis\n      db:\n        image: postgres:latest\n    steps: [{ run: a }]\n`;
  const levels = async (config: unknown) => {
    const { settings, diagnostics } = resolveLintSettings(config, [rule], "trunkline.config.ts");
    expect(diagnostics).toEqual([]);
    const found = await lintYaml("workflow.yml", images, { validators: async () => [], runRules: createRuleRunner({ rules: [rule], settings }) });
    return found.map((diagnostic) => [diagnostic.path?.join("."), diagnostic.severity]);
  };

  it.each([
    ["no level in the config: a tag is a warning, no version an error", {}, ["warning", "error", "error"]],
    ["the config sets warning: every finding is a warning", { rules: { "unpinned-image": "warning" } }, ["warning", "warning", "warning"]],
    ["the config sets error: every finding is an error", { rules: { "unpinned-image": "error" } }, ["error", "error", "error"]],
  ] as const)("issue 12.2: %s", async (_, config, expected) => {
    expect(await levels(config)).toEqual([
      ["jobs.a.container", expected[0]],
      ["jobs.a.services.cache.image", expected[1]],
      ["jobs.a.services.db.image", expected[2]],
    ]);
  });
});
