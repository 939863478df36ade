import { describe, expect, it } from "vitest";
import { registerSources } from "../../src/importer/register-sources.js";

const web = { name: "web", sources: ["ci/web/*.ts"], outDir: "apps/web/.github/workflows" };

describe("registerSources", () => {
  it("adds a glob to a target's sources, keeping the layout", () => {
    const oneLine = 'export default defineConfig({ targets: [{ name: "web", sources: ["ci/web/*.ts"], outDir: "x" }] });\n';
    expect(registerSources(oneLine, web, "imported/*.ts", false)).toBe('export default defineConfig({ targets: [{ name: "web", sources: ["ci/web/*.ts", "imported/*.ts"], outDir: "x" }] });\n');
    const multiLine = 'defineConfig({\n  targets: [\n    {\n      name: "web",\n      sources: [\n        "ci/web/*.ts",\n      ],\n    },\n  ],\n});\n';
    expect(registerSources(multiLine, web, "imported/*.ts", false)).toBe('defineConfig({\n  targets: [\n    {\n      name: "web",\n      sources: [\n        "ci/web/*.ts",\n        "imported/*.ts",\n      ],\n    },\n  ],\n});\n');
  });

  it("changes the right target when several are listed", () => {
    const config = 'defineConfig({ targets: [{ name: "api", sources: ["a/*.ts"], outDir: "a" }, { name: "web", sources: ["w/*.ts"], outDir: "w" }] })';
    expect(registerSources(config, web, "new/*.ts", false)).toBe('defineConfig({ targets: [{ name: "api", sources: ["a/*.ts"], outDir: "a" }, { name: "web", sources: ["w/*.ts", "new/*.ts"], outDir: "w" }] })');
  });

  it("adds a new target, ignoring look-alikes in comments and strings", () => {
    const config = '// targets: [ old ]\nconst note = "targets: [";\nexport default defineConfig({\n  targets: [\n    { name: "web", sources: ["w/*.ts"], outDir: "w" },\n  ],\n});\n';
    const edited = registerSources(config, { name: "api", sources: [], outDir: "apps/api/.github/workflows" }, "workflows-src/api/*.ts", true);
    expect(edited).toBe('// targets: [ old ]\nconst note = "targets: [";\nexport default defineConfig({\n  targets: [\n    { name: "web", sources: ["w/*.ts"], outDir: "w" },\n    { name: "api", sources: ["workflows-src/api/*.ts"], outDir: "apps/api/.github/workflows" },\n  ],\n});\n');
  });

  it("gives up on a config it cannot edit safely", () => {
    expect(registerSources("export default defineConfig({ targets: makeTargets() });\n", web, "x/*.ts", true)).toBeUndefined();
    expect(registerSources('export default defineConfig({ targets: [{ name: "web", sources: globs, outDir: "w" }] });\n', web, "x/*.ts", false)).toBeUndefined();
    expect(registerSources('export default defineConfig({ targets: [{ name: "api", sources: [], outDir: "a" }] });\n', web, "x/*.ts", false)).toBeUndefined();
  });
});
