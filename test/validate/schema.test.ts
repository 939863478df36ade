import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { convertTemplateSchema, parseTemplateSchema } from "../../scripts/build-schema.js";
import type { WorkflowPath } from "../../src/diagnostics/diagnostic.js";
import { closestMatch, validateSchema } from "../../src/validate/schema.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Diagnostics of a YAML workflow, reduced to what the tests assert: rule and path. */
function check(yaml: string): { rule: string; path: WorkflowPath | undefined; hint: string | undefined }[] {
  return validateSchema(parse(yaml), ".github/workflows/ci.yml").map(({ rule, path, hint }) => ({ rule, path, hint }));
}

function pathsOf(yaml: string): (WorkflowPath | undefined)[] {
  return check(yaml).map((found) => found.path);
}

/** A workflow with one job "test" whose body is `job` (YAML, indented four spaces). */
function withJob(job: string): string {
  return `on: push\njobs:\n  test:\n${job.replace(/^/gm, "    ")}\n`;
}

describe("validateSchema", () => {
  const table: { name: string; yaml: string; paths: WorkflowPath[] }[] = [
    { name: "a minimal workflow", yaml: withJob("runs-on: ubuntu-latest\nsteps:\n  - run: make"), paths: [] },
    {
      name: "a typo in a job key, reported once at the key",
      yaml: withJob("run-on: ubuntu-latest\nsteps:\n  - run: make"),
      paths: [["jobs", "test", "run-on"]],
    },
    { name: "an empty document misses on and jobs", yaml: "{}", paths: [[], []] },
    {
      name: "numbers, booleans and null are read as strings",
      yaml: withJob("name: 42\nruns-on: 3\nenv:\n  A: true\n  B: 1.5\n  C:\nsteps:\n  - run: 7"),
      paths: [],
    },
    { name: "null is an empty string, which uses may not be", yaml: withJob("runs-on: x\nsteps:\n  - uses:"), paths: [["jobs", "test", "steps", 0, "uses"]] },
    {
      name: "constants accept the YAML value of the same text",
      yaml: "on:\n  workflow_call:\n    inputs:\n      a: { type: boolean, default: true }\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }",
      paths: [],
    },
    {
      name: "an activity type outside allowed-values",
      yaml: "on:\n  issues:\n    types: [opened, reopend]\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }",
      paths: [["on", "issues", "types", 1]],
    },
    {
      name: "an expression where the definition has context",
      yaml: withJob("runs-on: ${{ matrix.os }}\ntimeout-minutes: ${{ inputs.minutes }}\nstrategy: ${{ fromJSON(inputs.strategy) }}\nsteps:\n  - run: make"),
      paths: [],
    },
    {
      name: "context is inherited by the definitions below",
      yaml: withJob("runs-on: [self-hosted, '${{ matrix.os }}']\nsteps:\n  - run: make"),
      paths: [],
    },
    {
      name: "an expression where the definition has no context",
      yaml: "on:\n  push:\n    branches: ['${{ github.ref }}']\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }",
      paths: [["on", "push", "branches", 0]],
    },
    {
      name: "a string literal in an expression is read as text",
      yaml: withJob("runs-on: x\nsteps:\n  - run: make\n    shell: \"${{ 'bash {0}' }}\""),
      paths: [],
    },
    {
      name: "a string that is not a number where a number is expected",
      yaml: withJob("runs-on: x\ntimeout-minutes: soon\nsteps:\n  - run: make"),
      paths: [["jobs", "test", "timeout-minutes"]],
    },
    {
      name: "a step key that belongs to another kind of step",
      yaml: withJob("runs-on: x\nsteps:\n  - run: make\n    with: { a: 1 }"),
      paths: [["jobs", "test", "steps", 0, "with"]],
    },
    { name: "a step with neither run nor uses", yaml: withJob("runs-on: x\nsteps:\n  - name: nothing"), paths: [["jobs", "test", "steps", 0]] },
    {
      name: "a job that mixes runs-on and uses",
      yaml: withJob("runs-on: x\nuses: octo/repo/.github/workflows/w.yml@v1"),
      paths: [["jobs", "test", "uses"]],
    },
    {
      name: "a job without runs-on or uses",
      yaml: withJob("steps:\n  - run: make"),
      paths: [["jobs", "test"]],
    },
    {
      name: "background steps need the parser's experimental flag",
      yaml: withJob("runs-on: x\nsteps:\n  - run: make\n    background: true"),
      paths: [["jobs", "test", "steps", 0, "background"]],
    },
    { name: "an empty env key", yaml: withJob("runs-on: x\nenv:\n  '': v\nsteps:\n  - run: make"), paths: [["jobs", "test", "env", ""]] },
    { name: "a wrong kind of value: one diagnostic, not one per branch", yaml: "on: 5\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }", paths: [["on"]] },
    {
      name: "a mapping inside a sequence, reported at its index",
      yaml: withJob("runs-on: [linux, { label: x }]\nsteps:\n  - run: make"),
      paths: [["jobs", "test", "runs-on", 1]],
    },
    {
      name: "permissions must be a known level",
      yaml: "on: push\npermissions:\n  contents: execute\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }",
      paths: [["permissions", "contents"]],
    },
  ];

  it.each(table)("$name", ({ yaml, paths }) => {
    const found = check(yaml);
    expect(found.map((diagnostic) => diagnostic.path)).toEqual(paths);
    for (const diagnostic of found) expect(diagnostic.rule).toBe("schema");
  });

  it("fills the shared Diagnostic fields", () => {
    const [diagnostic] = validateSchema(parse(withJob("runs-on: x\nsteps: 5")), "wf/ci.yml");
    expect(diagnostic).toMatchObject({ rule: "schema", severity: "error", file: "wf/ci.yml", path: ["jobs", "test", "steps"] });
    expect(diagnostic?.message).toContain("jobs.test.steps");
  });

  it("suggests the closest known key", () => {
    const [typo] = check(withJob("run-on: ubuntu-latest\nsteps:\n  - run: make"));
    expect(typo?.hint).toContain('"runs-on"');
  });

  it("suggests the closest allowed value", () => {
    const [level] = check("on: push\npermissions: writeall\njobs:\n  t: { runs-on: x, steps: [{ run: y }] }");
    expect(level?.path).toEqual(["permissions"]);
    expect(level?.hint).toContain('"write-all"');
  });

  it("keeps a few diagnostics per path however many branches fail", () => {
    const found = check("on: { push: 5 }\njobs:\n  t:\n    runs-on: { group: [1] }\n    container: [x]\n    steps: [{ run: y }]");
    const counts = new Map<string, number>();
    for (const { path } of found) counts.set(JSON.stringify(path), (counts.get(JSON.stringify(path)) ?? 0) + 1);
    expect(found.length).toBeGreaterThan(0);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(3);
  });

  it("closestMatch ignores candidates too far away", () => {
    expect(closestMatch("nedes", ["needs", "name"])).toBe("needs");
    expect(closestMatch("RUNS-ON", ["runs-on"])).toBe("runs-on");
    expect(closestMatch("zzz", ["runs-on", "steps"])).toBeUndefined();
  });

  it("the standalone validator loads in plain Node ESM, without tsx or ajv", () => {
    const moduleUrl = pathToFileURL(path.join(repoRoot, "schema/validate-workflow.js")).href;
    const script = `import { validate } from ${JSON.stringify(moduleUrl)};
      const ok = validate({ on: "push", jobs: { t: { "runs-on": "x", steps: [{ run: "y" }] } } });
      const bad = validate({ on: "push" });
      process.stdout.write(JSON.stringify([ok, bad]));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(JSON.parse(output)).toEqual([true, false]);
  });
});

describe("convertTemplateSchema", () => {
  // A small definition in GitHub's template-schema format, to pin the reader's semantics one by one.
  const template = parseTemplateSchema({
    version: "test",
    definitions: {
      root: {
        mapping: {
          properties: {
            plain: "string",
            nonEmpty: "non-empty-string",
            flag: { type: "true-string", required: true },
            kind: "kind",
            count: "number-with-context",
            labels: "labels-with-context",
            either: "either",
          },
        },
      },
      "non-empty-string": { string: { "require-non-empty": true } },
      "true-string": { string: { constant: "true" } },
      kind: { "allowed-values": ["small", "large"] },
      "number-with-context": { context: ["github"], number: {} },
      "labels-with-context": { context: ["matrix"], sequence: { "item-type": "non-empty-string" } },
      either: { "one-of": ["run-map", "uses-map"] },
      "run-map": { mapping: { properties: { run: { type: "string", required: true }, shell: "string" } } },
      "uses-map": { mapping: { properties: { uses: { type: "string", required: true }, with: "string" } } },
    },
  });
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictRequired: false });
  const validate = ajv.compile(convertTemplateSchema(template, "root"));
  const accepts = (value: object): boolean => validate({ flag: "true", ...value });

  it.each([
    ["a number or boolean for a string", { plain: 5, nonEmpty: false }, true],
    ["null for a string that may be empty", { plain: null }, true],
    ["null for a non-empty string", { nonEmpty: null }, false],
    ["an unknown key", { other: 1 }, false],
    ["a YAML boolean for the constant \"true\"", { flag: true }, true],
    ["a value from allowed-values", { kind: "large" }, true],
    ["a value outside allowed-values", { kind: "medium" }, false],
    ["an expression where the definition has context", { count: "${{ github.run_number }}" }, true],
    ["an expression inherited by sequence items", { labels: ["a", "${{ matrix.os }}"] }, true],
    ["an expression without context", { plain: "${{ github.ref }}" }, false],
    ["a literal-only expression without context", { plain: "${{ 'text' }}" }, true],
    ["the keys of one mapping in a one-of", { either: { run: "x", shell: "bash" } }, true],
    ["keys from two mappings in a one-of", { either: { run: "x", with: "y" } }, false],
    ["no key that picks a mapping in a one-of", { either: {} }, false],
  ])("%s → %s", (_name, value, expected) => {
    expect(accepts(value)).toBe(expected);
  });

  it("rejects a missing required property", () => {
    expect(validate({})).toBe(false);
  });

  it("fails on a definition kind it does not understand", () => {
    expect(() => parseTemplateSchema({ definitions: { odd: { "date-time": {} } } })).toThrow(/does not support/);
  });
});
