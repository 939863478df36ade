import { describe, expect, it } from "vitest";
import { checkCron } from "../../src/blocks/cron.js";
import { onDeployBranch } from "../../src/blocks/deploy-branch.js";
import { onReleaseTags } from "../../src/blocks/releases.js";
import { input, onMergeGroup, onPullRequest, onPush, onSchedule, onWorkflowCall, onWorkflowDispatch, triggers } from "../../src/blocks/triggers.js";
import { job, workflow } from "../../src/dsl/workflow.js";
import { emitWorkflow, validationProblems } from "./_support.js";

describe("checkCron", () => {
  it.each([
    ["0 3 * * 1", undefined],
    ["*/15 * * * *", undefined],
    ["30 5 1,15 * MON-FRI", undefined],
    ["0 0 1 jan-jun/2 sun", undefined],
    ["0-30/10 8-18 * * 1-5", undefined],
    ["0 3 * *", /needs 5 fields/],
    ["0 3 * * * *", /needs 5 fields/],
    ["60 * * * *", /minute "60" is out of range 0-59/],
    ["0 24 * * *", /hour "24" is out of range 0-23/],
    ["0 0 0 * *", /day of month "0" is out of range 1-31/],
    ["0 0 * 13 *", /month "13" is out of range 1-12/],
    ["0 0 * * 7", /day of week "7" is out of range 0-6/],
    ["0 0 * * FUN", /day of week "FUN" is not a number or a name/],
    ["5-1 * * * *", /runs backwards/],
    ["*/0 * * * *", /step "0" must be a whole number above 0/],
    ["1,,2 * * * *", /empty list item/],
  ])("%s", (cron, problem) => {
    const found = checkCron(cron);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });
});

describe("trigger builders", () => {
  it("onSchedule checks each cron when the source is loaded, naming the problem", () => {
    expect(onSchedule("0 3 * * 1", "30 5 * * *")).toEqual({ schedule: [{ cron: "0 3 * * 1" }, { cron: "30 5 * * *" }] });
    expect(() => onSchedule("0 25 * * *")).toThrow(/onSchedule\("0 25 \* \* \*"\): hour "25"/);
  });

  it("triggers() merges fragments and refuses an event given twice", () => {
    const on = triggers(onPullRequest({ branches: ["main"], types: ["opened", "synchronize"] }), onMergeGroup(), onSchedule("0 3 * * 1"));
    expect(Object.keys(on)).toEqual(["pull_request", "merge_group", "schedule"]);
    expect(() => triggers(onPush({ branches: ["main"] }), onPush({ tags: ["v*"] }))).toThrow(/"push" is given twice/);
  });

  it("copies filter lists, and refuses empty ones", () => {
    const branches: [string] = ["main"];
    const fragment = onPush({ branches, "paths-ignore": ["docs/**"] });
    branches[0] = "changed";
    expect(fragment.push).toEqual({ branches: ["main"], "paths-ignore": ["docs/**"] });
    expect(() => onPush({ paths: [] as unknown as [string] })).toThrow(/non-empty list/);
  });

  it("types forbid a filter together with its -ignore twin", () => {
    // @ts-expect-error branches and branches-ignore are exclusive
    onPush({ branches: ["main"], "branches-ignore": ["dev"] });
    // @ts-expect-error paths and paths-ignore are exclusive
    onPullRequest({ paths: ["a/**"], "paths-ignore": ["b/**"] });
  });

  it("typed dispatch inputs: a choice's default must be one of its options", () => {
    const dispatch = onWorkflowDispatch({
      environment: input.choice({ options: ["staging", "prod"], default: "staging", required: true }),
      dryRun: input.boolean({ default: false }),
      count: input.number({ default: 3 }),
    });
    expect(dispatch.workflow_dispatch?.inputs).toEqual({
      environment: { type: "choice", options: ["staging", "prod"], default: "staging", required: true },
      dryRun: { type: "boolean", default: false },
      count: { type: "number", default: 3 },
    });
    // @ts-expect-error "qa" is not an option
    input.choice({ options: ["staging", "prod"], default: "qa" });
    expect(() => onWorkflowDispatch({ env: { type: "choice", options: ["a"], default: "b" } })).toThrow(/not one of its options/);
  });

  it("workflow_call takes typed inputs, secrets and outputs; choice inputs do not exist there", () => {
    const call = onWorkflowCall({
      inputs: { context: input.string({ default: "." }) },
      secrets: { token: { required: true } },
      outputs: { digest: { value: "${{ jobs.build.outputs.digest }}" } },
    });
    expect(call.workflow_call).toEqual({
      inputs: { context: { type: "string", default: "." } },
      outputs: { digest: { value: "${{ jobs.build.outputs.digest }}" } },
      secrets: { token: { required: true } },
    });
    // @ts-expect-error workflow_call has no choice inputs
    onWorkflowCall({ inputs: { env: input.choice({ options: ["a"] }) } });
  });

  it("every builder's output passes GitHub's parser and the schema", async () => {
    const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });
    const cases = [
      triggers(onPullRequest({ branches: ["main"], paths: ["src/**"] }), onPush({ branches: ["main"], "tags-ignore": ["v0*"] }), onMergeGroup()),
      triggers(onSchedule("0 3 * * 1"), onWorkflowDispatch({ target: input.environment({ required: true }) })),
      onWorkflowCall({ inputs: { flag: input.boolean({ default: true }) }, secrets: { token: {} } }),
      triggers(onDeployBranch("prod"), onWorkflowDispatch()),
      onReleaseTags(),
    ];
    for (const on of cases) {
      const emitted = emitWorkflow(workflow("w", { on, permissions: { contents: "read" }, jobs: { build } }));
      expect(await validationProblems(emitted)).toEqual([]);
    }
  });
});

describe("deploy branch and release tags", () => {
  it("onDeployBranch is a push to exactly that branch, and refuses a pattern", () => {
    expect(onDeployBranch("prod")).toEqual({ push: { branches: ["prod"] } });
    expect(onDeployBranch("main", { paths: ["deploy/**"] })).toEqual({ push: { branches: ["main"], paths: ["deploy/**"] } });
    expect(() => onDeployBranch("release/*")).toThrow(/one branch name/);
  });

  it("onReleaseTags is tag-only: no branch filter, so branch pushes never release", () => {
    expect(onReleaseTags()).toEqual({ push: { tags: ["v*"] } });
    expect(onReleaseTags("v[0-9]+.[0-9]+.[0-9]+")).toEqual({ push: { tags: ["v[0-9]+.[0-9]+.[0-9]+"] } });
    // @ts-expect-error release tags start with v
    onReleaseTags("release-*");
  });
});
