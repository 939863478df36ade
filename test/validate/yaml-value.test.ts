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
  "a: &x 1\nb: *x\nc: &x two\nd: *x\n",
  "a: &x { b: &x 1, c: *x }\nd: *x\n",
  "m: &m { k: v, l: [1, 2] }\nn: *m\no: [*m, *m]\n",
  "- &s [1, &t two]\n- *t\n- *s\n",
  "&k key: 1\nx: *k\n",
  "a: &x 1\n&x b: 2\nc: *x\n",
  "a: &n\nb: *n\nc: &e ''\nd: *e\n",
  "a: &t !!str 1\nb: *t\n",
];

describe("a document read as data", () => {
  it.each(EDGES.map((text) => [JSON.stringify(text).slice(0, 60), text]))("issue 12 (speed): %s reads as yaml's own conversion reads it", (_, text) => {
    sameAsYaml(text);
  });

  it("issue 12 (speed): reads aliases itself, each as the very value its anchor marks, as toJS does", () => {
    const document = parseDocument("defaults: &defaults { shell: bash }\njobs:\n  a: { defaults: *defaults, steps: &steps [{ run: x }] }\n  b: { defaults: *defaults, steps: *steps }\n", { keepSourceTokens: true, uniqueKeys: false });
    const expected = document.toJS({ maxAliasCount: -1 }) as { defaults: object; jobs: { a: { defaults: object; steps: object }; b: { defaults: object; steps: object } } };
    // yaml's conversion is not what reads it
    document.toJS = () => {
      throw new Error("toJS called");
    };
    const read = yamlValue(document).value as typeof expected;
    expect(read).toEqual(expected);
    expect(read.jobs.a.defaults).toBe(read.defaults);
    expect(read.jobs.b.steps).toBe(read.jobs.a.steps);
    expect(expected.jobs.b.steps).toBe(expected.jobs.a.steps);
  });

  it("issue 12 (speed): reads workflows with anchors and aliases as yaml's own conversion does", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("none", "anchor", "alias", "alias-in-list", "anchored-key")), { minLength: 1, maxLength: 8 }), (entries) => {
        const lines = entries.map(([anchor, value, kind], index) => {
          const written = JSON.stringify(value);
          if (kind === "anchor") return `k${index}: &${anchor} ${written}`;
          if (kind === "alias") return `k${index}: *${anchor}`;
          if (kind === "alias-in-list") return `k${index}: [*${anchor}, ${written}]`;
          if (kind === "anchored-key") return `&${anchor} k${index}: ${written}`;
          return `k${index}: ${written}`;
        });
        const text = `${lines.join("\n")}\n`;
        const document = parseDocument(text, { keepSourceTokens: true, uniqueKeys: false });
        const read = yamlValue(document);
        // an alias before any anchor of its name is a problem, not a value
        if (read.problems.length > 0) return;
        expect(JSON.stringify(read.value), text).toBe(JSON.stringify(document.toJS({ maxAliasCount: -1 })));
      }),
      { numRuns: 500 },
    );
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
