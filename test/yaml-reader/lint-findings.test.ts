import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { realWorldWorkflow } from "../../scripts/bench/lint-corpus.js";
import { CORPORA_DIR, HAS_CORPORA } from "../importer/corpus-inputs.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { yamlFilesUnder } from "../support/corpus-workflows.js";

type Lint = (file: string, text: string) => Promise<Diagnostic[]>;

const READER = "../../src/yaml-reader/read-yaml.js";
// texts the `yaml`-only copy parsed, to show that copy is the one that ran
let yamlReads = 0;

// Lint as the CLI runs it (schema, GitHub's parser, every rule), loaded afresh: with the quick
// reader, or with a reader that always leaves the text to `yaml`, as lint did before it.
async function loadLint(quick: boolean): Promise<Lint> {
  vi.resetModules();
  if (quick) vi.doUnmock(READER);
  else {
    vi.doMock(READER, async () => {
      const { parseDocument } = await import("yaml");
      const { PARSER_YAML_OPTIONS } = await import("../../src/validate/parsed-yaml.js");
      return {
        readYaml: (text: string, lineCounter: import("yaml").LineCounter) => {
          yamlReads++;
          return parseDocument(text, { lineCounter, ...PARSER_YAML_OPTIONS });
        },
        quickDocument: () => undefined,
      };
    });
  }
  const { lintYaml } = await import("../../src/validate/lint-yaml.js");
  const { defaultValidators } = await import("../../src/validate/default-validators.js");
  const { createRuleRunner } = await import("../../src/validate/run-rules.js");
  const validators = await defaultValidators();
  const runRules = createRuleRunner();
  return (file, text) => lintYaml(file, text, { validators: async () => validators, runRules });
}

// Findings as parsed, sorted JSON, so only what they say counts.
const sorted = (diagnostics: readonly Diagnostic[]) => diagnostics.map((diagnostic) => JSON.stringify(diagnostic)).sort();

function corpusFiles(): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  for (let index = 0; index < 1500; index++) files.push({ file: `.github/workflows/bench-${index}.yml`, text: realWorldWorkflow(index) });
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0");
  for (const file of tracked.filter((name) => /\.ya?ml$/.test(name))) files.push({ file, text: readFileSync(path.join(REPO_ROOT, file), "utf8") });
  if (HAS_CORPORA) {
    for (const file of yamlFilesUnder(CORPORA_DIR)) {
      const text = readFileSync(file, "utf8");
      const name = path.relative(CORPORA_DIR, file);
      files.push({ file: name, text: path.dirname(file).endsWith("reader") ? (text.split(/\r?\n---\r?\n/)[1] ?? "") : text });
    }
  }
  return files;
}

describe("lint with the quick YAML reader", () => {
  it("issue 12.speed: gives the same findings as with yaml's parser on the bench corpus, the project's YAML and the shared corpora", async () => {
    const files = corpusFiles();
    const quick = await loadLint(true);
    const withQuick = await Promise.all(files.map(({ file, text }) => quick(file, text)));
    const before = await loadLint(false);
    const withYaml = await Promise.all(files.map(({ file, text }) => before(file, text)));
    expect(yamlReads).toBe(files.length);
    let findings = 0;
    files.forEach(({ file }, index) => {
      expect(sorted(withQuick[index]!), file).toEqual(sorted(withYaml[index]!));
      findings += withYaml[index]!.length;
    });
    // the corpora do give findings, so equal lists say something
    expect(findings).toBeGreaterThan(1000);
    vi.doUnmock(READER);
  }, 300_000);
});
