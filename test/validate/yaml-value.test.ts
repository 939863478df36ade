import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import { yamlValue } from "../../src/validate/yaml-value.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// yamlValue builds the plain value itself when a document is made of plain nodes only; it must be
// what yaml's own conversion gives, key order included (JSON text compares that too).
const sameAsYaml = (text: string, options: Parameters<typeof parseDocument>[1] = { keepSourceTokens: true, uniqueKeys: false }) => {
  const document = parseDocument(text, options);
  const read = yamlValue(document);
  expect(read.problems).toEqual([]);
  const expected = document.toJS({ maxAliasCount: -1 }) as unknown;
  expect(JSON.stringify(read.value)).toBe(JSON.stringify(expected));
  expect(read.value).toEqual(expected);
};

const EDGES = [
  "",
  "# nothing\n",
  "on: push\n",
  "a:\nb: ~\nc: null\n? d\n",
  "1: one\n2.50: two\ntrue: yes\nnull: empty\n~: tilde\n0x1f: hex\n",
  "b: 1\na: 2\nb: 3\n10: x\n2: y\n",
  "toString: 1\nconstructor: 2\nhasOwnProperty: 3\n",
  "__proto__: { polluted: true }\nsafe: 1\n",
  "<<: { a: 1 }\nb: 2\n",
  "x: &a [1, 2]\ny: *a\n",
  "? [complex, key]\n: value\n",
  "s: !!set { a, b }\no: !!omap [ { a: 1 } ]\n",
  "bin: !!binary aGVsbG8=\n",
  "nums: [.inf, -.inf, .nan, 1e3, 0o17, -0, 007]\n",
  "str: !!str 123\nint: !!int '42'\n",
  "run: |\n  echo ${{ github.sha }}\n  two\nfolded: >-\n  a\n  b\n",
  '"quoted key": { "a b": [ {}, [], "" ] }\n',
];

describe("a document read as data", () => {
  it.each(EDGES.map((text) => [JSON.stringify(text).slice(0, 60), text]))("issue 12 (speed): %s reads as yaml's own conversion reads it", (_, text) => {
    sameAsYaml(text);
  });

  it("issue 12 (speed): reads merge keys as yaml does when the document was parsed with them on", () => {
    sameAsYaml("base: &b { a: 1 }\nx:\n  <<: *b\n  c: 2\n", { merge: true });
  });

  it("issue 12 (speed): reads any JSON-like value written as YAML as yaml's own conversion does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        sameAsYaml(stringify(value));
        sameAsYaml(stringify(value, { collectionStyle: "flow" }));
      }),
      { numRuns: 300 },
    );
  });

  const corpora = path.resolve(REPO_ROOT, "../shared/corpora");
  const folders = ["actionlint-ok", "schemastore/valid", "schemastore/invalid"].map((folder) => path.join(corpora, folder)).filter(existsSync);
  const files = folders.flatMap((folder) => readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => path.join(folder, name)));
  it.skipIf(files.length === 0)("issue 12 (speed): reads every corpus workflow as yaml's own conversion does (skipped without ../shared/corpora)", () => {
    let compared = 0;
    for (const file of files) {
      const document = parseDocument(readFileSync(file, "utf8"), { keepSourceTokens: true, uniqueKeys: false });
      if (document.errors.length > 0) continue;
      const read = yamlValue(document);
      if (read.problems.length > 0) continue;
      expect(JSON.stringify(read.value), path.relative(corpora, file)).toBe(JSON.stringify(document.toJS({ maxAliasCount: -1 })));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});
