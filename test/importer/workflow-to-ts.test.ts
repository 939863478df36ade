import { describe, expect, it } from "vitest";
import { CALLER_JOB_SPEC, RUNNER_JOB_SPEC, STEP_SPEC, WORKFLOW_SPEC, castKey, planCasts } from "../../src/importer/dsl-shapes.js";
import { readWorkflowYaml } from "../../src/importer/read-workflow-yaml.js";
import { declarationOrder, workflowToTs } from "../../src/importer/workflow-to-ts.js";
import type { Json, JsonObject } from "../../src/model/json.js";

function toTs(yaml: string, fileName = "ci.yml") {
  const { workflow } = readWorkflowYaml(yaml);
  return workflowToTs({ workflow: workflow!, fileName });
}

const plan = (value: Json, shape = WORKFLOW_SPEC, mode: "exact" | "inferred" = "exact") => [...planCasts(value, shape, mode).keys()].map((key) => key.split("\u0000"));

describe("declarationOrder", () => {
  it("keeps the YAML order, moving a job after the jobs it needs", () => {
    const jobs = { deploy: { needs: ["build", "test"] }, test: { needs: "build" }, build: {}, docs: {} } as JsonObject;
    expect(declarationOrder(jobs)).toEqual(["build", "test", "deploy", "docs"]);
  });

  it("terminates on a cycle, taking the jobs in it in YAML order", () => {
    expect(declarationOrder({ a: { needs: "b" }, b: { needs: ["a"] }, c: { needs: "c" }, d: { needs: "a" } } as JsonObject)).toEqual(["c", "a", "b", "d"]);
  });
});

describe("workflowToTs", () => {
  it("writes needs by reference, and an id only where a reference cannot be (a cycle), with why", () => {
    const source = toTs("on: push\njobs:\n  a:\n    needs: [b]\n    runs-on: x\n    steps: []\n  b:\n    needs: [a]\n    runs-on: x\n    steps: []\n");
    expect(source.text).toContain('const a = job({\n  needs: [\n    // typed loosely: "b" is declared later (the jobs need each other)\n    "b" as never,\n  ],');
    expect(source.text).toContain("needs: [a],");
    expect(source.text).toContain("  jobs: { a, b },");
  });

  it("names constants after job ids and keeps the ids as keys", () => {
    const source = toTs("on: push\njobs:\n  build-linux:\n    runs-on: x\n    steps: [{run: make}]\n  default:\n    needs: build-linux\n    runs-on: x\n    steps: [{run: make}]\n");
    expect(source.text).toContain("const buildLinux = job(");
    expect(source.text).toContain("const defaultJob = job(");
    expect(source.text).toContain('  jobs: { "build-linux": buildLinux, default: defaultJob },');
  });

  it("names the output file after the original, .yaml included", () => {
    expect(toTs("on: push\njobs: {}\n", "ci.yml").text).toContain('workflow("ci", {');
    expect(toTs("on: push\njobs: {}\n", "ci.yaml").text).toContain('workflow("ci.yaml", {');
    expect(toTs("on: push\njobs: {}\n", "x.yml.yml").text).toContain('workflow("x.yml.yml", {');
  });

  it("imports only what it uses", () => {
    expect(toTs("on: push\njobs: {}\n").text).toMatch(/^import \{ workflow \} from "trunkline";/m);
    expect(toTs("on: push\njobs:\n  a:\n    uses: o/r/.github/workflows/x.yml@v1\n").text).toMatch(/^import \{ job, workflow \} from "trunkline";/m);
  });

  it("casts a job the types cannot describe, and says why above it", () => {
    const source = toTs("on: push\njobs:\n  idle:\n    runs-on: x\n");
    expect(source.text).toContain('// typed loosely: the workflow types require "steps"\nconst idle = job({ "runs-on": "x" } as never);');
    expect(source.looselyTyped).toEqual([{ path: ["jobs", "idle"], reason: 'the workflow types require "steps"' }]);
  });
});

describe("planCasts: the narrowest casts that typecheck", () => {
  it("casts nothing in a workflow the types accept", () => {
    expect(plan({ name: "CI", on: { push: { branches: ["main"] }, schedule: [{ cron: "0 0 * * *" }] }, permissions: { contents: "read" }, jobs: {} })).toEqual([]);
    expect(plan({ on: ["push", "pull_request"], jobs: {} })).toEqual([]);
  });

  it("casts the value the types reject, not its container", () => {
    expect(plan({ on: { push: { branches: "main" }, workflow_dispatch: null, issues: { types: "opened" } }, jobs: {} })).toEqual([
      ["on", "push", "branches"],
      ["on", "workflow_dispatch"],
      ["on", "issues", "types"],
    ]);
  });

  it("casts a mapping with a key the types do not know (workflow() and step() check excess keys)", () => {
    expect(plan({ on: { push: null, image_version: null }, jobs: {} })).toEqual([["on"]]);
    expect(plan({ on: "image_version", jobs: {} })).toEqual([["on"]]);
  });

  it("lets job() take unknown keys (its argument's type is inferred) but checks known ones", () => {
    expect(plan({ "runs-on": "x", steps: [], snapshot: "img", extra: 1 }, RUNNER_JOB_SPEC, "inferred")).toEqual([]);
    expect(plan({ "runs-on": "x", steps: [], strategy: { matrix: { os: [] } } }, RUNNER_JOB_SPEC, "inferred")).toEqual([["strategy", "matrix", "os"]]);
    expect(plan({ "runs-on": "x" }, RUNNER_JOB_SPEC, "inferred")).toEqual([[""]]);
    expect(plan({ uses: "o/r/.github/workflows/x.yml@v1", secrets: "inherit", with: { a: 1 } }, CALLER_JOB_SPEC, "inferred")).toEqual([]);
  });

  it("issue 10.1: checks steps as the generated types do: an unknown key or both uses and run cast the step, a wrong value only itself", () => {
    expect(plan({ run: "x", "custom-key": 1 }, STEP_SPEC)).toEqual([[""]]);
    expect(plan({ uses: "a/b@v1", run: "x" }, STEP_SPEC)).toEqual([[""]]);
    expect(plan({ uses: "a/b@v1", with: { flag: null } }, STEP_SPEC)).toEqual([["with", "flag"]]);
    expect(plan({ parallel: [{ run: "a" }, { uses: "a/b@v1" }] }, STEP_SPEC)).toEqual([]);
    expect(castKey(["a", 0])).toBe("a\u00000");
  });

  it("issue 10.1: job() checks unknown keys as the generated types do, and only what the definition allows", () => {
    expect(plan({ "runs-on": "x", steps: [], "timeout-minute": 5 }, RUNNER_JOB_SPEC)).toEqual([[""]]);
    expect(plan({ "runs-on": "x", steps: [], permissions: { "id-token": "read" } }, RUNNER_JOB_SPEC)).toEqual([["permissions", "id-token"]]);
    expect(plan({ uses: "o/r/.github/workflows/x.yml@v1", secrets: "${{ secrets.all }}" }, CALLER_JOB_SPEC)).toEqual([["secrets"]]);
    // the string form types since the definition is corrected (docs/parser-disagreements.md)
    expect(plan({ on: "repository_dispatch", jobs: {} })).toEqual([]);
    expect(plan({ on: { create: { tags: ["v*"] } }, jobs: {} })).toEqual([["on", "create"]]);
  });

  it("stays linear on deeply nested values", () => {
    let deep: Json = "leaf";
    for (let level = 0; level < 200; level++) deep = level % 2 ? [deep] : { key: deep };
    const started = performance.now();
    expect(plan({ "runs-on": "x", steps: [], strategy: { matrix: { deep: [deep] } } }, RUNNER_JOB_SPEC, "inferred")).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("workflowToTs: typed forms", () => {
  const yaml = [
    "on:",
    "  workflow_dispatch:",
    "    inputs:",
    "      tag: { type: string }",
    "jobs:",
    "  build:",
    "    runs-on: ubuntu-latest",
    "    outputs:",
    "      version: ${{ steps.v.outputs.value }}",
    "    steps:",
    "      - id: v",
    "        run: echo value=1 >> \"$GITHUB_OUTPUT\"",
    "  test:",
    "    needs: [build]",
    "    strategy:",
    "      matrix:",
    "        os: [ubuntu-latest, macos-latest]",
    "    runs-on: ${{ matrix.os }}",
    "    steps:",
    "      - run: echo ${{ needs.build.outputs.version }} ${{ runner.os }} ${{ github.sha }} ${{ inputs.tag }}",
    "      - run: echo ${{ needs.build.outputs.missing }} ${{ matrix.node }}",
    "      - run: echo ${{ secrets.TOKEN }} ${{github.sha}} ${{ github.event.pull_requst.number }}",
    "",
  ].join("\n");

  it("issue 10.5: writes needs outputs, matrix keys, inputs, github and runner properties typed", () => {
    const source = toTs(yaml);
    expect(source.text).toContain('import { defineTriggers, expr, github, inputsOf, job, jobSteps, runner, step, workflow } from "trunkline";');
    expect(source.text).toContain("const on = defineTriggers({ workflow_dispatch: { inputs: { tag: { type: \"string\" } } } });\nconst inputs = inputsOf(on);");
    expect(source.text).toContain('const test = job.using({\n  needs: { build },\n  strategy: { matrix: { os: ["ubuntu-latest", "macos-latest"] } },\n}, ({ needs, matrix }) => ({');
    expect(source.text).toContain('"runs-on": matrix.os,');
    expect(source.text).toContain("step({ run: expr`echo ${needs.build.outputs.version} ${runner.os} ${github.sha} ${inputs.tag}` }),");
    expect(source.text).toMatch(/^ {2}on,$/m);
  });

  it("issue 10.5: keeps a string wherever one expression in it has no proven typed form", () => {
    const source = toTs(yaml);
    // an output build does not declare, a key the matrix lacks, secrets, other spacing, an unknown property
    expect(source.text).toContain('step({ run: "echo ${{ needs.build.outputs.missing }} ${{ matrix.node }}" }),');
    expect(source.text).toContain('step({ run: "echo ${{ secrets.TOKEN }} ${{github.sha}} ${{ github.event.pull_requst.number }}" }),');
    expect(source.expressions).toEqual({ total: 11, typed: 6, stepOutputs: 1, typedStepOutputs: 1 });
  });

  it("issue 10.5: writes a job output that maps a step output the step visibly sets through the job's jobSteps() chain", () => {
    const source = toTs(yaml);
    expect(source.text).toContain('const buildSteps = jobSteps()\n  .add(step({ id: "v", run: "echo value=1 >> \\"$GITHUB_OUTPUT\\"" }, { outputs: ["value"] }));');
    expect(source.text).toContain("outputs: { version: buildSteps.steps.v.outputs.value },\n  steps: buildSteps,");
  });

  it("issue 10.5: a workflow-level key that reads inputs declares the triggers apart, though no job reads them", () => {
    const source = toTs("on:\n  workflow_dispatch:\n    inputs:\n      target: { type: string }\nrun-name: Deploy ${{ inputs.target }}\njobs:\n  a:\n    runs-on: x\n    steps: [{run: make}]\n");
    expect(source.text).toContain("const inputs = inputsOf(on);");
    expect(source.text).toContain('"run-name": expr`Deploy ${inputs.target}`,');
    expect(source.expressions).toMatchObject({ total: 1, typed: 1 });
  });

  it("issue 10.5: a job whose needs cannot be written as job.using's list keeps job() and strings", () => {
    const source = toTs("on: push\njobs:\n  a:\n    runs-on: x\n    outputs: { v: x }\n    steps: [{run: make}]\n  b:\n    needs: a\n    runs-on: x\n    steps: [{run: 'echo ${{ needs.a.outputs.v }}'}]\n");
    expect(source.text).toContain("const b = job({");
    expect(source.text).toContain('step({ run: "echo ${{ needs.a.outputs.v }}" })');
  });
});
