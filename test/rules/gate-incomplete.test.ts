import rule from "../../src/rules/gate-incomplete.js";
import { testRule } from "./_test-rule.js";

const job = (id: string, extra = "") => `  ${id}:\n${extra}    runs-on: x\n    steps: [{ run: ${id} }]\n`;
const gate = (needs: string) => job("gate", `    needs: ${needs}\n    if: always()\n`);
// A job that waits for `needs` under always(), reads their results, and does work of its own.
const waitingJob = (id: string, needs: string) =>
  `  ${id}:\n    needs: ${needs}\n    if: always() && !contains(needs.*.result, 'failure')\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: make ${id}\n`;
const release = `on:\n  push:\n    tags: ['v*']\njobs:\n${job("build")}${job("test")}${job("docs")}${waitingJob("release", "[build, test]")}`;
const testAfterBuilds = `on: pull_request\njobs:\n${job("build-linux")}${job("build-mac")}${job("lint")}${waitingJob("test", "[build-linux, build-mac]")}`;
const allsGreen = `on: merge_group\njobs:\n${job("a")}${job("b")}  all-green:\n    needs: [a]\n    if: always()\n    runs-on: x\n    steps:\n      - uses: re-actors/alls-green@release/v1\n        with: { jobs: '\${{ toJSON(needs) }}' }\n`;

testRule(rule, {
  valid: [
    { name: "needs every job", yaml: `on: pull_request\njobs:\n${job("a")}${job("b", "    needs: a\n")}${gate("[a, b]")}` },
    { name: "jobs after the gate are not needed", yaml: `on: pull_request\njobs:\n${job("a")}${gate("[a]")}${job("deploy", "    needs: gate\n")}${job("notify", "    needs: deploy\n")}` },
    { name: "issue 12: a push-triggered release job is not a gate", yaml: release },
    { name: "issue 12: a test job reading needs.*.result under always() is not a gate", yaml: testAfterBuilds },
  ],
  invalid: [
    { name: "issue 12: the same release job, named by a required check", yaml: release, requiredChecks: [{ name: "release" }], errors: [{ path: ["jobs", "release", "needs"], line: 15, column: 5 }] },
    { name: "issue 12: the same test job, named by a required check", yaml: testAfterBuilds, requiredChecks: [{ name: "TEST" }], errors: [{ path: ["jobs", "test", "needs"], line: 13, column: 5 }] },
    { name: "issue 12: an alls-green gate of the merge queue", yaml: allsGreen, errors: [{ path: ["jobs", "all-green", "needs"], line: 10, column: 5 }] },
    {
      name: "a job needed only through another",
      yaml: `on: pull_request\njobs:\n${job("a")}${job("b", "    needs: a\n")}${gate("[b]")}`,
      errors: [{ path: ["jobs", "gate", "needs"], line: 11, column: 5 }],
    },
    {
      name: "two jobs left out: one finding",
      yaml: `on: pull_request\njobs:\n${job("a")}${job("b")}${job("c")}${gate("a")}`,
      errors: [{ path: ["jobs", "gate", "needs"], line: 13, column: 12 }],
    },
  ],
});
