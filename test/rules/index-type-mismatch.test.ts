import rule from "../../src/rules/index-type-mismatch.js";
import { testRule } from "./_test-rule.js";

const run = (expression: string) => `on:\n  workflow_dispatch:\n    inputs:\n      flag: { type: boolean }\n      count: { type: number }\n      name: { type: string }\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo "\${{ ${expression} }}"\n`;
const at = { path: ["jobs", "a", "steps", 0, "run"], line: 11, column: 14 };

testRule(rule, {
  valid: [
    { name: "objects by name, lists by number", yaml: run("github['sha'] }} ${{ env[inputs.name] }} ${{ github.event.commits[0].message }} ${{ github.event.commits[inputs.count].id") },
    { name: "github.event.inputs are text: fine as a property name", yaml: run("github[github.event.inputs.name]") },
    { name: "a number written as text reads the item", yaml: run("github.event.commits['0'].id") },
    { name: "a value of unknown kind inside the brackets", yaml: run("github.event.commits[steps.pick.outputs.index].id }} ${{ env[matrix.key]") },
    { name: "a matrix list indexed by number", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        list: [[1, 2]]\n    steps:\n      - run: echo ${{ matrix.list[0] }}\n" },
  ],
  invalid: [
    { name: "issue 12: an object indexed with a number literal", yaml: run("env[0]"), errors: [at] },
    { name: "issue 12: an object indexed with a boolean or number input", yaml: run("github[inputs.flag] }} ${{ github[inputs.count]"), errors: [at, at] },
    { name: "issue 12: a filtered list indexed with text: an item only when the text is a number", yaml: run("github.event.*[github.event.inputs.name] }} ${{ github.event.*[inputs.name]"), errors: [{ ...at, severity: "warning" }, { ...at, severity: "warning" }] },
    { name: "a payload list indexed with a text input, and with a boolean input", yaml: run("github.event.pull_request.labels[inputs.name].name }} ${{ github.event.commits[inputs.flag].id"), errors: [{ ...at, severity: "warning" }, { ...at, severity: "warning" }] },
    { name: "a list read as if it were keyed by name", yaml: run("github.event.pull_request.labels['bug']"), errors: [at] },
  ],
});
