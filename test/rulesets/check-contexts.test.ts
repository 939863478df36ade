import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checksOfRepository, matrixLegs, namesOfJob } from "../../src/rulesets/check-contexts.js";

const names = (yaml: string) => namesOfJob("build", parse(yaml));

describe("the check names a job reports", () => {
  it.each([
    ["its name", "name: Build\nruns-on: x\n", ["Build"]],
    ["its id without a name", "runs-on: x\n", ["build"]],
    ["one per matrix leg, values in key order", "name: Test\nstrategy:\n  matrix:\n    os: [ubuntu, macos]\n    node: [18, 20]\n", ["Test (ubuntu, 18)", "Test (ubuntu, 20)", "Test (macos, 18)", "Test (macos, 20)"]],
    ["the id with its legs when it has no name", "strategy:\n  matrix:\n    node: [18]\n", ["build (18)"]],
    ["a name that reads the matrix, filled in and without the suffix", "name: Test on ${{ matrix.os }}\nstrategy:\n  matrix:\n    os: [ubuntu, macos]\n", ["Test on ubuntu", "Test on macos"]],
    ["legs minus exclude", "name: T\nstrategy:\n  matrix:\n    os: [a, b]\n    node: [1, 2]\n    exclude:\n      - os: b\n        node: 2\n", ["T (a, 1)", "T (a, 2)", "T (b, 1)"]],
    ["include extending the legs it fits, or standing alone", "name: T\nstrategy:\n  matrix:\n    os: [a, b]\n    include:\n      - os: a\n        experimental: true\n      - os: c\n", ["T (a, true)", "T (b)", "T (c)"]],
    ["booleans, and empty values left out", "name: T\nstrategy:\n  matrix:\n    flag: [true, '']\n", ["T (true)", "T"]],
  ])("%s", (_, yaml, expected) => {
    expect(names(yaml)).toEqual({ names: expected });
  });

  it.each([
    ["a name with another expression", "name: Build ${{ github.event_name }}\n", "Build push"],
    ["a matrix from an expression", "name: Test\nstrategy:\n  matrix: ${{ fromJSON(vars.M) }}\n", "Test (linux)"],
    ["a matrix list from an expression", "name: Test\nstrategy:\n  matrix:\n    os: ${{ fromJSON(vars.OS) }}\n", "Test (linux)"],
    ["a matrix value holding an object", "name: Test\nstrategy:\n  matrix:\n    cfg: [{ a: 1 }]\n", "Test ({\"a\":1})"],
  ])("cannot be computed for %s, but its pattern matches what it may report", (_, yaml, mayReport) => {
    const found = names(yaml);
    expect("reason" in found && found.reason.length > 0).toBe(true);
    expect("pattern" in found && found.pattern.test(mayReport)).toBe(true);
  });
});

describe("matrixLegs", () => {
  it("is empty for a matrix whose only leg is excluded", () => {
    expect(matrixLegs({ os: ["a"], exclude: [{ os: "a" }] })).toEqual({ legs: [] });
  });
  it("takes include alone as the legs", () => {
    expect(matrixLegs({ include: [{ os: "a" }, { os: "b", node: 1 }] })).toEqual({ legs: [[["os", "a"]], [["os", "b"], ["node", 1]]] });
  });
});

describe("checksOfRepository", () => {
  const workflow = (file: string, yaml: string) => ({ file, model: parse(yaml) as unknown });

  it("names a reusable workflow's jobs after each caller, under the caller's run, and nests", () => {
    const checks = checksOfRepository([
      workflow("r/.github/workflows/gate.yml", "on: pull_request\njobs:\n  checks:\n    name: Checks\n    uses: ./.github/workflows/group.yml\n  gate:\n    name: Gate\n    runs-on: x\n    steps: []\n"),
      workflow("r/.github/workflows/group.yml", "on: workflow_call\njobs:\n  unit:\n    uses: ./.github/workflows/unit.yml\n"),
      workflow("r/.github/workflows/unit.yml", "on:\n  workflow_call:\njobs:\n  test:\n    name: Unit\n    runs-on: x\n    steps: []\n"),
    ]);
    expect(checks.unpredictable).toEqual([]);
    expect(checks.reported.map((check) => [check.context, check.runFile, check.job.jobId, check.callers.map((caller) => caller.jobId)])).toEqual([
      ["Checks / unit / Unit", "r/.github/workflows/gate.yml", "test", ["checks", "unit"]],
      ["Gate", "r/.github/workflows/gate.yml", "gate", []],
    ]);
  });

  it("gives a workflow that is also dispatched by hand its own names too", () => {
    const checks = checksOfRepository([workflow(".github/workflows/x.yml", "on: [workflow_call, workflow_dispatch]\njobs:\n  a:\n    runs-on: x\n    steps: []\n")]);
    expect(checks.reported.map((check) => check.context)).toEqual(["a"]);
  });

  it("marks calls it cannot follow: remote, missing, and a workflow calling itself", () => {
    const checks = checksOfRepository([
      workflow(".github/workflows/ci.yml", "on: pull_request\njobs:\n  remote:\n    uses: org/ci/.github/workflows/x.yml@v1\n  missing:\n    uses: ./.github/workflows/gone.yml\n  loop:\n    uses: ./.github/workflows/ci.yml\n"),
    ]);
    expect(checks.reported).toEqual([]);
    expect(checks.unpredictable.map((check) => [check.job.jobId, check.pattern.test(`${check.job.jobId} / anything`)])).toEqual([
      ["remote", true],
      ["missing", true],
      ["loop", true],
    ]);
  });
});
