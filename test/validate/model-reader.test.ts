import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseDocument } from "yaml";
import { YamlObjectReader } from "@actions/workflow-parser/workflows/yaml-object-reader";
import { writeYaml } from "../../src/emit/yaml-writer.js";
import type { Json, JsonObject } from "../../src/model/json.js";
import { ModelReader } from "../../src/validate/model-reader.js";
import { PARSER_YAML_OPTIONS } from "../../src/validate/parsed-yaml.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { corpusWorkflows } from "../support/corpus-workflows.js";
import { generatedFiles } from "../support/generated-files.js";
import { readerEvents } from "../support/reader-events.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// The events GitHub's own reader gives for `text`, and those of the value it was written from.
const readBoth = (model: JsonObject, text: string) => ({
  github: readerEvents(new YamlObjectReader(3, text), { places: false }),
  ours: readerEvents(new ModelReader(model, 3), { places: false }),
});

// Scalars YAML would misread if written plain, every kind of value, empty collections, multi-line
// scripts with expressions, and keys that are numbers or booleans to YAML 1.1.
const TRICKY: JsonObject = {
  name: "tricky: ${{ github.ref }}",
  on: { push: { branches: ["main", "release/*", "yes", "on"] }, workflow_dispatch: { inputs: { n: { type: "number", default: 3 } } } },
  env: { A: 1, B: 2.5, C: true, D: null, E: "null", F: "0x1F", G: "3.10", H: "", I: " lead", J: "trail ", K: "a\tb", L: "\u0085", M: -0, N: 1e21 },
  jobs: {
    "1": { "runs-on": "ubuntu-latest", steps: [{ run: "echo ${{ github.sha }}\necho two\n" }, { run: "keep\n\n\n" }, { run: "  indented\nnext" }] },
    true: { "runs-on": ["self-hosted", "linux"], steps: [{ uses: "actions/checkout@v4", with: { empty: "", list: "", map: "" } }] },
    build: { "runs-on": "ubuntu-latest", strategy: { matrix: { os: [], include: [{}], node: [18, 20] } }, steps: [{ run: "x", "continue-on-error": false }] },
  },
};

// every YAML file the project generates, as text
const generatedWorkflows = () => generatedFiles().map((file) => ({ file, text: readFileSync(path.join(REPO_ROOT, file), "utf8") }));

describe("GitHub's parser reading an emitted value", () => {
  it("issue 13 (speed): gives the events and values GitHub's reader gives for the text the emitter writes", () => {
    const { github, ours } = readBoth(TRICKY, writeYaml(TRICKY));
    expect(github.length).toBeGreaterThan(80);
    expect(ours).toEqual(github);
  });

  // Values of any shape, with text YAML reads as something else when written plain.
  const TEXT = ["yes", "on", "null", "~", "", "3.10", "0o17", "1e3", ".inf", "- a", "a: b", "# c", "|", "*x", "&x", "!t", " lead", "trail ", "a\nb\n", "x\n\n", "\ttab", "${{ github.sha }}", "é😀", "\u2028"];
  const { value } = fc.letrec<{ value: Json; map: JsonObject; list: Json[] }>((tie) => ({
    value: fc.oneof({ depthSize: "small" }, fc.constantFrom<Json>(...TEXT, null, true, 0, -1.5, 1e21), fc.string({ maxLength: 12 }), tie("map"), tie("list")),
    map: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TEXT), fc.string({ maxLength: 6 })), tie("value")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
    list: fc.array(tie("value"), { maxLength: 4 }),
  }));
  it("issue 13 (speed): does so for random values full of text YAML misreads", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 }), (model) => {
        const { github, ours } = readBoth(model, writeYaml(model));
        expect(ours).toEqual(github);
      }),
      { numRuns: 500 },
    );
  });

  it("issue 13 (speed): does so for every workflow the project generates", () => {
    const workflows = generatedWorkflows();
    expect(workflows.length).toBeGreaterThan(15);
    for (const { file, text } of workflows) {
      const { github, ours } = readBoth(parse(text, PARSER_YAML_OPTIONS) as JsonObject, text);
      expect(ours, file).toEqual(github);
    }
  });

  // The corpora's workflows as values, written by the emitter: real shapes no one here wrote.
  const corpora = path.resolve(REPO_ROOT, "../shared/corpora");
  const folders = ["actionlint-ok", "schemastore/valid", "schemastore/invalid", "github-parser/reader"].map((folder) => path.join(corpora, folder)).filter(existsSync);
  it.skipIf(folders.length === 0)("issue 13 (speed): does so for every corpus workflow, written by the emitter (skipped without ../shared/corpora)", () => {
    let compared = 0;
    for (const { folder, name, workflow } of corpusWorkflows(folders)) {
      const document = parseDocument(workflow, PARSER_YAML_OPTIONS);
      // a value only: no YAML errors, a mapping at the top, and no alias (an emitted value has none)
      if (document.errors.length > 0 || !workflow.trim() || /(^|[\s[{,])\*[\w-]/.test(workflow)) continue;
      const model = document.toJS() as unknown;
      if (model === null || typeof model !== "object" || Array.isArray(model)) continue;
      const { github, ours } = readBoth(model as JsonObject, writeYaml(model as JsonObject));
      expect(ours, path.join(path.basename(folder), name)).toEqual(github);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("issue 13 (speed): a clean output is clean read from its value, and a faulty one gets the text's findings at their lines", async () => {
    const clean = generatedWorkflows()[0]!;
    const model = parse(clean.text, PARSER_YAML_OPTIONS) as JsonObject;
    expect(await validateWithParser(clean.text, "ci.yml", { emittedFrom: model })).toEqual([]);

    const faulty: JsonObject = { on: "push", jobs: { build: { "runs-on": "ubuntu-latest", "timeout-minutes": "soon", steps: [{ run: "echo ${{ github.nope( }}" }] } } };
    const text = writeYaml(faulty);
    const fromText = await validateWithParser(text, "faulty.yml");
    expect(fromText.length).toBeGreaterThanOrEqual(2);
    expect(fromText.every((finding) => typeof finding.line === "number")).toBe(true);
    expect(await validateWithParser(text, "faulty.yml", { emittedFrom: faulty })).toEqual(fromText);
  });
});
