import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Every golden case: a folder with source.ts and one expected YAML file per workflow it exports. */
export const GOLDEN_CASES = readdirSync(here, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

describe("golden YAML", () => {
  it.each(GOLDEN_CASES)("%s", async (name) => {
    const exports = (await import(`./${name}/source.ts`)) as Record<string, unknown>;
    const { workflows, diagnostics } = normalizeSource({ file: `test/golden/${name}/source.ts`, exports: { ...exports } });
    expect(diagnostics).toEqual([]);
    expect(workflows.length).toBeGreaterThan(0);
    for (const workflow of workflows) {
      await expect(emitYaml(workflow.model, `test/golden/${name}/source.ts`)).toMatchFileSnapshot(`./${name}/${workflow.fileName}`);
    }
  });
});
