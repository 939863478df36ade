import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter } from "yaml";
import { realWorldWorkflow } from "../../scripts/bench/lint-corpus.js";
import { PARSER_YAML_OPTIONS } from "../../src/validate/parsed-yaml.js";
import { composeTokens } from "../../src/yaml-reader/compose-tokens.js";
import { composeWithYaml } from "../../src/yaml-reader/read-yaml.js";
import { sourceTokens } from "../../src/yaml-reader/source-tokens.js";
import { CORPORA_DIR, HAS_CORPORA } from "../importer/corpus-inputs.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { workflowOfCorpusFile, yamlFilesUnder } from "../support/corpus-workflows.js";
import { describeDocument } from "../support/yaml-document.js";

// outside the token subset; composed here; reported by yaml (so left to it); declined though yaml composes it cleanly
type Outcome = "outside" | "composed" | "reported" | "declined";

/**
 * Composes the source tokens of `text` both ways: when `yaml`'s composer reports anything, the
 * quick one must give undefined; when the quick one gives a document, it must be `yaml`'s, node by
 * node (for `whole` texts; else only that it composed).
 */
function expectSameComposition(text: string, label: string, whole = true): Outcome {
  const tokens = sourceTokens(text);
  if (!tokens) return "outside";
  const quickLines = new LineCounter();
  const quick = composeTokens(tokens, { lineCounter: quickLines, ...PARSER_YAML_OPTIONS });
  const lines = new LineCounter();
  const expected = composeWithYaml(sourceTokens(text)!, text, { lineCounter: lines, ...PARSER_YAML_OPTIONS })!;
  if (expected.errors.length > 0 || expected.warnings.length > 0) {
    expect(quick, `${label}: yaml reports ${[...expected.errors, ...expected.warnings].map((entry) => entry.code).join(", ")}`).toBeUndefined();
    return "reported";
  }
  if (!quick) return "declined";
  if (whole) expect(describeDocument(quick, quickLines), label).toEqual(describeDocument(expected, lines));
  return "composed";
}

function tally(outcomes: Outcome[]): Record<Outcome, number> {
  const counts = { outside: 0, composed: 0, reported: 0, declined: 0 };
  for (const outcome of outcomes) counts[outcome]++;
  return counts;
}

describe("composing source tokens without yaml's composer", () => {
  it("issue 12.speed: composes every file of the bench's lint corpus, each fifth compared node by node with yaml's", () => {
    const counts = tally(Array.from({ length: 1500 }, (_, index) => expectSameComposition(realWorldWorkflow(index), `bench workflow ${index}`, index % 5 === 0)));
    expect(counts).toEqual({ outside: 0, composed: 1500, reported: 0, declined: 0 });
  }, 120_000);

  it.skipIf(!HAS_CORPORA)("issue 12.speed: composes the shared corpora as yaml does, leaving it almost nothing (../shared/corpora; skipped when absent)", () => {
    const counts = tally(yamlFilesUnder(CORPORA_DIR).map((file) => expectSameComposition(workflowOfCorpusFile(file), file)));
    // two files hold shapes left to yaml: a flow sequence with a comment, a double-quoted escape
    expect(counts.declined).toBeLessThanOrEqual(2);
    expect(counts.reported).toBe(0);
    expect(counts.composed).toBeGreaterThanOrEqual(330);
  });

  it("composes the project's own YAML as yaml does", () => {
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter((file) => /\.ya?ml$/.test(file));
    const counts = tally(files.map((file) => expectSameComposition(readFileSync(path.join(REPO_ROOT, file), "utf8"), file)));
    expect(counts.composed).toBeGreaterThan(files.length * 0.9);
  });

  it("leaves to yaml every text of the subset it reports an error or a warning on", () => {
    const reported = ["a: &x: b\n", "a: *x:\n", "a: |\nb\n", "a: |\n\n   x\n  y\n", "a: [,b]\n", "a: [b,,c]\n", "a: >\n    x\n  y\n", "a:\n  b: 1\n c: 2\n", 'a: "\\q"\n'];
    for (const text of reported) expect(expectSameComposition(text, JSON.stringify(text)), text).toBe("reported");
  });

  it("leaves to yaml the options that read keys or scalars otherwise: merge keys, string keys, YAML 1.1", () => {
    const text = "base: &b\n  a: 1\nx:\n  <<: *b\n  1: yes\n";
    expect(composeTokens(sourceTokens(text)!, { lineCounter: new LineCounter(), ...PARSER_YAML_OPTIONS })).toBeDefined();
    for (const options of [{ merge: true }, { stringKeys: true }, { version: "1.1" as const }]) {
      expect(composeTokens(sourceTokens(text)!, { lineCounter: new LineCounter(), ...PARSER_YAML_OPTIONS, ...options }), JSON.stringify(options)).toBeUndefined();
    }
  });

  it("composes what yaml composes cleanly, and nothing it reports, on arbitrary texts", () => {
    const piece = fc.constantFrom(..."ab1 :-#|>'\"[]{},&*!\n\n\t.+0x~?%@`\\", "  ", "- ", ": ", "\n  ", "\n    ", "|-\n", ">+\n", "|2\n", "# c\n", "k: ", "&a ", "*a", "[x, y]", "'q''q'", '"e\\n"');
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        outcomes.push(expectSameComposition(pieces.join(""), JSON.stringify(pieces.join(""))));
      }),
      { numRuns: 20_000 },
    );
    const counts = tally(outcomes);
        // both kinds occur, so neither comparison is vacuous
    expect(counts.composed).toBeGreaterThan(300);
    expect(counts.reported).toBeGreaterThan(30);
  }, 60_000);

  it("composes scalars of every kind as yaml does: numbers, booleans, nulls, quotes, block scalars and their headers", () => {
    const scalars = ["0o17", "0x1F", "017", "+12", "-0", "1e3", "1.5E-2", ".inf", "-.Inf", ".NaN", "1_000", "1.0", "1.", ".5", "0.10", "true", "False", "TRUE", "yes", "~", "null", "Null", "NULL", "nUll", "", "tru", "n", "-", "a b", "12:30", "'it''s'", "''", '""', '"x y"', "*a", "[]", "{}", "[1, .5, ~, 'q', \"d\"]"];
    const blocks = ["|\n  x\n", "|-\n  x\n\n", "|+\n  x\n\n\n", ">\n  a\n  b\n\n  c\n    d\n  e\n", ">-\n  a\n", "|2\n    two\n", "| # c\n  x\n", "|\n\n  x\n", "|\n", "|+\n\n"];
    let composed = 0;
    const count = (text: string) => {
      if (expectSameComposition(text, JSON.stringify(text)) === "composed") composed++;
    };
    // each after an anchor, so `*a` has something to name
    for (const value of scalars) for (const text of [`a: &a 1\nk: ${value}\n`, `a: &a 1\nk: ${value} # c\n`, `a: &a 1\nk:\n  - ${value}\n`, `- &a 1\n- ${value}\n`]) count(text);
    for (const block of blocks) for (const text of [`k: ${block}l: 1\n`, `- ${block}- 1\n`, `k: ${block}`]) count(text);
    expect(composed).toBeGreaterThan(175);
  });

  it("composes block scalars of any shape as yaml does: literal and folded, indentation and chomping indicators, blank, more-indented and tab-led lines", () => {
    const header = fc.tuple(fc.constantFrom("|", ">"), fc.constantFrom("", "-", "+"), fc.constantFrom("", "1", "2", "3"), fc.boolean()).map(([style, chomping, digit, digitFirst]) => style + (digitFirst ? digit + chomping : chomping + digit));
    const line = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.constantFrom("", "", "word", "two words", "\tled by a tab", "  ", "# not a comment")).map(([spaces, text]) => " ".repeat(spaces) + text);
    const outcomes: Outcome[] = [];
    fc.assert(
      fc.property(header, fc.array(line, { maxLength: 8 }), fc.constantFrom("k: ", "a:\n  k: ", "- ", "a:\n  - "), fc.boolean(), (head, lines, parent, followed) => {
        const text = `${parent}${head}\n${lines.map((entry) => `${entry}\n`).join("")}${followed ? "z: 1\n" : ""}`;
        outcomes.push(expectSameComposition(text, JSON.stringify(text)));
      }),
      { numRuns: 6000 },
    );
    const counts = tally(outcomes);
    expect(counts.composed).toBeGreaterThan(1500);
    expect(counts.reported).toBeGreaterThan(100);
  }, 60_000);
});
