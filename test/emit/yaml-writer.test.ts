import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isScalar, parse, parseDocument, visit } from "yaml";
import { emitYamlBody } from "../../src/emit/emit-yaml.js";
import { parseHeader } from "../../src/emit/header.js";
import type { Json, JsonObject } from "../../src/model/json.js";
import { CORPORA_DIR, HAS_CORPORA } from "../importer/corpus-inputs.js";
import { corpusWorkflows } from "../support/corpus-workflows.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { emitBodyWithYamlLibrary } from "./_yaml-library-emit.js";

// The writer against the `yaml` package's document tree, which trunkline emitted through before:
// the same value and the same release tags must give the same bytes.
function expectSameAsLibrary(model: JsonObject, releaseTags?: ReadonlyMap<string, string>): string {
  const options = releaseTags ? { releaseTags } : {};
  const written = emitYamlBody(model, options);
  expect(written).toBe(emitBodyWithYamlLibrary(model, options));
  return written;
}

// A copy in which no object is reached twice. normalize builds every model afresh, so no model
// shares a value; YAML read from a file does where it has aliases, and the yaml package would
// write those back as anchors.
function asTree(value: unknown): JsonObject {
  const copy = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(copy);
    if (typeof item === "object" && item !== null) return Object.fromEntries(Object.entries(item).map(([name, inner]) => [name, copy(inner)]));
    return item;
  };
  return copy(value) as JsonObject;
}

// The release tags written beside `uses:` values in a generated file, so its body can be emitted again.
function releaseTagsIn(document: ReturnType<typeof parseDocument>): Map<string, string> {
  const tags = new Map<string, string>();
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "uses" && isScalar(pair.value) && pair.value.comment) {
        tags.set(String(pair.value.value), pair.value.comment.trim());
      }
    },
  });
  return tags;
}

const SHA = "3d3c42e5aa7a4ef2dd1e6b9b8a7f6c5d4e3f2a1b";

// Strings YAML misreads, cannot write plain, or writes in a style of its own.
const NASTY = [
  "on", "On", "off", "yes", "no", "y", "N", "true", "False", "null", "~", "", "0123", "3.10", "1_000", "0o17", "0x1F", "0b101",
  "1e3", "e5", "+.5", "12:30", "2026-11-21", "2026-11-21 10:00:00 +01:00", ".inf", "-.Inf", ".NaN", "<<", "=", "-", "?", ":",
  "- a", "? q", ":x", "a:", "a: b", "a:b", "#", "# c", "a #b", "a#b", "*", "*.md", "&x", "!t", "!!str", "%p", "@a", "`t", "|", ">",
  "[a]", "{a}", "a,b", "'", "''", '"', '"q"', `it's "q"`, " lead", "trail ", "\ttab", "a\tb", "tab\t", "\r", "a\r\nb",
  "a\n", "a\n\n", "a\n\n\n", "\n", "\n\n", "\na", "\n\na", "x\n ", " \n", "a \nb", "a\n b", "a\n\tb", "l1\nl2", "l1\n\nl2\n",
  "  two\nlines", "---", "--- x", "---\nx", "...", "... y", "x\n---\ny", "x\n...", "%x\ny", "é", "日本語", "😀", "\u0085",
  "\u00a0", "a\u00a0", "\u2028", "\ufeff", "\u0000", "\u0007", "\u000b", "\u001b", "\u007f", "\u009f", "\b\f", "\ud800", "a\udc00",
  "\\", "\\n", "a\\ \n", " \\n", "${{ github.sha }}", "${{ matrix.os == 'linux' && 'yes' || 'no' }}", "echo \"$X\" # note",
  `actions/checkout@${SHA}`, "x".repeat(300), "k".repeat(1030),
];
// Pieces that are harmless alone and trouble next to each other.
const FRAGMENTS = [" ", "  ", "\t", "\n", "\r\n", "#", ": ", ":", "'", '"', "-", "?", "a", "$", "${{ ", " }}", "\\", "é", "💥", "---", "%"];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...NASTY, ...FRAGMENTS), { maxLength: 6 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const KEYS = ["on", "jobs", "uses", "steps", "run", "with", "env", "name", "runs-on"];
const key: fc.Arbitrary<string> = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...KEYS) }, { weight: 3, arbitrary: nastyString });
const scalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e21, 5e-7, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(`actions/checkout@${SHA}`, `docker://x@${SHA}`) },
);
const { value } = fc.letrec<{ value: Json; map: JsonObject; list: Json[] }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("map"), tie("list")),
  map: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((entries) => Object.fromEntries(entries)),
  list: fc.array(tie("value"), { maxLength: 4 }),
}));
// Workflow-shaped roots, so that the blank lines between top-level keys and between jobs show.
const root: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.dictionary(key, value, { maxKeys: 4 }), fc.dictionary(key, value, { maxKeys: 4 }), fc.option(fc.dictionary(key, value, { maxKeys: 3 })))
  .map(([top, jobs, on]) => ({ ...(on ? { on } : {}), ...top, jobs }));
// Tags as a lockfile may hold them, odd ones included: each replaces the comment of one pin.
const releaseTags: fc.Arbitrary<Map<string, string>> = fc
  .constantFrom("v4.1.0", "", " v1", "v1\nv2", "v1\n \nv2\n", "\n", "a # b", "x\r\ny", " ")
  .map((tag) => new Map([[`actions/checkout@${SHA}`, tag]]));

describe("the YAML writer", () => {
  it("issue 13.3: every workflow the project generates is written byte for byte as before", () => {
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0");
    const generated = tracked
      .filter((file) => /\.ya?ml$/.test(file))
      .flatMap((file) => {
        const parsed = parseHeader(readFileSync(path.join(REPO_ROOT, file), "utf8"));
        return parsed ? [{ file, body: parsed.body }] : [];
      });
    expect(generated.length).toBeGreaterThan(10);
    for (const { file, body } of generated) {
      const document = parseDocument(body);
      const written = expectSameAsLibrary(asTree(document.toJS()), releaseTagsIn(document));
      expect(written, file).toBe(body);
    }
  });

  it.skipIf(!HAS_CORPORA)("issue 13.3: every workflow of the external corpora (../shared/corpora; skipped when absent) is written as before", () => {
    const folders = ["actionlint-ok", "schemastore/valid", "github-parser/reader"].map((folder) => path.join(CORPORA_DIR, folder));
    let compared = 0;
    for (const { workflow } of corpusWorkflows(folders)) {
      let model: unknown;
      try {
        model = parse(workflow, { merge: true, logLevel: "error" });
      } catch {
        continue; // not YAML the importer reads either
      }
      if (typeof model !== "object" || model === null || Array.isArray(model)) continue;
      expectSameAsLibrary(asTree(model));
      compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("issue 13.3: each awkward string, as a key and as a value at every depth, is written as before", () => {
    for (const text of NASTY) {
      const steps = [{ uses: text, with: { [text]: text } }, text, [text, { [text]: [text] }]];
      expectSameAsLibrary({ [text]: text, on: { [text]: null }, jobs: { [text]: { steps }, after: text } });
      expectSameAsLibrary({ on: text, jobs: { [text]: text, b: { c: text } }, [text]: [text], z: text });
    }
  });

  it("issue 13.3: random workflow-like values are written as the yaml package writes them", () => {
    fc.assert(
      fc.property(root, fc.option(releaseTags), (model, tags) => {
        expectSameAsLibrary(model, tags ?? undefined);
      }),
      { numRuns: 3000 },
    );
  });

  it("issue 13.3: empty maps and sequences, holes and absent values are written as before", () => {
    expectSameAsLibrary({});
    expectSameAsLibrary({ on: {}, jobs: { a: {}, b: [], c: [[], {}, [[]]] }, env: { A: undefined } as unknown as JsonObject });
    expectSameAsLibrary({ jobs: { a: [1, undefined, null] as unknown as Json[] } });
  });
});
