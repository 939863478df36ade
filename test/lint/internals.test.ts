import { describe, expect, it } from "vitest";
import { createLocator } from "../../src/diagnostics/locate.js";
import { expressionFacts, findExpressions } from "../../src/rules/_expressions.js";
import { filterPatternProblem, matchesFilterList } from "../../src/rules/_filters.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { commentSuppressions, lintYaml } from "../../src/validate/lint-yaml.js";
import type { RuleInput } from "../../src/validate/run-rules.js";
import { repositoryRootOfWorkflow, requiredChecksOf } from "../../src/validate/ruleset-checks.js";

describe("expressions", () => {
  it("finds ${{ }} the way GitHub's reader does: }} inside a quoted string does not close it", () => {
    const text = "a ${{ format('}}{0}', x) }} b ${{ y }}";
    expect(findExpressions(text).map((found) => found.body)).toEqual([" format('}}{0}', x) ", " y "]);
    expect(findExpressions("${{ unclosed")).toEqual([]);
  });

  it("reads context paths, bracket and star access, and calls", () => {
    const facts = expressionFacts("!cancelled() && needs['Build'].outputs.v == steps.x.outputs[matrix.k] || github.event.commits.*.message");
    expect(facts.references).toEqual([
      { root: "needs", segments: ["build", "outputs", "v"] },
      { root: "steps", segments: ["x", "outputs", null] },
      { root: "matrix", segments: ["k"] },
      { root: "github", segments: ["event", "commits", "*", "message"] },
    ]);
    expect([...facts.functions]).toEqual(["cancelled"]);
    expect(expressionFacts("'needs.x' == true").references).toEqual([]);
  });
});

describe("filter patterns", () => {
  it("evaluates a list in order, ! excluding what came before", () => {
    const patterns = ["release/**", "!release/**-alpha"];
    expect(matchesFilterList(patterns, "release/1.0")).toBe(true);
    expect(matchesFilterList(patterns, "release/1.0-alpha")).toBe(false);
    expect(matchesFilterList(["*"], "feature/x")).toBe(false);
    expect(matchesFilterList(["v[0-9]+.*"], "v12.x")).toBe(true);
  });

  it("accepts what the cheat sheet allows", () => {
    for (const pattern of ["**", "*.md", "docs/**/*.md", "v[0-9]+", "!main", "a\\+b"]) expect(filterPatternProblem(pattern, "path")).toBeUndefined();
  });
});

describe("rulesets", () => {
  const ruleset = (extra: object) => ({
    target: "branch",
    enforcement: "active",
    conditions: { ref_name: { include: ["refs/heads/main", "~DEFAULT_BRANCH", "refs/heads/release/*"], exclude: [] } },
    rules: [{ type: "pull_request" }, { type: "required_status_checks", parameters: { required_status_checks: [{ context: "Gate", integration_id: 15368 }] } }],
    ...extra,
  });

  it("gives each required check with the branches it names plainly", () => {
    expect(requiredChecksOf(ruleset({}))).toEqual([{ name: "Gate", branches: ["main"] }]);
  });

  it("ignores disabled rulesets, tag rulesets and anything unreadable", () => {
    expect(requiredChecksOf(ruleset({ enforcement: "disabled" }))).toEqual([]);
    expect(requiredChecksOf(ruleset({ target: "tag" }))).toEqual([]);
    expect(requiredChecksOf("nonsense")).toEqual([]);
  });

  it("finds the repository a workflow belongs to", () => {
    expect(repositoryRootOfWorkflow(".github/workflows/ci.yml")).toBe("");
    expect(repositoryRootOfWorkflow("generated/web/.github/workflows/ci.yml")).toBe("generated/web");
  });
});

describe("# trunkline-ignore comments", () => {
  it("target the node on their line, the next line, or the whole sequence item", () => {
    const yaml = "jobs:\n  a: # trunkline-ignore: x\n    steps:\n      # trunkline-ignore: y, z -- reason\n      - uses: o/r@v1\n        with: {}\n# trunkline-ignore-file: w\n";
    const suppressions = commentSuppressions(yaml, createLocator(yaml));
    expect([...suppressions].map(([key, rules]) => [key.split("\u0000"), rules])).toEqual([
      [["jobs", "a"], ["x"]],
      [["jobs", "a", "steps", "0"], ["y", "z"]],
      [[""], ["w"]],
    ]);
  });
});

describe("lint's cache", () => {
  const setup = (ruleFindings: Diagnostic[]) => {
    const known = new Set<string>();
    const calls = { validators: 0, rules: 0 };
    const options = {
      validationCache: { has: (key: string) => known.has(key), add: (key: string) => void known.add(key) },
      validators: async () => [() => (calls.validators++, [])],
      runRules: (input: RuleInput) => (calls.rules++, ruleFindings.map((finding) => ({ ...finding, file: input.file }))),
      rulesKey: "settings",
    };
    return { calls, options };
  };
  const yaml = "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n";

  it("skips a file that gave no finding with the same text and settings", async () => {
    const { calls, options } = setup([]);
    await lintYaml("w.yml", yaml, options);
    await lintYaml("w.yml", yaml, options);
    expect(calls).toEqual({ validators: 1, rules: 1 });
    await lintYaml("w.yml", yaml, { ...options, rulesKey: "other settings" });
    expect(calls).toEqual({ validators: 1, rules: 2 });
  });

  it("runs the rules again on a file with findings, but not the validators it passed", async () => {
    const { calls, options } = setup([{ rule: "timeout-missing", severity: "warning", message: "m", file: "", path: ["jobs", "a"] }]);
    const first = await lintYaml("w.yml", yaml, options);
    const second = await lintYaml("w.yml", yaml, options);
    expect(second).toEqual(first);
    expect(first[0]).toMatchObject({ line: 3, column: 3 });
    expect(calls).toEqual({ validators: 1, rules: 2 });
  });
});
