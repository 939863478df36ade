import { describe, expect, it } from "vitest";
import { job, workflow } from "../../src/dsl/workflow.js";
import type { Job } from "../../src/dsl/types.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { compileRulesets, rulesetFolderOf } from "../../src/rulesets/compile-rulesets.js";
import { type RulesetRule, type RulesetSpec, ruleset } from "../../src/rulesets/ruleset.js";
import { validateRulesetDocument } from "../../src/rulesets/ruleset-schema.js";

const TARGET = { name: "web", sources: ["workflows-src/targets/web/*.ts"], outDir: "generated/web/.github/workflows" };
const steps = [{ run: "make" }];
const requiring = (...checks: Job[]): RulesetSpec => ({
  conditions: { ref_name: { include: ["refs/heads/main"] } },
  rules: [{ type: "required_status_checks", parameters: { required_status_checks: checks } }],
});

/** Compiles one target source exporting `exports`, and returns what the ruleset stage made of it. */
async function compileExports(exports: Record<string, unknown>) {
  const normalized = normalizeSource({ file: "workflows-src/targets/web/web.ts", exports });
  expect(normalized.diagnostics).toEqual([]);
  const result = await compileRulesets(TARGET, [normalized], [], (position) => position);
  return { ...result, json: Object.fromEntries(result.files.map((file) => [file.path, JSON.parse(file.text) as Record<string, unknown>])) };
}

const contextsOf = (document: Record<string, unknown>) =>
  (document.rules as { type: string; parameters: { required_status_checks: { context: string; integration_id: number }[] } }[]).find((rule) => rule.type === "required_status_checks")!.parameters.required_status_checks;

describe("ruleset() → GitHub's REST JSON", () => {
  it("writes every field, GitHub's defaults filled in, in the API's order, valid against the schema", async () => {
    const gate = job({ name: "Gate", "runs-on": "x", steps });
    const rules: RulesetRule[] = [
      { type: "pull_request" },
      { type: "required_status_checks", parameters: { required_status_checks: [gate] } },
      { type: "merge_queue" },
      { type: "required_linear_history" },
      { type: "non_fast_forward" },
      { type: "deletion" },
    ];
    const { json, diagnostics, files } = await compileExports({
      ci: workflow("ci", { on: { pull_request: {}, merge_group: {} }, jobs: { gate } }),
      main: ruleset("main", { conditions: { ref_name: { include: ["refs/heads/main"] } }, rules }),
    });
    expect(diagnostics).toEqual([]);
    expect(files.map((file) => [file.path, file.sourceFile, file.target])).toEqual([["generated/web/rulesets/main.json", "workflows-src/targets/web/web.ts", "web"]]);
    const document = json["generated/web/rulesets/main.json"]!;
    expect(Object.keys(document)).toEqual(["name", "target", "enforcement", "bypass_actors", "conditions", "rules"]);
    expect(document).toMatchObject({ name: "main", target: "branch", enforcement: "active", bypass_actors: [], conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } } });
    expect(document.rules).toEqual([
      { type: "pull_request", parameters: { required_approving_review_count: 0, dismiss_stale_reviews_on_push: false, require_code_owner_review: false, require_last_push_approval: false, required_review_thread_resolution: false, allowed_merge_methods: ["merge", "squash", "rebase"] } },
      { type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "Gate", integration_id: 15368 }] } },
      { type: "merge_queue", parameters: { merge_method: "MERGE", grouping_strategy: "ALLGREEN", max_entries_to_build: 5, min_entries_to_merge: 1, max_entries_to_merge: 5, min_entries_to_merge_wait_minutes: 5, check_response_timeout_minutes: 60 } },
      { type: "required_linear_history" },
      { type: "non_fast_forward" },
      { type: "deletion" },
    ]);
    expect(validateRulesetDocument(document)).toEqual([]);
    expect(files[0]!.text.endsWith("}\n")).toBe(true);
  });

  it("keeps bypass actors, tags and exclusions as given", async () => {
    const { json } = await compileExports({
      release: workflow("release", { on: { push: { tags: ["v*"] } }, jobs: { build: job({ "runs-on": "x", steps }) } }),
      tags: ruleset("release-tags", {
        target: "tag",
        enforcement: "evaluate",
        bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole" }, { actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }],
        conditions: { ref_name: { include: ["refs/tags/v*"], exclude: ["refs/tags/v0.*"] } },
        rules: [{ type: "deletion" }, { type: "creation" }],
      }),
    });
    const document = json["generated/web/rulesets/release-tags.json"]!;
    expect(document).toEqual({
      name: "release-tags",
      target: "tag",
      enforcement: "evaluate",
      bypass_actors: [{ actor_id: 5, actor_type: "RepositoryRole", bypass_mode: "always" }, { actor_id: null, actor_type: "DeployKey", bypass_mode: "always" }],
      conditions: { ref_name: { include: ["refs/tags/v*"], exclude: ["refs/tags/v0.*"] } },
      rules: [{ type: "deletion" }, { type: "creation" }],
    });
    expect(validateRulesetDocument(document)).toEqual([]);
  });

  it("writes the check each job reports: name or id, each matrix leg, caller / callee", async () => {
    const named = job({ name: "Unit tests", "runs-on": "x", steps });
    const unnamed = job({ "runs-on": "x", steps });
    const matrix = job({ name: "Node", "runs-on": "x", strategy: { matrix: { node: [18, 20] } }, steps });
    const lint = job({ name: "Lint", "runs-on": "x", steps });
    const { json, diagnostics } = await compileExports({
      ci: workflow("ci", {
        on: { pull_request: {} },
        jobs: { named, unnamed, matrix, checks: job({ name: "Checks", uses: "./.github/workflows/lint.yml" }) },
      }),
      lint: workflow("lint", { on: { workflow_call: {} }, jobs: { lint } }),
      main: ruleset("main", requiring(named, unnamed, matrix, lint)),
    });
    expect(diagnostics).toEqual([]);
    expect(contextsOf(json["generated/web/rulesets/main.json"]!)).toEqual(
      ["Unit tests", "unnamed", "Node (18)", "Node (20)", "Checks / Lint"].map((context) => ({ context, integration_id: 15368 })),
    );
  });

  it("finds a job imported from another source, which is an equal copy rather than the same object", async () => {
    const build = () => job({ name: "Gate", needs: [job({ "runs-on": "x", steps })], "runs-on": "x", steps });
    const original = build();
    const { json, diagnostics } = await compileExports({
      ci: workflow("ci", { on: { pull_request: {} }, jobs: { test: (original.spec.needs as Job[])[0]!, gate: original } }),
      // the ruleset's source bundles its own copy of the workflow module, so its gate is a copy
      main: ruleset("main", requiring(build())),
    });
    expect(diagnostics).toEqual([]);
    expect(contextsOf(json["generated/web/rulesets/main.json"]!)).toEqual([{ context: "Gate", integration_id: 15368 }]);
  });

  it("follows a renamed job: the ruleset is written from the job, never from a copy of its name", async () => {
    const contexts = async (name: string) => {
      const gate = job({ name, "runs-on": "x", steps });
      const { json } = await compileExports({ ci: workflow("ci", { on: { pull_request: {} }, jobs: { gate } }), main: ruleset("main", requiring(gate)) });
      return contextsOf(json["generated/web/rulesets/main.json"]!).map((check) => check.context);
    };
    expect(await contexts("Gate")).toEqual(["Gate"]);
    expect(await contexts("All green")).toEqual(["All green"]);
  });

  it.each([
    ["a job in no workflow of the target", () => ({ ci: workflow("ci", { on: "pull_request", jobs: { a: job({ "runs-on": "x", steps }) } }), main: ruleset("main", requiring(job({ name: "Gate", "runs-on": "x", steps }))) }), /is in no workflow of this target/, ["rules", 0, "parameters", "required_status_checks", 0]],
    ["a check given as a string", () => ({ main: ruleset("main", requiring("Gate" as unknown as Job)) }), /is not a job built with job\(\)/, ["rules", 0, "parameters", "required_status_checks", 0]],
    ["a name known only at run time", () => {
      const test = job({ name: "Test ${{ github.event_name }}", "runs-on": "x", steps });
      return { ci: workflow("ci", { on: "pull_request", jobs: { test } }), main: ruleset("main", requiring(test)) };
    }, /cannot be computed: its name uses `\$\{\{ github.event_name \}\}`/, ["rules", 0, "parameters", "required_status_checks", 0]],
    ["a matrix known only at run time", () => {
      const test = job({ name: "Test", "runs-on": "x", strategy: { matrix: "${{ fromJSON(vars.M) }}" }, steps });
      return { ci: workflow("ci", { on: "pull_request", jobs: { test } }), main: ruleset("main", requiring(test)) };
    }, /its matrix is an expression/, ["rules", 0, "parameters", "required_status_checks", 0]],
    ["a job of a reusable workflow nobody calls", () => {
      const lint = job({ name: "Lint", "runs-on": "x", steps });
      return { lint: workflow("lint", { on: "workflow_call", jobs: { lint } }), main: ruleset("main", requiring(lint)) };
    }, /only runs when called, and no job of this target calls it/, ["rules", 0, "parameters", "required_status_checks", 0]],
    ["no job in the rule", () => ({ main: ruleset("main", requiring()) }), /lists no job/, ["rules", 0]],
    ["a name that is no file name", () => ({ main: ruleset("main branch", { conditions: { ref_name: { include: ["refs/heads/main"] } }, rules: [] }) }), /cannot be a file name/, undefined],
    ["a tag ref in a branch ruleset", () => ({ main: ruleset("main", { conditions: { ref_name: { include: ["refs/tags/v*"] } }, rules: [] }) }), /is not a branch ref/, ["conditions", "ref_name", "include", 0]],
    ["nothing included", () => ({ main: ruleset("main", { conditions: { ref_name: { include: [] } }, rules: [] }) }), /protects nothing/, ["conditions", "ref_name", "include"]],
    ["an approval count GitHub refuses", () => ({ main: ruleset("main", { conditions: { ref_name: { include: ["~DEFAULT_BRANCH"] } }, rules: [{ type: "pull_request", parameters: { required_approving_review_count: 11 } }] }) }), /required_approving_review_count must be <= 10/, ["rules", 0, "parameters", "required_approving_review_count"]],
  ])("refuses %s, naming the place, and writes nothing", async (_, exports, message, path) => {
    const { files, diagnostics } = await compileExports(exports());
    expect(files).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ rule: "normalize", severity: "error", message: expect.stringMatching(message) });
    expect(diagnostics[0]!.path).toEqual(path);
    expect(diagnostics[0]!.hint?.length).toBeGreaterThan(0);
  });

  it("reports two exports of the same ruleset name", async () => {
    const spec: RulesetSpec = { conditions: { ref_name: { include: ["~ALL"] } }, rules: [{ type: "deletion" }] };
    const { files, diagnostics } = await compileExports({ a: ruleset("main", spec), b: ruleset("main", spec) });
    expect(files).toHaveLength(1);
    expect(diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.file])).toEqual([["sync", "generated/web/rulesets/main.json"]]);
  });

  it("puts a generated target's rulesets beside its .github, and this repository's inside it", () => {
    expect(rulesetFolderOf(".github/workflows")).toBe(".github/rulesets");
    expect(rulesetFolderOf("generated/web/.github/workflows")).toBe("generated/web/rulesets");
    expect(rulesetFolderOf("apps/api/ci")).toBe("apps/api/ci/rulesets");
  });
});

describe("schema/ruleset.schema.json", () => {
  const valid = { name: "main", enforcement: "active", conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: true, required_status_checks: [{ context: "Gate" }] } }] };
  it.each([
    ["a field the API does not take", { ...valid, id: 7 }, [], /has the field "id"/],
    ["a missing enforcement", { name: "main" }, [], /must have required property 'enforcement'/],
    ["an unknown enforcement", { ...valid, enforcement: "on" }, ["enforcement"], /must be equal to one of the allowed values/],
    ["a ref that is neither a ref nor ~DEFAULT_BRANCH", { ...valid, conditions: { ref_name: { include: ["main"] } } }, ["conditions", "ref_name", "include", 0], /must/],
    ["a status check without a context", { ...valid, rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ integration_id: 15368 }] } }] }, ["rules", 0, "parameters", "required_status_checks", 0], /'context'/],
    ["a pull_request parameter missing", { ...valid, rules: [{ type: "pull_request", parameters: { required_approving_review_count: 1 } }] }, ["rules", 0, "parameters"], /required property/],
    ["a parameter on a rule that takes none", { ...valid, rules: [{ type: "deletion", parameters: {} }] }, ["rules", 0], /has the field "parameters"/],
    ["a rule type trunkline does not describe", { ...valid, rules: [{ type: "workflows" }] }, ["rules", 0, "type"], /allowed values/],
  ])("rejects %s", (_, document, path, message) => {
    const problems = validateRulesetDocument(document);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.path).toEqual(path);
    expect(problems.map((problem) => problem.message).join("\n")).toMatch(message);
  });

  it("accepts a minimal ruleset", () => {
    expect(validateRulesetDocument(valid)).toEqual([]);
  });
});
