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

/**
 * Converter findings GitHub prints only once the reader's errors are fixed (it converts only a
 * workflow that read cleanly), which trunkline reports in the same run: by case, each with where,
 * what and why.
 */
const FINDINGS_GITHUB_PRINTS_LATER: Record<string, { at: string; message: string; why: string }[]> = {
  "job-container-invalid.yml": [{ at: "21:9", message: "Container image cannot be empty", why: "build3's service has an unknown key and no image; GitHub names the missing image after the key is fixed" }],
};

function positionKey(line: number | undefined, column: number | undefined): string {
  return `${line}:${column}`;
}

describe.skipIf(!isCorpusPresent)("GitHub parser corpus", () => {
  const files = isCorpusPresent ? readdirSync(readerDir).filter((file) => file.endsWith(".yml")).sort() : [];
  const all = files.map(readCase);
  const skips = isCorpusPresent ? listSkips(all) : new Map<string, string>();
  const cases = all.filter(({ file }) => !skips.has(file));

  it("every FINDINGS_GITHUB_PRINTS_LATER entry names a case that is run", () => {
    expect(Object.keys(FINDINGS_GITHUB_PRINTS_LATER).filter((file) => !cases.some((entry) => entry.file === file))).toEqual([]);
  });

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
    const later = FINDINGS_GITHUB_PRINTS_LATER[file] ?? [];
    const reported = diagnostics.filter((diagnostic) => !later.some(({ at, message }) => at === positionKey(diagnostic.line, diagnostic.column) && message === diagnostic.message));
    expect(diagnostics.length - reported.length).toBe(later.length);
    expect(reported.map((diagnostic) => positionKey(diagnostic.line, diagnostic.column)).sort()).toEqual(expected.sort());
  });
});
