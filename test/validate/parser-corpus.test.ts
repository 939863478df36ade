import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ExperimentalFeatures } from "@actions/expressions/features";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateWithParser } from "../../src/validate/parser.js";

// GitHub's own parser test cases (actions/languageservices workflow-parser/testdata), shared by the
// C#, Go and TypeScript parsers. Layout: ../shared/corpora/README.md, section github-parser.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = path.resolve(repoRoot, "../shared/corpora/github-parser");
const readerDir = path.join(corpus, "reader");
const isCorpusPresent = existsSync(readerDir);

if (!isCorpusPresent) {
  console.info(`parser corpus skipped: ${readerDir} is absent (it lives beside the repository, not in it)`);
}

const POSITION = /\(Line: (\d+), Col: (\d+)\)/;

interface Case {
  file: string;
  /** How many `---`-separated parts: 3 unless called workflows follow the workflow under test. */
  partCount: number;
  options: { "experimental-features"?: ExperimentalFeatures } | null;
  workflow: string;
  expectedErrors: string[] | undefined;
}

function readCase(file: string): Case {
  const parts = readFileSync(path.join(readerDir, file), "utf8").split(/\r?\n---\r?\n/);
  const expected = JSON.parse(parts[parts.length - 1] ?? "") as { errors?: { Message: string }[] };
  return {
    file,
    partCount: parts.length,
    options: parse(parts[0] ?? "") as Case["options"],
    workflow: parts[1] ?? "",
    expectedErrors: expected.errors?.map((error) => error.Message),
  };
}

/** Every case we do not run, with why: the one place skips are decided. */
function listSkips(cases: Case[]): Map<string, string> {
  const skips = new Map<string, string>();
  const knownFailures = new Set(readFileSync(path.join(corpus, "known-failures.txt"), "utf8").split(/\r?\n/));
  for (const { file, partCount } of cases) {
    if (knownFailures.has(file)) {
      skips.set(file, "@actions/workflow-parser itself fails it upstream (known-failures.txt)");
    } else if (partCount > 3) {
      skips.set(file, "it calls reusable workflows, which validateWithParser does not fetch");
    }
  }
  return skips;
}

function positionKey(line: number | undefined, column: number | undefined): string {
  return `${line}:${column}`;
}

describe.skipIf(!isCorpusPresent)("GitHub parser corpus", () => {
  const files = isCorpusPresent ? readdirSync(readerDir).filter((file) => file.endsWith(".yml")).sort() : [];
  const all = files.map(readCase);
  const skips = isCorpusPresent ? listSkips(all) : new Map<string, string>();
  const cases = all.filter(({ file }) => !skips.has(file));

  it("has the cases the corpus README describes", () => {
    expect(files).toHaveLength(195);
    expect(cases.length).toBeGreaterThan(0);
  });

  // Listed as skipped tests so the report shows each one and why.
  for (const [file, reason] of skips) it.skip(`${file}: ${reason}`, () => {});

  it.each(cases)("$file", async ({ file, options, workflow, expectedErrors }) => {
    const diagnostics = await validateWithParser(workflow, `.github/workflows/${file}`, {
      featureFlags: options?.["experimental-features"],
    });
    if (!expectedErrors) {
      expect(diagnostics).toEqual([]);
      return;
    }
    expect(diagnostics.length).toBeGreaterThanOrEqual(1);
    for (const diagnostic of diagnostics) expect(diagnostic.rule).toBe("parser");

    // Every position GitHub prints is one we report, and we report no others (as a list: same count too).
    const expected = expectedErrors.map((message) => {
      const printed = POSITION.exec(message);
      return printed ? positionKey(Number(printed[1]), Number(printed[2])) : "no position";
    });
    const reported = diagnostics.map((diagnostic) => positionKey(diagnostic.line, diagnostic.column));
    expect(reported.sort()).toEqual(expected.sort());
  });
});
