import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ActionCatalog } from "../../src/rules/_action-catalog.js";
import { catalogFromData } from "../../src/rules/_action-catalog.js";
import { runnerRequest } from "../../src/rules/_runners.js";
import { viewWorkflow } from "../../src/rules/_workflow-view.js";
import actionInputDeprecated from "../../src/rules/action-input-deprecated.js";
import actionInputMissing from "../../src/rules/action-input-missing.js";
import actionInputUnknown from "../../src/rules/action-input-unknown.js";
import comparisonTypeMismatch from "../../src/rules/comparison-type-mismatch.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";

// What several rules ask about the same step or job is worked out once per run, and a text the
// rules already judged is not scanned again: the findings stay exactly those of a fresh look.
const WORKFLOW = `on: push
jobs:
  build:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
    steps:
      - uses: actions/cache@v4
        with:
          path: node_modules
          paht: typo
          old: x
      - uses: actions/cache@v4
`;

const DATA = { actions: { "actions/cache@v4": { inputs: ["path", "key", "old"], required: ["path", "key"], deprecated: ["old"], outputs: ["cache-hit"] } }, outdated: [] };

describe("work shared by rules", () => {
  it("issue 13.3: the action-* rules look each step's action up in the catalog once, with the same findings", () => {
    const catalog = catalogFromData(DATA);
    let lookups = 0;
    const counting: ActionCatalog = { spec: (...args) => (lookups++, catalog.spec(...args)), outdated: (...args) => catalog.outdated(...args) };
    const rules = [actionInputDeprecated, actionInputMissing, actionInputUnknown];
    const found = createRuleRunner({ rules, actions: counting })({ model: parse(WORKFLOW) as unknown, file: "ci.yml" });
    expect(lookups).toBe(2);
    expect(found.map((diagnostic) => [diagnostic.rule, (diagnostic.path ?? []).join(".")]).sort()).toEqual([
      ["action-input-deprecated", "jobs.build.steps.0.with.old"],
      ["action-input-missing", "jobs.build.steps.0.with"],
      ["action-input-missing", "jobs.build.steps.1.uses"],
      ["action-input-unknown", "jobs.build.steps.0.with.paht"],
    ]);
  });

  it("issue 13.3: a job's runner labels are worked out once for every rule that reads them", () => {
    const job = viewWorkflow(parse(WORKFLOW))!.jobs[0]!;
    const request = runnerRequest(job);
    expect(request?.labelSets.map((labels) => labels.map(({ label }) => label))).toEqual([["ubuntu-latest"], ["windows-latest"]]);
    expect(runnerRequest(job)).toBe(request);
  });

  it("issue 12: a comparison judged once gives the same finding at each place it is written", () => {
    const condition = "github.event == 'release'";
    const yaml = `on: push\njobs:\n  a:\n    if: ${condition}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        if: ${condition}\n  b:\n    if: \${{ ${condition} }}\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n`;
    const run = createRuleRunner({ rules: [comparisonTypeMismatch] });
    const first = run({ model: parse(yaml) as unknown, file: "a.yml" });
    const second = run({ model: parse(yaml) as unknown, file: "b.yml" });
    expect(first.map((diagnostic) => (diagnostic.path ?? []).join("."))).toEqual(["jobs.a.if", "jobs.a.steps.0.if", "jobs.b.if"]);
    expect(new Set(first.map((diagnostic) => diagnostic.message)).size).toBe(1);
    expect(second.map(({ file, ...rest }) => rest)).toEqual(first.map(({ file, ...rest }) => rest));
  });
});
