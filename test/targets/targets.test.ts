import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compile } from "../../src/compile.js";
import { defaultTargets } from "../../src/config/resolve-config.js";
import type { Workflow } from "../../src/dsl/types.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { deployOnBranch } from "../../src/templates/index.js";
import type { TemplateWorkflow } from "../../src/templates/_common.js";
import type { ResolvedBranchDeployOptions } from "../../src/templates/branch-deploy.js";
import { evaluate, runBashCases } from "../blocks/_support.js";
import { REPO_ROOT } from "../support/temp-repo.js";

const TARGETS = {
  ameide: "workflows-src/targets/ameide/ameide.ts",
  "ameide-gitops": "workflows-src/targets/ameide-gitops/gitops.ts",
  "ameide-backlog": "workflows-src/targets/ameide-backlog/backlog.ts",
} as const;
type TargetName = keyof typeof TARGETS;

const modules = Object.fromEntries(
  await Promise.all(Object.entries(TARGETS).map(async ([name, file]) => [name, { ...(await import(path.join(REPO_ROOT, file))) }] as const)),
) as Record<TargetName, Record<string, unknown>>;

/** The committed files of a target, read as data. */
function committed(target: TargetName) {
  const folder = `generated/${target}/.github/workflows`;
  const { workflows } = normalizeSource({ file: TARGETS[target], exports: modules[target] });
  return workflows.map((workflow) => {
    const text = readFileSync(path.join(REPO_ROOT, folder, workflow.fileName), "utf8");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { fileName: workflow.fileName, text, data: parse(text) as any };
  });
}

const gatedFiles = (target: TargetName) => committed(target).filter((file) => Object.values(file.data.jobs).some((job) => (job as { steps?: { env?: { RESULTS?: string } }[] }).steps?.some((step) => step.env?.RESULTS)));

describe("example targets", () => {
  it("the committed files are exactly what the sources generate, RELEASING.md included", async () => {
    const targets = defaultTargets(Object.keys(TARGETS)).filter((target) => target.name in TARGETS);
    const result = await compile(
      targets.map((target) => ({ target, sources: [{ file: TARGETS[target.name as TargetName], exports: modules[target.name as TargetName] }] })),
      { validators: async () => [], toSource: (position) => position },
    );
    expect(result.diagnostics).toEqual([]);
    const paths = result.files.map((file) => file.path);
    for (const target of Object.keys(TARGETS)) expect(paths).toContain(`generated/${target}/RELEASING.md`);
    for (const file of result.files) expect(readFileSync(path.join(REPO_ROOT, file.path), "utf8"), file.path).toBe(file.text);
  });

  it.each(Object.keys(TARGETS) as TargetName[])("%s: one gate, always run, needing every other job, and no workflow-level paths beside it", (target) => {
    const gated = gatedFiles(target);
    expect(gated).toHaveLength(1);
    for (const file of gated) {
      const [gateId, gate] = Object.entries(file.data.jobs).find(([, job]) => (job as { if?: string }).if === "always()") as [string, { needs: string[] }];
      expect([...gate.needs].sort()).toEqual(Object.keys(file.data.jobs).filter((id) => id !== gateId).sort());
      for (const event of Object.values(file.data.on) as ({ paths?: unknown; "paths-ignore"?: unknown } | null)[]) {
        expect(event?.paths).toBeUndefined();
        expect(event?.["paths-ignore"]).toBeUndefined();
      }
    }
  });

  it("every container and service image carries a digest; no job runs the :main channel", () => {
    const images: string[] = [];
    for (const target of Object.keys(TARGETS) as TargetName[]) {
      for (const file of committed(target)) {
        for (const job of Object.values(file.data.jobs) as { container?: { image: string } | string; services?: Record<string, { image: string }> }[]) {
          if (job.container) images.push(typeof job.container === "string" ? job.container : job.container.image);
          images.push(...Object.values(job.services ?? {}).map((service) => service.image));
        }
      }
    }
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^[^:@]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$/);
  });

  it("ameide: the gate fails for each disallowed result of the real CI", () => {
    const ci = committed("ameide").find((file) => file.fileName === "ci.yml")!;
    const step = ci.data.jobs.gate.steps[0];
    const ids = ci.data.jobs.gate.needs as string[];
    const push = { event_name: "push", repository: "ameideio/ameide", event: {} };
    const fork = { event_name: "pull_request", repository: "ameideio/ameide", event: { pull_request: { head: { repo: { full_name: "someone/ameide" } } } } };
    const environment = (results: Record<string, string>, github: object) =>
      Object.fromEntries(Object.entries(step.env as Record<string, string>).map(([name, value]) => [name, value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, body: string) => evaluate(body, { github, needs: Object.fromEntries(ids.map((id) => [id, { result: results[id] ?? "success" }])) }).text)]));
    const cases: [Record<string, string>, object, number][] = [
      [{}, push, 0],
      [{ js: "skipped", python: "skipped" }, push, 0],
      [{ js: "failure" }, push, 1],
      [{ js: "cancelled" }, push, 1],
      [{ repository: "skipped" }, push, 1],
      [{ changes: "failure" }, push, 1],
      [{ js: "skipped" }, fork, 1],
    ];
    expect(runBashCases(step.run, cases.map(([results, github]) => environment(results, github)))).toEqual(cases.map(([, , code]) => code));
  });

  it("ameide: pull-request runs cancel superseded ones; tag (release) runs never cancel", () => {
    const files = Object.fromEntries(committed("ameide").map((file) => [file.fileName, file.data]));
    const cancels = (concurrency: { "cancel-in-progress": boolean | string }, github: object) =>
      typeof concurrency["cancel-in-progress"] === "boolean" ? concurrency["cancel-in-progress"] : evaluate(concurrency["cancel-in-progress"], { github }).truthy;
    expect(cancels(files["ci.yml"].concurrency, { event_name: "pull_request", ref: "refs/pull/3/merge" })).toBe(true);
    expect(cancels(files["ci.yml"].concurrency, { event_name: "push", ref: "refs/tags/v1.0.0" })).toBe(false);
    expect(files["release.yml"].on).toEqual({ push: { tags: ["v*"] } });
    expect(cancels(files["release.yml"].concurrency, { event_name: "push", ref: "refs/tags/v1.0.0" })).toBe(false);
    expect(cancels(files["cd-service-images.yml"].concurrency, { event_name: "push", ref: "refs/heads/main" })).toBe(true);
  });

  it.each(["ameide", "ameide-backlog"] as const)("%s: the deploy trigger is the configured branch, and CI still runs on PRs into main and prod", (target) => {
    const deploy = modules[target].deploy as TemplateWorkflow<ResolvedBranchDeployOptions>;
    const files = Object.fromEntries(committed(target).map((file) => [file.fileName, file.data]));
    expect(files["deploy.yml"].on.push).toEqual({ branches: [deploy.options.branch] });
    expect(deploy.options.branch).toBe("prod");
    expect(files["ci.yml"].on.pull_request.branches).toEqual(["main", "prod"]);
    expect(files["ci.yml"].on.push).toEqual({ branches: ["main"] });
  });

  it.each(["ameide", "ameide-backlog"] as const)("%s: swapping the deploy branch from prod to main changes only the deploy trigger lines", (target) => {
    const exports = modules[target] as Record<string, Workflow>;
    const deploy = exports.deploy as TemplateWorkflow<ResolvedBranchDeployOptions>;
    const swapped = { ...exports, deploy: deployOnBranch({ ...deploy.options, branch: "main" }) };
    const emit = (source: Record<string, unknown>) =>
      Object.fromEntries(normalizeSource({ file: TARGETS[target], exports: source }).workflows.map((workflow) => [workflow.fileName, emitYaml(workflow.model, TARGETS[target])]));
    const before = emit(exports);
    const after = emit(swapped);
    const changedFiles = Object.keys(before).filter((file) => before[file] !== after[file]);
    expect(changedFiles).toEqual(["deploy.yml"]);
    const beforeLines = before["deploy.yml"]!.split("\n");
    const afterLines = after["deploy.yml"]!.split("\n");
    expect(afterLines).toHaveLength(beforeLines.length);
    const changed = beforeLines.flatMap((line, index) => (line === afterLines[index] ? [] : [{ line: index, before: line, after: afterLines[index] }]));
    // Only the body hash in the header, and the one line under on.push.branches.
    expect(changed.map((change) => [change.before, change.after]).slice(1)).toEqual([["      - prod", "      - main"]]);
    expect(changed[0]!.before).toMatch(/^# trunkline-body-sha256: /);
    const parsedBefore = parse(before["deploy.yml"]!);
    const parsedAfter = parse(after["deploy.yml"]!);
    expect(parsedAfter.on.push.branches).toEqual(["main"]);
    delete parsedBefore.on.push;
    delete parsedAfter.on.push;
    expect(parsedAfter).toEqual(parsedBefore);
  });

  it("RELEASING.md of each target is written from its workflows", () => {
    const read = (target: TargetName) => readFileSync(path.join(REPO_ROOT, `generated/${target}/RELEASING.md`), "utf8");
    const ameide = read("ameide");
    const deploy = modules.ameide.deploy as TemplateWorkflow<ResolvedBranchDeployOptions>;
    expect(ameide).toMatch(/^<!-- Generated by trunkline from workflows-src\/targets\/ameide\/ameide\.ts;/);
    expect(ameide).toContain(`gh pr create --base ${deploy.options.branch} --head main`);
    expect(ameide).toContain(`\`${deploy.options.migrations!.environment.name}\` environment`);
    expect(ameide).toContain(`gh workflow run deploy.yml --ref ${deploy.options.branch} -f task=migrate`);
    expect(ameide).toMatch(/## Rolling back[\s\S]*Revert the release on `prod`/);
    expect(read("ameide-backlog")).toContain("no migrations job");
    expect(read("ameide-gitops")).toContain("gh workflow run promote.yaml -f from=staging");
    expect(read("ameide-gitops")).toContain('shown as "GitOps / Gate"');
  });
});
