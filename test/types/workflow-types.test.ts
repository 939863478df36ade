import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type FixtureCheck, checkFixtures } from "./_type-check.js";

const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
const HARNESS_FIXTURES = fileURLToPath(new URL("./harness-fixtures", import.meta.url));

// One Program for every fixture: each row of issue 10's table is a fixture file whose marked lines
// must be exactly the lines the compiler reports.
describe("trunkline's workflow types (src/types/)", () => {
  let check: FixtureCheck;
  beforeAll(() => {
    check = checkFixtures(FIXTURES);
  }, 60_000);
  const errorsIn = (file: string) => check.actual.filter((error) => error.file === file);
  const expectedIn = (file: string) => check.expected.filter((error) => error.file === file);

  it("issue 10.1: the compiler reports exactly the marked errors, and no option or global error", () => {
    expect(check.elsewhere).toEqual([]);
    expect(check.actual).toEqual(check.expected);
    expect(check.unmatchedTexts).toEqual([]);
  });

  it.each([
    ["step-unknown-key.ts", "`uzes:` in a step object"],
    ["job-unknown-key.ts", 'job key "timeout-minute"'],
    ["step-uses-and-run.ts", "a step with both `uses` and `run`"],
    ["permission-level.ts", 'contents: "wirte"'],
    ["trigger-unknown.ts", "`pul_request`"],
    ["runner-job-with.ts", "a runner job with `with:`"],
    ["call-job-steps.ts", "a reusable-workflow call with `steps`"],
    ["dsl-step.ts", "`uzes:` and `uses` with `run` in `step({ … })`, `uzes:` in a plain step inside `job({ … })`"],
    ["dsl-job.ts", "\"timeout-minute\", a runner job with `with:` and a call with `steps` in `job({ … })`"],
    ["dsl-workflow.ts", "`pul_request`, `contents: \"wirte\"` and \"timeout-minute\" in a plain job, in `workflow(…)`"],
  ])("issue 10.1: %s (%s) is a type error on its line", (file) => {
    expect(expectedIn(file).length).toBeGreaterThan(0);
    expect(errorsIn(file)).toEqual(expectedIn(file));
  });

  it.each([
    ["expr-context-not-allowed.ts", "`secrets` in `runs-on`, `steps` in a job-level `if` (also in `job.using`'s body), `always()` in `runs-on`, `hashFiles` in a job's `name`"],
    ["expr-matrix-key.ts", "`matrix.oss`, a nested `matrix.node.versoin` and a key no axis or `include` row has; `matrix` of a job without one; `secrets` in a matrix expression"],
    ["expr-needs-outputs.ts", "`needs.build.outputs.version` that `build` does not declare, `needs.lint` without needing `lint`, \"timeout-minute\" and other unknown keys in `job.using`'s body, each named with the job key one typo away"],
    ["expr-inputs.ts", "`inputs.dryrun` that no trigger declares, a number input read as a string, `pul_request` in `defineTriggers`"],
    ["expr-github-event.ts", "`github.event.pull_requst`, `github.event == 'release'`, `github.repository.default_branch`, an object in text, `hashFiles()` without a pattern, an unknown function, `github.event.release` in a pull_request/push workflow (`githubOf`)"],
  ])("issue 10.2: %s (%s) is a type error on its line", (file) => {
    expect(expectedIn(file).length).toBeGreaterThan(0);
    expect(errorsIn(file)).toEqual(expectedIn(file));
  });

  it.each([
    ["expr-steps-outputs.ts", "an unknown step id (with a did-you-mean), a later step's id, an output a step does not set, a step id used twice, a job output mapping an unknown step output, and a job's output read downstream that its steps do not map"],
    ["expr-secrets.ts", "a secret `workflow_call` does not declare (misspelt, unknown, and in a workflow with no `workflow_call`)"],
  ])("issue 10.3: %s (%s) is a type error on its line", (file) => {
    expect(expectedIn(file).length).toBeGreaterThan(0);
    expect(errorsIn(file)).toEqual(expectedIn(file));
  });

  it.each([
    ["reusable-call.ts", "an unknown input, a missing required input or `with`, a boolean, number, string or object of the wrong type, an unknown secret, a missing required secret or `secrets`, a callee without `workflow_call`, `needs.<caller>.outputs` the callee does not declare, a misspelt key in a remote interface or an input definition"],
  ])("issue 10.4: %s (%s) is a type error on its line", (file) => {
    expect(expectedIn(file).length).toBeGreaterThan(0);
    expect(errorsIn(file)).toEqual(expectedIn(file));
  });

  it.each(["valid-workflow.ts", "dsl-valid.ts", "expr-valid.ts", "reusable-call-valid.ts"])("issue 10.1: %s, a realistic workflow using many keys, type-checks with no error", (file) => {
    expect(check.files).toContain(file);
    expect(errorsIn(file)).toEqual([]);
  });
});

describe("the type-check harness", () => {
  it("issue 10.1: fails when a marked error disappears, an unmarked one appears, or the reason differs", () => {
    const check = checkFixtures(HARNESS_FIXTURES);
    expect(check.elsewhere).toEqual([]);
    expect(check.expected).toEqual([
      { file: "error-disappeared.ts", line: 2, code: "TS2322" },
      { file: "error-other-reason.ts", line: 2, code: "TS2322" },
    ]);
    expect(check.actual).toEqual([
      { file: "error-other-reason.ts", line: 2, code: "TS2322" },
      { file: "error-unmarked.ts", line: 2, code: "TS2322" },
    ]);
    expect(check.unmatchedTexts).toEqual(["error-other-reason.ts:2: is not assignable to type 'boolean'"]);
  });
});
