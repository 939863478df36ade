// The default validators run the JSON Schema only on a workflow GitHub's parser finds fault with
// (default-validators.ts). That is sound only while the schema finds nothing the parser passes: this
// holds both to it on every workflow the project can read that no one here wrote, on each of them
// with one mistake made in it, and on the bench's lint corpus.
import { existsSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { realWorldWorkflow } from "../../scripts/bench/lint-corpus.js";
import type { JsonObject } from "../../src/model/json.js";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { yamlValue } from "../../src/validate/yaml-value.js";
import { corpusWorkflows } from "../support/corpus-workflows.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { mutants } from "../support/workflow-mutations.js";

const CORPORA = path.resolve(REPO_ROOT, "../shared/corpora");
const isCorpusPresent = existsSync(CORPORA);
if (!isCorpusPresent) console.info(`schema-within-parser skipped: ${CORPORA} is absent (it lives beside the repository, not in it)`);

// A workflow as data, or undefined for one that is not (a YAML error, an alias to nothing): the
// schema never sees those.
function asData(text: string): JsonObject | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length) return undefined;
  const read = yamlValue(document, lineCounter);
  return read.problems.length ? undefined : (read.value as JsonObject);
}

describe.skipIf(!isCorpusPresent)("the schema finds fault only where GitHub's parser does", () => {
  it("issue 12: on every corpus workflow, each with one mistake made in it, and the bench corpus, a workflow with a schema finding has a parser finding", async () => {
    const read = corpusWorkflows(["actionlint-ok", "schemastore/valid", "schemastore/invalid", "github-parser/reader"].map((folder) => path.join(CORPORA, folder)));
    const corpus = read.map(({ folder, name, workflow }) => ({ name: `${path.basename(folder)}/${name}`, text: workflow }));
    const clean = corpus.filter(({ name }) => name.startsWith("actionlint-ok/") || name.startsWith("valid/"));
    const workflows = [
      ...corpus,
      ...mutants(clean, 4).map(({ path: name, text }) => ({ name, text })),
      ...Array.from({ length: 300 }, (_, index) => ({ name: `bench/${index}.yml`, text: realWorldWorkflow(index) })),
    ];
    const schemaOnly: string[] = [];
    let schemaFaulted = 0;
    let checked = 0;
    for (const { name, text } of workflows) {
      const model = asData(text);
      if (!model) continue;
      checked++;
      const schemaFound = validateSchema(model, name);
      if (schemaFound.length === 0) continue;
      schemaFaulted++;
      if ((await validateWithParser(text, name)).length === 0) schemaOnly.push(`${name}: ${schemaFound.map((finding) => finding.message).join("; ")}`);
    }
    expect(schemaOnly).toEqual([]);
    // not a comparison of empty lists: the schema does find fault with hundreds of these
    expect(checked).toBeGreaterThan(1_500);
    expect(schemaFaulted).toBeGreaterThan(200);
  }, 120_000);

  it("issue 12: the default validators give the schema's findings, then the parser's, on a workflow both find fault with; nothing on a clean one", async () => {
    const [validate] = await defaultValidators();
    const faulted = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    bogus-key: 1\n    steps:\n      - run: echo ${{ nope.thing }}\n";
    const model = asData(faulted)!;
    const found = await validate!({ model, text: faulted, file: "ci.yml" });
    const schemaFound = validateSchema(model, "ci.yml");
    expect(schemaFound.length).toBeGreaterThan(0);
    expect(found).toEqual([...schemaFound, ...(await validateWithParser(faulted, "ci.yml"))]);
    const clean = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n";
    expect(await validate!({ model: asData(clean)!, text: clean, file: "ci.yml" })).toEqual([]);
  });
});
