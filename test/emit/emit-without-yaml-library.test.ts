import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";

// Emitting writes the text itself: the yaml package's document tree cost a third of a cold `gen`.
// Any use of the package on the emit path fails here.
vi.mock("yaml", () => ({}));

describe("emitYaml without the yaml package", () => {
  it("issue 13.3: a workflow is emitted, byte for byte as its golden file, with no use of the yaml package", async () => {
    const { emitYaml } = await import("../../src/emit/emit-yaml.js");
    const { normalizeSource } = await import("../../src/normalize/normalize-source.js");
    const file = "test/golden/scripts-and-scalars/source.ts";
    const exports = (await import("../golden/scripts-and-scalars/source.js")) as Record<string, unknown>;
    const { workflows, diagnostics } = normalizeSource({ file, exports: { ...exports } });
    expect(diagnostics).toEqual([]);
    const golden = readFileSync(new URL("../golden/scripts-and-scalars/scalars.yml", import.meta.url), "utf8");
    expect(workflows.map((workflow) => emitYaml(workflow.model, file))).toEqual([golden]);
  });
});
