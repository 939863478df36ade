import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { PARSER_YAML_OPTIONS } from "../../src/validate/parsed-yaml.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// lint hands GitHub's parser the document it parsed already; that must change nothing it reports.
const CORPORA = path.resolve(REPO_ROOT, "../shared/corpora");
const folders = ["actionlint-ok", "schemastore/valid", "schemastore/invalid"].map((folder) => path.join(CORPORA, folder)).filter(existsSync);
const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name)));

const BROKEN = `on: push
jobs:
  a:
    runs-on: x
    if: \${{ github.event.foo( }}
    steps:
      - run: |
          echo \${{ matrix.os }}
          echo \${{ nope.value }}
      - run: echo
        run: twice
`;

describe("GitHub's parser over a document parsed once", () => {
  const both = async (name: string, text: string) => {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS });
    return [await validateWithParser(text, name), await validateWithParser(text, name, { document: { document, lineCounter } })];
  };

  it("reports the same diagnostics, at the same places, for a broken workflow", async () => {
    const [own, shared] = await both("broken.yml", BROKEN);
    expect(own!.length).toBeGreaterThan(2);
    expect(shared).toEqual(own);
  });

  describe.skipIf(files.length === 0)(files.length === 0 ? "over the corpora (skipped: ../shared/corpora is not there)" : "over the corpora", () => {
    it.each(files.map((file) => [path.relative(CORPORA, file), file] as const))("%s", async (name, file) => {
      const [own, shared] = await both(name, readFileSync(file, "utf8"));
      expect(shared).toEqual(own);
    });
  });
});
