// The committed rulesets of this repository and of the example targets, read as data: the shape the
// REST API takes, the protections the seeds ask for, and required checks that are exactly the gates
// of the committed workflows.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../src/compile.js";
import { defaultTargets } from "../../src/config/resolve-config.js";
import { createRepositoryRuleRunner } from "../../src/rulesets/run-repository-rules.js";
import { validateRulesetDocument } from "../../src/rulesets/ruleset-schema.js";
import { REPO_ROOT } from "../support/temp-repo.js";

interface Rule {
  type: string;
  parameters?: Record<string, unknown> & { required_status_checks?: { context: string; integration_id?: number }[] };
}
interface RulesetJson {
  name: string;
  target: string;
  enforcement: string;
  conditions: { ref_name: { include: string[]; exclude: string[] } };
  rules: Rule[];
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WorkflowJson = any;

const REPOSITORIES = {
  trunkline: { root: "", rulesets: ".github/rulesets" },
  ameide: { root: "generated/ameide/", rulesets: "generated/ameide/rulesets" },
  "ameide-gitops": { root: "generated/ameide-gitops/", rulesets: "generated/ameide-gitops/rulesets" },
  "ameide-backlog": { root: "generated/ameide-backlog/", rulesets: "generated/ameide-backlog/rulesets" },
} as const;
type Repository = keyof typeof REPOSITORIES;

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), "utf8");
const list = (folder: string, pattern: RegExp) => readdirSync(path.join(REPO_ROOT, folder)).filter((name) => pattern.test(name)).sort().map((name) => `${folder}/${name}`);

function rulesetsOf(repository: Repository): Map<string, RulesetJson> {
  return new Map(list(REPOSITORIES[repository].rulesets, /\.json$/).map((file) => [file, JSON.parse(read(file)) as RulesetJson]));
}
function workflowsOf(repository: Repository): Map<string, WorkflowJson> {
  return new Map(list(`${REPOSITORIES[repository].root}.github/workflows`, /\.ya?ml$/).map((file) => [file, parse(read(file))]));
}
const ruleOf = (ruleset: RulesetJson, type: string) => ruleset.rules.find((rule) => rule.type === type);
const contextsOf = (ruleset: RulesetJson) => ruleOf(ruleset, "required_status_checks")?.parameters?.required_status_checks ?? [];
const named = (repository: Repository, name: string) => [...rulesetsOf(repository).values()].find((ruleset) => ruleset.name === name)!;

/**
 * The jobs reporting `context` on pull requests into `branch`, read straight from the committed YAML:
 * a job's `name` (or id) in a workflow whose `pull_request` trigger admits the branch. (The examples
 * have no matrix and require no job of a reusable workflow, which the test asserts.)
 */
function reportersOn(repository: Repository, branch: string, context: string) {
  const found: { file: string; id: string; job: WorkflowJson; workflow: WorkflowJson }[] = [];
  for (const [file, workflow] of workflowsOf(repository)) {
    const trigger = workflow.on?.pull_request;
    if (trigger === undefined || (trigger?.branches && !trigger.branches.includes(branch))) continue;
    for (const [id, job] of Object.entries(workflow.jobs as Record<string, WorkflowJson>)) {
      if ((job.name ?? id) === context) found.push({ file, id, job, workflow });
    }
  }
  return found;
}

describe("committed rulesets", () => {
  it.each(Object.keys(REPOSITORIES) as Repository[])("%s: each is valid REST JSON, named after its file, enforced on plain branches", (repository) => {
    const rulesets = rulesetsOf(repository);
    expect(rulesets.size).toBeGreaterThan(0);
    for (const [file, ruleset] of rulesets) {
      expect(validateRulesetDocument(ruleset), file).toEqual([]);
      expect(path.basename(file)).toBe(`${ruleset.name}.json`);
      expect(ruleset).toMatchObject({ target: "branch", enforcement: "active" });
      expect(ruleset.conditions.ref_name.include).toEqual([`refs/heads/${ruleset.name}`]);
    }
  });

  it.each(Object.keys(REPOSITORIES) as Repository[])("%s: every required check is reported by exactly one job of a pull-request workflow into that branch, from GitHub Actions", (repository) => {
    for (const ruleset of rulesetsOf(repository).values()) {
      const contexts = contextsOf(ruleset);
      expect(contexts.length).toBeGreaterThan(0);
      for (const check of contexts) {
        expect(check.integration_id).toBe(15368);
        const reporters = reportersOn(repository, ruleset.name, check.context);
        expect(reporters.map((reporter) => `${reporter.file}#${reporter.id}`), `${ruleset.name} requires "${check.context}"`).toHaveLength(1);
        const { job, workflow } = reporters[0]!;
        expect(job.strategy?.matrix).toBeUndefined();
        expect(job.uses).toBeUndefined();
        // a required check must never be skipped by a path filter of its workflow
        expect(workflow.on.pull_request?.paths).toBeUndefined();
        expect(workflow.on.pull_request?.["paths-ignore"]).toBeUndefined();
      }
    }
  });

  it.each(["ameide", "ameide-gitops", "ameide-backlog"] as const)("%s: the one required check is the always-run gate, which needs every other job", (repository) => {
    for (const ruleset of rulesetsOf(repository).values()) {
      expect(contextsOf(ruleset)).toHaveLength(1);
      const [gate] = reportersOn(repository, ruleset.name, contextsOf(ruleset)[0]!.context);
      const { id, job, workflow } = gate!;
      expect(job.if).toBe("always()");
      expect([...job.needs].sort()).toEqual(Object.keys(workflow.jobs).filter((other) => other !== id).sort());
    }
  });

  it.each(["ameide", "ameide-gitops", "ameide-backlog"] as const)("%s: main takes reviewed pull requests only (seed 002): approval, code owners, resolved conversations, linear history, no force push or deletion", (repository) => {
    const main = named(repository, "main");
    expect(ruleOf(main, "pull_request")?.parameters).toMatchObject({ required_approving_review_count: 1, require_code_owner_review: true, required_review_thread_resolution: true });
    expect(ruleOf(main, "pull_request")?.parameters?.allowed_merge_methods).not.toContain("merge");
    for (const type of ["required_linear_history", "non_fast_forward", "deletion"]) expect(ruleOf(main, type), type).toEqual({ type });
  });

  it("ameide: prod requires a pull request, CI green on it, and linear history, squash only (seed 000)", () => {
    const prod = named("ameide", "prod");
    expect(ruleOf(prod, "pull_request")?.parameters?.allowed_merge_methods).toEqual(["squash"]);
    expect(ruleOf(prod, "required_linear_history")).toEqual({ type: "required_linear_history" });
    const [gate] = reportersOn("ameide", "prod", contextsOf(prod)[0]!.context);
    expect(gate?.file).toBe("generated/ameide/.github/workflows/ci.yml");
    // the same gate guards main: a release pull request is checked exactly like any other
    expect(contextsOf(prod)).toEqual(contextsOf(named("ameide", "main")));
  });

  it("ameide-gitops: the single required check is the gate of gitops-gate.yaml, shown as \"GitOps / Gate\"", () => {
    const [check] = contextsOf(named("ameide-gitops", "main"));
    const [gate] = reportersOn("ameide-gitops", "main", check!.context);
    expect(gate?.file).toBe("generated/ameide-gitops/.github/workflows/gitops-gate.yaml");
    expect(`${gate?.workflow.name} / ${check!.context}`).toBe("GitOps / Gate");
    // the path-scoped checks it calls are never required
    for (const file of [...workflowsOf("ameide-gitops").keys()].filter((name) => name.includes("validate"))) expect(workflowsOf("ameide-gitops").get(file).on.pull_request).toBeUndefined();
  });

  it.each(Object.keys(REPOSITORIES) as Repository[])("%s: no rule comparing rulesets with workflows finds anything", (repository) => {
    const run = createRepositoryRuleRunner();
    const found = run({
      workflows: [...workflowsOf(repository)].map(([file, model]) => ({ file, model })),
      rulesets: [...rulesetsOf(repository)].map(([file, document]) => ({ file, document })),
    });
    expect(found).toEqual([]);
  });

  it("are exactly what the sources generate, from the jobs the rulesets reference", async () => {
    const sources = {
      default: ["workflows-src/ci.ts"],
      ameide: ["workflows-src/targets/ameide/ameide.ts", "workflows-src/targets/ameide/rulesets.ts"],
      "ameide-gitops": ["workflows-src/targets/ameide-gitops/gitops.ts", "workflows-src/targets/ameide-gitops/rulesets.ts"],
      "ameide-backlog": ["workflows-src/targets/ameide-backlog/backlog.ts", "workflows-src/targets/ameide-backlog/rulesets.ts"],
    } as Record<string, string[]>;
    const targets = await Promise.all(
      defaultTargets(["ameide", "ameide-backlog", "ameide-gitops"]).map(async (target) => ({
        target,
        sources: await Promise.all(sources[target.name]!.map(async (file) => ({ file, exports: { ...(await import(path.join(REPO_ROOT, file))) } as Record<string, unknown> }))),
      })),
    );
    const result = await compile(targets, { validators: async () => [], toSource: (position) => position, runRepositoryRules: createRepositoryRuleRunner() });
    expect(result.diagnostics).toEqual([]);
    const rulesetFiles = result.files.filter((file) => file.path.endsWith(".json"));
    expect(rulesetFiles.map((file) => file.path).sort()).toEqual(
      [".github/rulesets/main.json", "generated/ameide-backlog/rulesets/main.json", "generated/ameide-gitops/rulesets/main.json", "generated/ameide/rulesets/main.json", "generated/ameide/rulesets/prod.json"],
    );
    for (const file of rulesetFiles) expect(read(file.path), file.path).toBe(file.text);
  });
});
