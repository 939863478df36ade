import rule from "../../src/rules/uses-invalid.js";
import { testRule } from "./_test-rule.js";

const steps = (...uses: string[]) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((value) => `      - uses: ${JSON.stringify(value)}\n`).join("")}`;
const call = (uses: string) => `on: push\njobs:\n  a:\n    uses: ${JSON.stringify(uses)}\n`;
const at = (index: number, line: number) => ({ path: ["jobs", "a", "steps", index, "uses"], line, column: 15 });
const job = { path: ["jobs", "a", "uses"], line: 4, column: 11 };

testRule(rule, {
  valid: [
    { name: "actions, paths, images and expressions", yaml: steps("actions/checkout@v4", "github/codeql-action/init@v3", "./.github/actions/build", "./", "docker://alpine:3.20", "docker://ghcr.io/o/i@sha256:abc", "docker://alpine", "${{ matrix.action }}") },
    { name: "a reusable workflow of another repository, at a ref", yaml: call("octo-org/shared/.github/workflows/ci.yml@v1") },
    { name: "a reusable workflow of this repository, without a ref", yaml: call("./.github/workflows/ci.yaml") },
    { name: "a reusable workflow at another path of its repository", yaml: call("octo-org/shared/ci.yml@v1") },
    { name: "issue 11.4: $/ same-repository references, to an action and to a workflow", yaml: `${steps("$/.github/actions/build")}  b:\n    uses: "$/.github/workflows/ci.yml"\n` },
  ],
  invalid: [
    { name: "issue 12: an action without owner", yaml: steps("checkout@v2"), errors: [at(0, 6)] },
    { name: "issue 12: an action without ref, and with an empty one", yaml: steps("actions/checkout", "actions/setup-node@"), errors: [at(0, 6), at(1, 7)] },
    { name: "issue 12: a local action without ./", yaml: steps(".github/actions/build", "tools/action.yml"), errors: [at(0, 6), at(1, 7)] },
    { name: "issue 12: docker:// with an empty tag, and with no image", yaml: steps("docker://alpine:", "docker://"), errors: [at(0, 6), at(1, 7)] },
    { name: "issue 12: a reusable workflow without ref", yaml: call("octo-org/shared/.github/workflows/ci.yml"), errors: [job] },
    { name: "issue 12: a local reusable workflow with a ref", yaml: call("./.github/workflows/ci.yml@main"), errors: [job] },
    { name: "issue 12: a local reusable workflow without ./", yaml: call(".github/workflows/ci.yml"), errors: [job] },
    { name: "issue 12: a path of another repository that is no workflow file", yaml: call("octo-org/shared/.github/workflows/ci@v1"), errors: [job] },
    { name: "issue 12: a local reusable workflow outside .github/workflows", yaml: call("./ci/deploy.yml"), errors: [job] },
    { name: "issue 12: an action where a job calls a reusable workflow", yaml: call("octo-org/shared@v1"), errors: [job] },
  ],
});
