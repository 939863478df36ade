import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { describeDifference, firstDifference } from "../../src/importer/first-difference.js";
import { loadModules } from "../../src/load/load-modules.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { consumerTypeErrors } from "../support/consumer-type-check.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";
import { type CorpusInputs, HAS_CORPORA, readCorpusInputs } from "./corpus-inputs.js";

const CORPORA = ["actionlint-ok", "schemastore-valid", "github-parser"] as const;
type Corpus = (typeof CORPORA)[number];

/**
 * Files whose import is known not to reproduce the original exactly, with why. The target is none;
 * an entry here must say what stands in the way.
 */
const NON_FINITE = "holds .inf or .nan (YAML 1.2 floats GitHub's parser accepts); trunkline's model is JSON and normalize rejects non-finite numbers, so import writes the source and reports the path";
const KNOWN_MISSES: Record<Corpus, Record<string, string>> = {
  "actionlint-ok": {},
  "schemastore-valid": {},
  "github-parser": {
    "coercion-to-string.yml": NON_FINITE,
    "matrix-basic.yml": `${NON_FINITE} (a 400-digit integer overflows to Infinity)`,
    "round-to-infinity.yml": NON_FINITE,
    "yaml-schema-float.yml": NON_FINITE,
  },
};

/** Files GitHub's parser rejects (corpora README); import still reproduces them, and warns. */
const PARSER_REJECTS: Record<Exclude<Corpus, "github-parser">, string[]> = {
  "actionlint-ok": ["anchors.yaml", "issue-402-expression-in-services.yaml", "workflow_dispatch_upper_case_inputs.yaml"],
  "schemastore-valid": ["918.yaml", "env-from-json.yaml", "env-with-simple-expression.yaml", "parallel-steps.yaml"],
};

interface ImportRun {
  code: number;
  diagnostics: { rule: string; severity: string; file: string; message: string }[];
  stderr: string;
}

describe.skipIf(!HAS_CORPORA)("import round trip over the external corpora", () => {
  let repo: TempRepo;
  let inputs: CorpusInputs;
  const runs = new Map<Corpus, ImportRun>();
  const sourcesOf = (corpus: Corpus) => inputs[corpus].map((file) => `workflows-src/targets/${corpus}/${file.name.replace(/\.ya?ml$/, "")}.ts`);

  beforeAll(async () => {
    inputs = await readCorpusInputs();
    repo = await createTempRepo();
    for (const corpus of CORPORA) {
      for (const file of inputs[corpus]) await repo.write(`in/${corpus}/${file.name}`, file.text);
      // one import per corpus, each into its own target (no config: workflows-src/targets/<name>/)
      const result = await repo.run(["import", `in/${corpus}`, "--target", corpus, "--format", "json"]);
      runs.set(corpus, { code: result.code, diagnostics: result.stdout ? JSON.parse(result.stdout) : [], stderr: result.stderr });
    }
  }, 120_000);

  afterAll(async () => {
    await repo?.dispose();
  });

  it("reads the corpora the README describes", () => {
    expect(inputs["actionlint-ok"]).toHaveLength(84);
    expect(inputs["schemastore-valid"]).toHaveLength(37);
    expect(inputs["github-parser"].length + inputs.parserRejected.size).toBe(195);
  });

  // The reader cases GitHub's parser rejects are not workflows to import; each is listed with why.
  it("lists the github-parser cases left out, each with the parser's reason", () => {
    expect(inputs.parserRejected.size).toBeGreaterThan(0);
    for (const [file, reason] of inputs.parserRejected) expect(reason, file).not.toBe("");
  });

  describe.each(CORPORA)("%s", (corpus) => {
    it("import verifies every file itself and reports no miss", () => {
      const run = runs.get(corpus)!;
      const misses = run.diagnostics.filter((diagnostic) => diagnostic.severity === "error").map((diagnostic) => diagnostic.file.replace(/^.*\//, ""));
      expect(misses.sort()).toEqual(Object.keys(KNOWN_MISSES[corpus]).sort());
      expect(run.code, run.stderr).toBe(misses.length ? 2 : 0);
      expect(run.stderr).toContain(`${inputs[corpus].length - misses.length} imported with an exact round trip`);
    });

    it("every source regenerates YAML that parses deep-equal to the original", async () => {
      const sources = sourcesOf(corpus);
      const loaded = await loadModules(repo.root, sources, `verify-${corpus}`);
      expect(loaded.diagnostics).toEqual([]);
      const misses: Record<string, string> = {};
      inputs[corpus].forEach((file, index) => {
        const source = sources[index]!;
        const { workflows, diagnostics } = normalizeSource({ file: source, exports: loaded.modules.get(source)! });
        if (diagnostics.length || workflows.length !== 1) {
          misses[file.name] = diagnostics[0]?.message ?? `${workflows.length} workflows`;
          return;
        }
        const regenerated = parse(emitYaml(workflows[0]!.model, source), { merge: true }) as unknown;
        const difference = firstDifference(parse(file.text, { merge: true, logLevel: "error" }), regenerated);
        if (difference || workflows[0]!.fileName !== file.name) misses[file.name] = difference ? describeDifference(difference) : `generates ${workflows[0]!.fileName}`;
      });
      const total = inputs[corpus].length;
      console.info(`${corpus}: ${total - Object.keys(misses).length}/${total} round trips exact`);
      expect(Object.keys(misses).sort()).toEqual(Object.keys(KNOWN_MISSES[corpus]).sort());
    });

    if (corpus !== "github-parser") {
      it("warns, without failing, about the files GitHub's parser rejects", () => {
        const warned = runs.get(corpus)!.diagnostics.filter((diagnostic) => diagnostic.severity === "warning" && /rejects it/.test(diagnostic.message));
        expect([...new Set(warned.map((diagnostic) => diagnostic.file.replace(/^.*\//, "")))].sort()).toEqual(PARSER_REJECTS[corpus]);
      });
    }
  });

  it("the imported sources typecheck", async () => {
    // a source with a type error proves the check sees trunkline's types and reports what is wrong
    await repo.write("sentinel.ts", 'import { job } from "trunkline";\nexport const broken = job({ "runs-on": "x", "timeout-minute": 5, steps: [] });\n');
    const files = [...CORPORA.flatMap((corpus) => sourcesOf(corpus)), "sentinel.ts"].map((source) => path.join(repo.root, source));
    const problems = consumerTypeErrors(repo.root, files, { allowImportingTsExtensions: true });
    expect(problems).toEqual([expect.stringMatching(/^sentinel\.ts:2 /)]);
  }, 60_000);
});
