import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { YamlObjectReader } from "@actions/workflow-parser/workflows/yaml-object-reader";
import { DocumentReader } from "../../src/validate/document-reader.js";
import { PARSER_YAML_OPTIONS } from "../../src/validate/parsed-yaml.js";
import { readerEvents } from "../support/reader-events.js";
import { REPO_ROOT } from "../support/temp-repo.js";

const readBoth = (text: string) => {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS });
  return { github: readerEvents(new YamlObjectReader(3, text)), ours: readerEvents(new DocumentReader(document, lineCounter, 3)) };
};

const TRICKY = `# anchors, aliases, merge keys, scalars of every kind
on:
  push: &push
    branches: [main, "release/*"]
  pull_request: *push
env: { A: 1, B: 2.5, C: true, D: null, E: ~, F: 'quoted', G: "double \\"q\\"", H: 0x1f }
defaults: &defaults
  run:
    shell: bash
jobs:
  build:
    <<: *defaults
    runs-on: [self-hosted, linux]
    steps:
      - run: |-
          echo \${{ github.sha }}
          echo two
      - run: >+
          folded \${{ matrix.os }}

      - run: plain multi
          line scalar
      - with:
          empty:
          list: []
          map: {}
      - ? complex
        : value
`;

// An alias inside the value it repeats: GitHub's reader gives nothing for the inner alias.
const SELF_ALIAS = `a: &x
  b: *x
  c: 1
`;

describe("the parser's event reader over a parsed document", () => {
  it("issue 12 (speed): gives GitHub's reader's events and tokens for anchors, aliases, merge keys and every scalar style", () => {
    const { github, ours } = readBoth(TRICKY);
    expect(github.length).toBeGreaterThan(60);
    expect(ours).toEqual(github);
  });

  it("issue 12 (speed): expands an alias inside its own anchor as GitHub's reader does", () => {
    const { github, ours } = readBoth(SELF_ALIAS);
    expect(ours).toEqual(github);
  });

  it("issue 12 (speed): resolves each alias to the last node with its anchor before it in the document, as GitHub's reader does", () => {
    const texts = ["a: &y [&x 2]\nb: &x 1\nc: *y\nd: *x\n", "a: &x 1\n&x b: 2\nc: *x\n", "a: &x { b: &x 1, c: *x }\nd: *x\n", "a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "a: *x\nb: &x 1\n"];
    for (const text of texts) {
      const { github, ours } = readBoth(text);
      expect(ours, text).toEqual(github);
    }
  });

  it("issue 12 (speed): throws where GitHub's reader throws, after the same events", () => {
    const { github, ours } = readBoth("on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      K: !!binary aGVsbG8=\n");
    expect(github.at(-1)).toEqual({ threw: expect.stringContaining("Unexpected value type") });
    expect(ours).toEqual(github);
  });

  it("issue 12 (speed): reads an empty document as GitHub's reader does", () => {
    for (const text of ["", "# only a comment\n", "---\n"]) {
      const { github, ours } = readBoth(text);
      expect(ours).toEqual(github);
    }
  });

  // the corpora's workflows, and the workflow part of each of GitHub's own reader test files
  const corpora = path.resolve(REPO_ROOT, "../shared/corpora");
  const folders = ["actionlint-ok", "schemastore/valid", "schemastore/invalid", "github-parser/reader"].map((folder) => path.join(corpora, folder)).filter(existsSync);
  const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name)));
  const workflowOf = (file: string) => {
    const text = readFileSync(file, "utf8");
    return file.includes(`${path.sep}github-parser${path.sep}`) ? (text.split(/^---[ \t]*$/m)[1] ?? "").replace(/^\n/, "") : text;
  };
  it.skipIf(files.length === 0)("issue 12 (speed): gives the same events on every corpus workflow that parses (skipped without ../shared/corpora)", () => {
    let compared = 0;
    for (const file of files) {
      const text = workflowOf(file);
      if (parseDocument(text, PARSER_YAML_OPTIONS).errors.length > 0) continue;
      const { github, ours } = readBoth(text);
      expect(ours, path.relative(corpora, file)).toEqual(github);
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
