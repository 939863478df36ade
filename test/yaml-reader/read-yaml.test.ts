import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, Parser, parseDocument, stringify } from "yaml";
import { writeYaml } from "../../src/emit/yaml-writer.js";
import type { JsonObject } from "../../src/model/json.js";
import { PARSER_YAML_OPTIONS } from "../../src/validate/parsed-yaml.js";
import { quickDocument, readYaml } from "../../src/yaml-reader/read-yaml.js";
import { sourceTokens } from "../../src/yaml-reader/source-tokens.js";
import { realWorldWorkflow } from "../../scripts/bench/lint-corpus.js";
import { CORPORA_DIR, HAS_CORPORA } from "../importer/corpus-inputs.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { workflowOfCorpusFile, yamlFilesUnder } from "../support/corpus-workflows.js";
import { describeDocument } from "../support/yaml-document.js";

/** Compares the quick reader with `yaml` on `text`; true when the quick reader read it. */
function expectSameAsYaml(text: string, label: string, whole = true): boolean {
  const quickLines = new LineCounter();
  const quick = quickDocument(text, quickLines);
  if (!quick) {
    expect(quickLines.lineStarts, label).toEqual([]);
    return false;
  }
  const lines = new LineCounter();
  const expected = parseDocument(text, { lineCounter: lines, ...PARSER_YAML_OPTIONS });
  expect(expected.errors, label).toEqual([]);
  // the same source tokens go through the same composer: comparing them and the line starts is
  // enough; the document node by node is compared for `whole` texts
  if (whole) expect(describeDocument(quick, quickLines), label).toEqual(describeDocument(expected, lines));
  else expect(quickLines.lineStarts, label).toEqual(lines.lineStarts);
  // the source tokens themselves, in full, as yaml's parser gives them
  expect(JSON.parse(JSON.stringify(sourceTokens(text))), label).toEqual(JSON.parse(JSON.stringify([...new Parser().parse(text)])));
  return true;
}

const BENCH_CORPUS_SIZE = 1500;
/** Share of the bench's lint corpus the quick reader reads (all of it: the rest would fall back). */
const BENCH_COVERAGE = 1;
/** Files of the shared corpora the quick reader reads, of 363 (the others are outside the subset). */
const SHARED_CORPORA_READ = 339;

describe("the quick YAML reader", () => {
  it("issue 12.speed: reads the bench's lint corpus as yaml does, every file of it", () => {
    let read = 0;
    for (let index = 0; index < BENCH_CORPUS_SIZE; index++) if (expectSameAsYaml(realWorldWorkflow(index), `bench workflow ${index}`, index % 10 === 0)) read++;
    expect(read / BENCH_CORPUS_SIZE).toBeGreaterThanOrEqual(BENCH_COVERAGE);
  }, 120_000);

  it.skipIf(!HAS_CORPORA)("issue 12.speed: reads the shared corpora as yaml does (../shared/corpora; skipped when absent)", () => {
    const folders = readdirSync(CORPORA_DIR)
      .map((name) => path.join(CORPORA_DIR, name))
      .filter((folder) => statSync(folder).isDirectory());
    const files = folders.flatMap((folder) => yamlFilesUnder(folder));
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const workflow = workflowOfCorpusFile(file, text);
      if (expectSameAsYaml(workflow, file)) read++;
      expectSameAsYaml(text, `${file} (whole)`);
    }
    expect(files.length).toBeGreaterThanOrEqual(363);
    expect(read).toBeGreaterThanOrEqual(SHARED_CORPORA_READ);
  });

  it("issue 13.3: reads every YAML file of the project as yaml does, generated workflows included", () => {
    const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0");
    const files = tracked.filter((file) => /\.ya?ml$/.test(file));
    let read = 0;
    for (const file of files) if (expectSameAsYaml(readFileSync(path.join(REPO_ROOT, file), "utf8"), file)) read++;
    expect(files.length).toBeGreaterThan(10);
    expect(read).toBeGreaterThan(files.length * 0.9);
  });

  it("readYaml falls back to yaml for what the quick reader does not read, with the same line starts", () => {
    for (const text of ["a: &x 1\nb: *x\n", "a: !!str 1\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n", "? a\n: b\n", "a:\n\tb: 1\n", "a: b\n  c\n", 'a: "b\n  c"\n', "a: {b: [c]}\n", "a: 1\r\nb: 2\r\n", "a: [b,\n  c]\n", "a: b: c\n", "plain\n", "[a]\n", "a: 1\n  b: 2\n"]) {
      const lines = new LineCounter();
      const read = readYaml(text, lines);
      const expectedLines = new LineCounter();
      const expected = parseDocument(text, { lineCounter: expectedLines, ...PARSER_YAML_OPTIONS });
      expect(describeDocument(read, lines), text).toEqual(describeDocument(expected, expectedLines));
    }
  });

  it("issue 12.speed: reads workflow-like values written by yaml in several styles, and mutated texts, as yaml does", () => {
    let read = 0;
    fc.assert(
      fc.property(workflowValue, style, mutations, (value, options, edits) => {
        const text = applyMutations(stringify(value, options), edits);
        if (expectSameAsYaml(text, JSON.stringify(text))) read++;
      }),
      { numRuns: 3000 },
    );
    // most texts stay in the subset, so the comparisons above are not vacuous
    expect(read).toBeGreaterThan(600);
  }, 120_000);

  it("issue 13.3: reads what the YAML writer emits for workflow-like values as yaml does", () => {
    let read = 0;
    fc.assert(
      fc.property(workflowValue, (value) => {
        if (typeof value !== "object" || value === null || Array.isArray(value)) return;
        if (expectSameAsYaml(writeYaml(value as JsonObject), "writer")) read++;
      }),
      { numRuns: 1000 },
    );
    expect(read).toBeGreaterThan(150);
  }, 60_000);

  it("never fails on arbitrary text, and reads what it accepts of it as yaml does", () => {
    const piece = fc.constantFrom(..."ab1 :-#|>'\"[]{},&*!\n\n\n\t.+0x~?%@`\\", "  ", "- ", ": ", "\n  ", "\n    ", "|-\n", "# c\n", "k: ");
    let read = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        if (expectSameAsYaml(pieces.join(""), JSON.stringify(pieces.join("")))) read++;
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(200);
  }, 60_000);

  it("reads awkward scalars as yaml does: numbers, booleans, nulls, quotes, # and : inside values", () => {
    const values = ["0o17", "0x1F", "017", "+12", "-0", "1e3", "1.5E-2", ".inf", "-.Inf", ".NaN", "1_000", "true", "False", "TRUE", "yes", "~", "null", "Null", "", "a # b", "a#b", "a: b", "http://x:1", "'q'", '"q"', "it's", "-", "- a", "?", "? a", ":", ":a", "a:", "@x", "`x`", "%x", "*x", "&x", "!x", "[a]", "{a}", "a,b", "1.0", "1.", ".5", "0.10", "1e", "0b101", "12:30", "2024-01-01", "\\t", "é", "a  b", " a", "a ", "#", "|", ">", "${{ x }}"];
    for (const value of values) {
      for (const text of [`k: ${value}\n`, `k: ${value} # c\n`, `- ${value}\n`, `k: [${value}, b]\n`, `k: '${value.replace(/'/g, "''")}'\n`, `k: "${value.replace(/["\\]/g, "\\$&")}"\n`, `${value}: v\n`, `k:\n  - ${value}\n  - x\n`]) {
        expectSameAsYaml(text, JSON.stringify(text));
      }
    }
  });

  it("reads comments and blank lines where workflows put them as yaml does", () => {
    const texts = [
      "# head\n\nname: x\n",
      "# head\nname: x\n",
      "\n\n# a\n\n# b\nname: x # c\n\n\non: # d\n  push: # e\n    branches: [main] # f\n  # g\n# h\n  pull_request:\n\n# tail\n",
      "jobs:\n  a:\n    steps:\n      - run: |\n          echo\n\n        # deeper\n      # at seq\n      - uses: x\n    # at map\n  b:\n    runs-on: y\n      # more indented\n# end\n",
      "a:\n  b: 1\n    # indented after a value\n  c: 2\n",
      "a:\n\n  b: 1\n\nc:\n# between\n\nd:\n",
      "a: |+\n  keep\n\n\nb: >-\n  folded\n  text\n\n  more\nc: |2\n    two\n",
      "a: |\n  x\n   \n  \nb: 1\n",
      "a: |\n\n  x\n",
      "a: |-\nb: 1\n",
      "- a\n-\n- - b\n  - c\n- k: v\n  l: w\n",
      "k:\n- a\n- b\nl: 1\n",
      "---\na: 1\n",
      "--- # c\n# d\na: 1\n",
      "a: 1   \nb:   \n  - x   \n",
      "a: 1",
      "a: |\n  x",
      "a: &anchor\n  b: 1\nc: *anchor\nd:\n  <<: *anchor\n- &e x\n",
      "a:\n  - &e x\n  - *e\n",
    ];
    for (const text of texts) expectSameAsYaml(text, JSON.stringify(text));
  });
});

// Workflow-like values: the keys, shapes and scalars of real workflows, odd strings included.
const KEYS = ["on", "jobs", "steps", "run", "uses", "with", "env", "if", "name", "runs-on", "needs", "matrix", "include", "a key", "x:y", "#k", "'q'", "1", "true", "null", "-d"];
const scalarValue = fc.oneof(
  fc.constantFrom("${{ github.ref }}", "echo 'hi' # not a comment", "a: b", "#x", "x #y", "  lead", "trail  ", "multi\nline\n", "multi\nline", "tab\there", "ünï", "'", '"', "\\", "0o7", "0x1f", "1e3", ".inf", "-.nan", "~", "yes", "on", "null", "", "- a", "? x", "*a", "&b", "!t", "%p", "@a", "`b`", "[x]", "{y}", "a, b"),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);
const { value: workflowValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalarValue, fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 5 })),
}));
const style = fc.record({
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
  defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE"),
  flowCollectionPadding: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  collectionStyle: fc.constantFrom("any", "block", "block", "flow"),
} as const);

// An edit to a text: a comment, a blank line, spaces or an indent added at some line.
type Mutation = { line: number; kind: "comment-line" | "trailing-comment" | "blank" | "trailing-spaces" | "indent" | "dedent" | "hash-in-value" };
const mutations = fc.array(fc.record({ line: fc.nat(40), kind: fc.constantFrom("comment-line", "trailing-comment", "blank", "trailing-spaces", "indent", "dedent", "hash-in-value") }) as fc.Arbitrary<Mutation>, { maxLength: 4 });

function applyMutations(text: string, edits: readonly Mutation[]): string {
  const lines = text.split("\n");
  for (const { line, kind } of edits) {
    const at = line % Math.max(lines.length, 1);
    const current = lines[at] ?? "";
    const indent = /^ */.exec(current)![0];
    switch (kind) {
      case "comment-line":
        lines.splice(at, 0, `${indent.slice(0, line % (indent.length + 1))}# note ${line}`);
        break;
      case "trailing-comment":
        lines[at] = `${current} # trailing`;
        break;
      case "blank":
        lines.splice(at, 0, line % 2 ? "" : "   ");
        break;
      case "trailing-spaces":
        lines[at] = `${current}  `;
        break;
      case "indent":
        lines[at] = ` ${current}`;
        break;
      case "dedent":
        lines[at] = current.replace(/^ /, "");
        break;
      case "hash-in-value":
        lines[at] = `${current}#x: y`;
        break;
    }
  }
  return lines.join("\n");
}
