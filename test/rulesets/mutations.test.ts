// Mutation tests: a repository whose ruleset is generated from the same source as its CI, then one
// edit that makes the two disagree. Each must stop `gen` with the rule's diagnostic, naming both the
// ruleset and the workflow, and write nothing.
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const SOURCE = "workflows-src/ci.ts";
const CI = ".github/workflows/ci.yml";
const RULESET = ".github/rulesets/main.json";

const source = `import { alwaysRunGate, job, ruleset, workflow } from "trunkline";

const test = job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [{ run: "npm test" }] });
const lint = job({ name: "Lint", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [{ run: "npm run lint" }] });
const gate = alwaysRunGate({ jobs: { test, lint }, name: "Gate" });

export const ci = workflow("ci", {
  name: "CI",
  on: { pull_request: { branches: ["main"] } },
  permissions: { contents: "read" },
  jobs: gate.jobs,
});

export const main = ruleset("main", {
  conditions: { ref_name: { include: ["refs/heads/main"] } },
  rules: [{ type: "required_status_checks", parameters: { required_status_checks: [gate.job, test] } }],
});
`;

/** The diagnostics of a `--format json` run (printed before the summary line). */
const diagnosticsOf = (stdout: string) => JSON.parse(stdout) as Diagnostic[];
const contexts = (text: string | undefined) =>
  (JSON.parse(text!) as { rules: { parameters: { required_status_checks: { context: string }[] } }[] }).rules[0]!.parameters.required_status_checks.map((check) => check.context);

describe("mutations that make the workflows and their ruleset disagree", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  /** A repository generated from `source`, then `mutate`d; gen must fail and leave everything as it was. */
  async function genAfter(mutate: (text: string) => string, extraFiles: Record<string, string> = {}) {
    repo = await createTempRepo({ [SOURCE]: source, ...extraFiles });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(contexts(await repo.read(RULESET))).toEqual(["Gate", "Test"]);
    const before = await repo.snapshot();
    const mutated = mutate(source);
    expect(mutated).not.toBe(source);
    await repo.write(SOURCE, mutated);
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(result.stderr).toContain("nothing written");
    const after = await repo.snapshot();
    delete after[SOURCE];
    delete before[SOURCE];
    expect(after).toEqual(before);
    return diagnosticsOf(result.stdout).filter((diagnostic) => diagnostic.severity === "error");
  }

  it("rename the gate job: a ruleset kept by hand still requires the old name (required-check-unknown)", async () => {
    // exported from GitHub's settings before the team moved protection into TypeScript
    const imported = JSON.stringify({ name: "legacy", target: "branch", enforcement: "active", conditions: { ref_name: { include: ["refs/heads/main"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: "Gate", integration_id: 15368 }] } }] }, null, 2);
    const errors = await genAfter((text) => text.replace('name: "Gate"', 'name: "All green"'), { ".github/rulesets/legacy.json": `${imported}\n` });
    expect(errors.map((error) => [error.rule, error.file, error.line])).toEqual([["required-check-unknown", ".github/rulesets/legacy.json", 20]]);
    expect(errors[0]!.path).toEqual(["rules", 0, "parameters", "required_status_checks", 0, "context"]);
    expect(errors[0]!.message).toContain('requires the check "Gate"');
    expect(errors[0]!.message).toContain(CI);
    expect(errors[0]!.hint).toContain('"All green"');
  });

  it("rename the gate job: the generated ruleset follows it, and nothing disagrees", async () => {
    repo = await createTempRepo({ [SOURCE]: source });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.write(SOURCE, source.replace('name: "Gate"', 'name: "All green"'));
    expect((await repo.run(["check"])).code).toBe(ExitCode.Problems);
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(contexts(await repo.read(RULESET))).toEqual(["All green", "Test"]);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("add workflow-level paths to the CI workflow (required-check-path-filtered)", async () => {
    const errors = await genAfter((text) => text.replace('pull_request: { branches: ["main"] }', 'pull_request: { branches: ["main"], paths: ["src/**"] }'));
    expect(errors.map((error) => [error.rule, error.file, error.path])).toEqual([["required-check-path-filtered", CI, ["on", "pull_request", "paths"]]]);
    expect(errors[0]!.message).toContain(RULESET);
    expect(errors[0]!.message).toContain('"Gate"');
    expect(errors[0]!.source?.file).toBe(SOURCE);
  });

  it("add an if: to a required job (required-check-conditional)", async () => {
    const errors = await genAfter((text) => text.replace('const test = job({ name: "Test", ', `const test = job({ name: "Test", if: "github.actor != 'dependabot[bot]'", `));
    expect(errors.map((error) => [error.rule, error.file, error.path])).toEqual([["required-check-conditional", CI, ["jobs", "test", "if"]]]);
    expect(errors[0]!.message).toContain(RULESET);
    expect(errors[0]!.message).toContain('"Test"');
    expect(errors[0]!.source).toEqual({ file: SOURCE, line: 3, column: expect.any(Number) });
  });

  it("a suppression on the job, with its reason, accepts that finding and reaches neither output", async () => {
    repo = await createTempRepo({
      [SOURCE]: source
        .replace('const test = job({ name: "Test", ', `const test = job({ name: "Test", if: "github.actor != 'renovate[bot]'", `)
        .replace('steps: [{ run: "npm test" }] });', 'steps: [{ run: "npm test" }] }, { suppress: ["required-check-conditional"] }); // renovate PRs are tested by its own pipeline'),
    });
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toContain("required-check-conditional");
    expect(result.code).toBe(ExitCode.Ok);
    expect(await repo.read(CI)).not.toContain("suppress");
    expect(await repo.read(RULESET)).not.toContain("suppress");
  });

  it("issue 5: the first gen after a ruleset is added already checks the workflows against it", async () => {
    // no gate: nothing is required until the ruleset exists, so the path filter is fine at first
    const filtered = `import { job, ruleset, workflow } from "trunkline";
const test = job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [{ run: "npm test" }] });
export const ci = workflow("ci", { on: { pull_request: { branches: ["main"], paths: ["src/**"] } }, permissions: { contents: "read" }, jobs: { test } });
`;
    repo = await createTempRepo({ [SOURCE]: filtered });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    await repo.write(SOURCE, `${filtered}export const main = ruleset("main", { conditions: { ref_name: { include: ["refs/heads/main"] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [test] } }] });\n`);
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const errors = diagnosticsOf(result.stdout).filter((diagnostic) => diagnostic.severity === "error");
    expect(errors.map((diagnostic) => [diagnostic.rule, diagnostic.file, diagnostic.message.includes(RULESET)])).toEqual([["required-check-path-filtered", CI, true]]);
    expect(await repo.read(RULESET)).toBeUndefined();
  });
});

describe("a generated ruleset on disk", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("is listed in the manifest; a hand edit is reported by check and kept by gen unless forced; it goes when its export does", async () => {
    repo = await createTempRepo({ [SOURCE]: source });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    const manifest = JSON.parse((await repo.read(".trunkline/manifest.json"))!) as { files: Record<string, { source: string }> };
    expect(manifest.files[RULESET]?.source).toBe(SOURCE);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);

    const edited = (await repo.read(RULESET))!.replace('"enforcement": "active"', '"enforcement": "disabled"');
    await repo.write(RULESET, edited);
    const checked = await repo.run(["check"]);
    expect(checked.code).toBe(ExitCode.Problems);
    expect(checked.stdout).toContain(`${RULESET} was edited by hand`);
    expect((await repo.run(["gen"])).code).toBe(ExitCode.SourceErrors);
    expect(await repo.read(RULESET)).toBe(edited);
    expect((await repo.run(["gen", "--force"])).code).toBe(ExitCode.Ok);
    expect(await repo.read(RULESET)).toContain('"enforcement": "active"');

    await repo.write(SOURCE, source.replace(/export const main = [\s\S]*$/, ""));
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(await repo.read(RULESET)).toBeUndefined();
  });

  it("from a rulesets.ts that imports the workflow's template: the gate is found in the other source's copy", async () => {
    repo = await createTempRepo({
      "workflows-src/targets/web/ci.ts": 'import { trunkBasedCi } from "trunkline/templates";\nexport const ci = trunkBasedCi({ runsOn: "ubuntu-latest", gateName: "Web gate", checks: { test: { name: "Test", steps: [{ run: "npm test" }] } } });\n',
      "workflows-src/targets/web/rulesets.ts": 'import { ruleset } from "trunkline";\nimport { ci } from "./ci.ts";\nexport const main = ruleset("main", { conditions: { ref_name: { include: ["refs/heads/main"] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [ci.gate] } }] });\n',
    });
    const result = await repo.run(["gen"]);
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(ExitCode.Ok);
    expect(contexts(await repo.read("generated/web/rulesets/main.json"))).toEqual(["Web gate"]);
  });
});
