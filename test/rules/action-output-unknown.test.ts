import rule from "../../src/rules/action-output-unknown.js";
import { testRule } from "./_test-rule.js";

const steps = (...lines: string[]) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${lines.join("")}`;
const checkout = "      - id: co\n        uses: actions/checkout@v4\n";
const read = (expression: string) => `      - run: echo \${{ ${expression} }}\n`;

testRule(rule, {
  valid: [
    { name: "a declared output, in any case", yaml: steps(checkout, read("steps.co.outputs.commit"), read("steps.CO.outputs.Ref")) },
    { name: "an action that sets outputs its inputs name", yaml: steps("      - id: changes\n        uses: dorny/paths-filter@v3\n        with: { filters: 'src: src/**' }\n", read("steps.changes.outputs.src")) },
    { name: "a script that sets its own outputs", yaml: steps("      - id: s\n        uses: actions/github-script@v7\n        with: { script: \"core.setOutput('foo', 1)\" }\n", read("steps.s.outputs.foo")) },
    { name: "an action trunkline does not know", yaml: steps("      - id: x\n        uses: octo-org/tool@v1\n", read("steps.x.outputs.anything")) },
    { name: "a run step's outputs are its own", yaml: steps("      - id: v\n        run: echo \"value=1\" >> \"$GITHUB_OUTPUT\"\n", read("steps.v.outputs.value")) },
    { name: "the outcome, and all outputs at once", yaml: steps(checkout, read("steps.co.outcome"), read("toJSON(steps.co.outputs)"), read("steps.co.outputs.*")) },
    { name: "a local action", yaml: steps("      - id: l\n        uses: ./.github/actions/build\n", read("steps.l.outputs.version")) },
  ],
  invalid: [
    {
      name: "issue 12: an output the action does not have",
      yaml: steps(checkout, read("steps.co.outputs.sha")),
      errors: [{ path: ["jobs", "a", "steps", 1, "run"], line: 8, column: 14 }],
    },
    {
      name: "issue 12: in the job's outputs",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    outputs:\n      ref: ${{ steps.co.outputs.branch }}\n    steps:\n" + checkout,
      errors: [{ path: ["jobs", "a", "outputs", "ref"], line: 6, column: 12 }],
    },
  ],
});
