import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { defaultValidators } from "../../src/validate/default-validators.js";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";
import { type ActionlintFinding, actionlint } from "../support/actionlint.js";
import { corpusWorkflows } from "../support/corpus-workflows.js";
import { REPO_ROOT } from "../support/temp-repo.js";
import { MUTATIONS, type Mutant, mutants } from "../support/workflow-mutations.js";

// Clean real workflows, each given small mistakes (test/support/workflow-mutations.ts); actionlint,
// run on the same texts, says where each mistake is. For every line actionlint reports in a kind
// trunkline covers, trunkline must report something on that line too.
const CORPORA = path.resolve(REPO_ROOT, "../shared/corpora");
const isCorpusPresent = existsSync(path.join(CORPORA, "actionlint-ok"));
if (!isCorpusPresent) console.info(`actionlint differential skipped: ${CORPORA} is absent (it lives beside the repository, not in it)`);

/** actionlint's `kind` for each of the in-scope kinds. */
const IN_SCOPE: Record<string, string> = {
  "syntax-check": "syntax",
  expression: "expressions",
  events: "events",
  "job-needs": "needs",
  matrix: "matrix",
  id: "ids",
  "if-cond": "conditions",
  glob: "globs",
  "workflow-call": "reusable-workflow calls",
  credentials: "credentials",
  "deprecated-commands": "deprecated commands",
  permissions: "permissions",
};

/** actionlint's kinds outside the scope, with why; shown in the table, not held to the floor. */
const OUT_OF_SCOPE: Record<string, string> = {
  shellcheck: "runs the external shellcheck, which the WASM build lacks",
  pyflakes: "runs the external pyflakes, which the WASM build lacks",
  "runner-label": "depends on the repository's self-hosted labels, which the default configuration does not know",
  "shell-name": "not in the issue's list of kinds",
  "env-var": "not in the issue's list of kinds",
  action: "not in the issue's list of kinds (action inputs are checked against a versioned table of popular actions)",
};

/**
 * trunkline's policy rules: their findings say nothing about a mistake, so one landing on the line
 * by chance (a copied job's missing timeout on its id's line) does not count as finding it.
 */
const POLICY_RULES = new Set([
  "permissions-missing", "timeout-missing", "concurrency-missing", "unpinned-action", "unpinned-image", "dangerous-trigger",
  "persist-credentials", "cache-poisoning", "secrets-inherit", "action-outdated",
]);

/**
 * Lines actionlint reports that trunkline must not, keyed `<mutation> <actionlint kind>`: each a
 * false alarm of actionlint's, something GitHub itself accepts, or a second report of a mistake
 * trunkline reports where it is. Shown in the table, not expected.
 */
const NOT_EXPECTED: Record<string, string> = {
  "call-secret-undeclared-in-called expression":
    "a reusable workflow called with `secrets: inherit` receives every secret of its caller, declared or not, and the same workflow run by its other triggers reads the repository's secrets; GitHub reads an undeclared name as empty, with no error",
  "call-secret-required-not-boolean expression":
    "the base workflow reads secrets its new workflow_call trigger does not declare: not a mistake, for the reason above",
  "on-missing expression":
    "a consequence of the missing `on:` (which both report): with no trigger actionlint types `inputs` as empty and reports every input read; GitHub refuses the file for the missing `on:` alone",
  "job-env-empty syntax-check":
    "tidiness advice, not a mistake: GitHub's parser accepts an empty `env: {}`, which sets nothing",
  "services-empty syntax-check":
    "tidiness advice, not a mistake: GitHub's parser accepts an empty `services: {}`, which starts nothing",
  "job-outputs-empty syntax-check":
    "tidiness advice, not a mistake: GitHub's parser accepts an empty `outputs: {}`, which declares nothing",
  "steps-not-a-list syntax-check":
    "a second report: having rejected `steps:` as a mapping (trunkline reports that too, at `steps:`), actionlint also says the job has no steps, at its id",
};

/** Lines actionlint reports that trunkline does not report there, keyed `<mutation> <actionlint kind>`, with why. */
const KNOWN_MISSES: Record<string, string> = {
  "steps-empty syntax-check":
    "actionlint reports an empty `steps: []` twice: at `steps:`, where trunkline reports it once, and again at the job's id, saying the job has no steps",
  "script-line-untrusted-input expression":
    "in a `run: |` block, script-injection reports each untrusted expression on its own line (where zizmor reports it, and where the editor shows it); actionlint reports it at the `run:` line",
};

/** The share of in-scope lines found that this test holds: the figure measured, rounded down. */
const FLOOR = 0.99;

const PER_MUTATION = 6;

interface Expected {
  mutant: Mutant;
  line: number;
  kind: string;
  message: string;
}

function readBases(): { name: string; text: string }[] {
  const knownFailures = new Set(readFileSync(path.join(CORPORA, "github-parser/known-failures.txt"), "utf8").split(/\r?\n/).filter(Boolean));
  const folders = ["actionlint-ok", "schemastore/valid", "github-parser/reader"].map((folder) => path.join(CORPORA, folder));
  return corpusWorkflows(folders)
    .filter(({ folder, name }) => !folder.endsWith("reader") || !knownFailures.has(name))
    .filter(({ folder, name }) => !folder.endsWith("reader") || !readFileSync(path.join(folder, name), "utf8").includes('"errors"'))
    .map(({ folder, name, workflow }) => ({ name: `${path.basename(folder)}-${name}`, text: workflow }))
    // plain workflows only: no anchors to share a mistake between places, no YAML errors or warnings
    .filter(({ text }) => !/(^|[\s[{,])[&*][A-Za-z0-9_-]/m.test(text))
    .filter(({ text }) => {
      const document = parseDocument(text);
      return document.errors.length === 0 && document.warnings.length === 0;
    });
}

describe.skipIf(!isCorpusPresent)("actionlint as the oracle, on mutated real workflows", () => {
  const expected: Expected[] = [];
  const outOfScope: Expected[] = [];
  const disagreements: Expected[] = [];
  const found = new Map<Expected, boolean>();
  let made: Mutant[] = [];

  beforeAll(async () => {
    const candidates = readBases();
    // Bases actionlint finds fault with say nothing about a mutation: only clean ones are mutated.
    // Two children in all: one for the bases, one for every mutant, each paying the start-up once.
    const faulted = new Set((await actionlint(candidates.map(({ name, text }) => ({ path: name, text })))).map(({ path }) => path));
    const bases = candidates.filter(({ name }) => !faulted.has(name));
    made = mutants(bases, PER_MUTATION);
    const byPath = new Map<string, ActionlintFinding[]>();
    for (const finding of await actionlint(made.map(({ path, text }) => ({ path, text })))) byPath.set(finding.path, [...(byPath.get(finding.path) ?? []), finding]);
    const runRules = createRuleRunner();
    const lint = (file: string, text: string) => lintYaml(file, text, { validators: defaultValidators, runRules });
    const baseFindings = new Map<string, Set<string>>();
    for (const mutant of made) {
      if (!baseFindings.has(mutant.base)) {
        const base = bases.find(({ name }) => name === mutant.base)!;
        baseFindings.set(mutant.base, new Set((await lint("workflow.yml", base.text)).map(keyOf)));
      }
      const before = baseFindings.get(mutant.base)!;
      const ours = (await lint("workflow.yml", mutant.text)).filter((diagnostic) => !POLICY_RULES.has(diagnostic.rule) && !before.has(keyOf(diagnostic)));
      const lines = new Set<string>();
      for (const finding of byPath.get(mutant.path) ?? []) {
        const where = `${finding.line} ${finding.kind}`;
        if (lines.has(where)) continue;
        lines.add(where);
        const entry = { mutant, line: finding.line, kind: finding.kind, message: finding.message };
        if (!(finding.kind in IN_SCOPE)) {
          outOfScope.push(entry);
        } else if (`${mutant.mutation} ${finding.kind}` in NOT_EXPECTED) {
          disagreements.push(entry);
        } else {
          expected.push(entry);
        }
        found.set(entry, ours.some((diagnostic) => diagnostic.line === finding.line));
      }
    }
    printTable(expected, outOfScope, disagreements, found);
  }, 120_000);

  it("issue 12: every mutation operator makes at least one mutant", () => {
    const used = new Set(made.map(({ mutation }) => mutation));
    expect(MUTATIONS.map(({ id }) => id).filter((id) => !used.has(id))).toEqual([]);
  });

  it("issue 12: every actionlint kind seen is either in scope or listed out of scope with its reason", () => {
    expect([...new Set([...expected, ...outOfScope].map(({ kind }) => kind))].filter((kind) => !(kind in IN_SCOPE) && !(kind in OUT_OF_SCOPE))).toEqual([]);
  });

  it("issue 12: every in-scope line trunkline misses is a listed known miss", () => {
    const misses = expected.filter((entry) => !found.get(entry));
    expect(misses.filter(({ mutant, kind }) => !(`${mutant.mutation} ${kind}` in KNOWN_MISSES)).map(describeEntry)).toEqual([]);
  });

  it("issue 12: every listed known miss and disagreement still happens", () => {
    const missed = new Set(expected.filter((entry) => !found.get(entry)).map(({ mutant, kind }) => `${mutant.mutation} ${kind}`));
    expect(Object.keys(KNOWN_MISSES).filter((key) => !missed.has(key))).toEqual([]);
    const disagreed = new Set(disagreements.map(({ mutant, kind }) => `${mutant.mutation} ${kind}`));
    expect(Object.keys(NOT_EXPECTED).filter((key) => !disagreed.has(key))).toEqual([]);
  });

  it("issue 12: trunkline finds at least the floor's share of actionlint's in-scope lines", () => {
    expect(expected.length).toBeGreaterThan(100);
    const share = expected.filter((entry) => found.get(entry)).length / expected.length;
    expect(share).toBeGreaterThanOrEqual(FLOOR);
  });
});

function keyOf(diagnostic: Diagnostic): string {
  return `${diagnostic.rule} ${diagnostic.message}`;
}

function describeEntry({ mutant, line, kind, message }: Expected): string {
  return `${mutant.mutation} ${kind} (${mutant.base}:${line}): ${message}`;
}

function printTable(expected: Expected[], outOfScope: Expected[], disagreements: Expected[], found: Map<Expected, boolean>): void {
  const rows = new Map<string, { found: number; expected: number }>();
  const count = (name: string, entry: Expected) => {
    const row = rows.get(name) ?? { found: 0, expected: 0 };
    row.expected++;
    if (found.get(entry)) row.found++;
    rows.set(name, row);
  };
  for (const entry of expected) count(IN_SCOPE[entry.kind]!, entry);
  for (const entry of outOfScope) count(`(${entry.kind}: out of scope)`, entry);
  for (const entry of disagreements) count(`(${entry.mutant.mutation} ${entry.kind}: not expected)`, entry);
  const total = expected.filter((entry) => found.get(entry)).length;
  const lines = [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([name, row]) => `  ${name.padEnd(48)} ${row.found}/${row.expected}`);
  const misses = expected.filter((entry) => !found.get(entry)).map((entry) => `  missed: ${describeEntry(entry)}`);
  console.info(
    [`actionlint's lines on mutated workflows that trunkline finds on the same line, by kind:`, ...lines, `  in scope: ${total}/${expected.length} (${((100 * total) / Math.max(1, expected.length)).toFixed(1)}%)`, ...misses].join("\n"),
  );
}
