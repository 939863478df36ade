import { describe, expect, it } from "vitest";
import { readWorkflowYaml } from "../../src/importer/read-workflow-yaml.js";
import { workflowToTs } from "../../src/importer/workflow-to-ts.js";
import { bundledActionCatalog } from "../../src/rules/_action-catalog.js";
import { HAS_CORPORA, readCorpusInputs } from "./corpus-inputs.js";

const CORPORA = ["actionlint-ok", "schemastore-valid", "github-parser"] as const;

// The share of `${{ }}` expressions the importer writes typed. A floor below today's figure: a
// change that makes the importer write fewer typed forms fails here and must say why.
const TYPED_FLOOR = 0.4;
// The same for the reads of `steps.<id>.outputs.<name>`, written typed where the step's outputs are proven.
const STEP_OUTPUTS_FLOOR = 0.4;

describe.skipIf(!HAS_CORPORA)("typed share of a real-world import", () => {
  it("issue 10.5: the importer writes a measured share of the corpora's expressions typed, and prints it", async () => {
    const inputs = await readCorpusInputs();
    let total = 0;
    let typed = 0;
    let stepOutputs = 0;
    let typedStepOutputs = 0;
    const lines: string[] = [];
    for (const corpus of CORPORA) {
      let corpusTotal = 0;
      let corpusTyped = 0;
      let corpusStepOutputs = 0;
      let corpusTypedStepOutputs = 0;
      for (const file of inputs[corpus]) {
        const { workflow } = readWorkflowYaml(file.text);
        if (!workflow) continue;
        // as `import` runs without a lockfile: the bundled popular actions name their outputs
        const { expressions } = workflowToTs({ workflow, fileName: file.name, actions: bundledActionCatalog() });
        expect(expressions.typed).toBeLessThanOrEqual(expressions.total);
        corpusTotal += expressions.total;
        corpusTyped += expressions.typed;
        expect(expressions.typedStepOutputs).toBeLessThanOrEqual(expressions.stepOutputs);
        corpusStepOutputs += expressions.stepOutputs;
        corpusTypedStepOutputs += expressions.typedStepOutputs;
      }
      lines.push(`${corpus}: ${corpusTyped} typed, ${corpusTotal - corpusTyped} as strings, of ${corpusTotal} (${percent(corpusTyped, corpusTotal)}); step outputs: ${corpusTypedStepOutputs} of ${corpusStepOutputs} typed`);
      total += corpusTotal;
      typed += corpusTyped;
      stepOutputs += corpusStepOutputs;
      typedStepOutputs += corpusTypedStepOutputs;
    }
    lines.push(`all: ${typed} typed, ${total - typed} as strings, of ${total} (${percent(typed, total)}); step outputs: ${typedStepOutputs} of ${stepOutputs} typed (${percent(typedStepOutputs, stepOutputs)})`);
    console.info(lines.join("\n"));
    expect(total).toBeGreaterThan(400);
    expect(typed / total).toBeGreaterThanOrEqual(TYPED_FLOOR);
    expect(stepOutputs).toBeGreaterThan(30);
    expect(typedStepOutputs / stepOutputs).toBeGreaterThanOrEqual(STEP_OUTPUTS_FLOOR);
  });
});

function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
}
