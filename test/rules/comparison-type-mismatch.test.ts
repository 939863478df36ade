import rule from "../../src/rules/comparison-type-mismatch.js";
import { testRule } from "./_test-rule.js";

const condition = (expression: string) => `on: [push, release]\njobs:\n  a:\n    if: ${expression}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n`;

const matrixJob = (axes: string, expression: string) => `on: push\njobs:\n  a:\n    strategy:\n      matrix:\n${axes}    if: ${expression}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n`;
const inputsJob = (expression: string) => `on:\n  workflow_dispatch:\n    inputs:\n      debug: { type: boolean }\n      count: { type: number }\n      name: { type: string }\njobs:\n  a:\n    if: ${expression}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "numbers ordered against numbers", yaml: condition("github.run_number > 1 && github.event.pull_request.number <= 10") },
    { name: "a string property compared with a string", yaml: condition("github.event_name == 'release' && needs.build.result != 'success'") },
    { name: "a payload string compared", yaml: condition("github.event.pull_request.head.repo.full_name == github.repository") },
    { name: "an object compared with an object (the same instance)", yaml: condition("github.event == github.event") },
    { name: "an object passed to a function before the comparison", yaml: condition("toJSON(github.event) == '{}' && contains(github.event.pull_request.labels.*.name, 'bug')") },
    { name: "an object negated, then compared", yaml: condition("!github.event == 'x'") },
    { name: "a property read further than the object", yaml: condition("${{ 'opened' == github.event.pull_request.state }}") },
    { name: "a string property of an unknown shape", yaml: condition("github.event.action == 'published'") },
    { name: "a payload object compared with null: a presence test", yaml: condition("github.event.pull_request != null") },
    { name: "a boolean compared with a boolean, a function's result with a boolean", yaml: condition("github.event.pull_request.draft == false && contains(github.ref, 'x') == true") },
    { name: "numbers of the matrix ordered, a matrix value of several kinds", yaml: matrixJob("        node: [18, 20]\n        flag: [true, 'x']\n", "matrix.node >= 20 && matrix.flag < 1") },
    { name: "a matrix object compared with itself", yaml: matrixJob("        o: [{ a: 1 }]\n", "matrix.o == matrix.o") },
    { name: "a number input ordered, a string input ordered as text", yaml: inputsJob("inputs.count > 3 && inputs.name < 'm'") },
    { name: "an input declared as boolean by one trigger and as text by the other", yaml: "on:\n  workflow_dispatch:\n    inputs:\n      x: { type: boolean }\n  workflow_call:\n    inputs:\n      x: { type: string }\njobs:\n  a:\n    if: inputs.x > 1\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a call that returns an unknown kind", yaml: condition("fromJSON('[1]') > 0") },
    { name: "the text of github.event.inputs compared with 'true'; a boolean with a number written as text", yaml: inputsJob("github.event.inputs.debug == 'true' && inputs.debug == '1' && inputs.debug == true") },
  ],
  invalid: [
    {
      name: "issue 12: values that order as 1, 0 or NaN: booleans, null, a matrix object and list",
      yaml: matrixJob("        o: [{}]\n        a: [[true]]\n", "1 > null || false < true || 'foo' >= matrix.o || false <= matrix.a"),
      errors: [0, 1, 2, 3].map(() => ({ path: ["jobs", "a", "if"], line: 8, column: 9 })),
    },
    {
      name: "issue 12: a matrix object or list compared with a literal, and two different lists",
      yaml: matrixJob("        o: [{}]\n        a: [[true]]\n        b: [[{}]]\n", "matrix.o == 'foo' || 42 != matrix.a || matrix.a == matrix.b"),
      errors: [0, 1, 2].map(() => ({ path: ["jobs", "a", "if"], line: 9, column: 9 })),
    },
    { name: "issue 12: a boolean input ordered against a number", yaml: inputsJob("inputs.debug > 60"), errors: [{ path: ["jobs", "a", "if"], line: 9, column: 9 }] },
    { name: "a boolean input compared with 'true' and with 'false'", yaml: inputsJob("inputs.debug == 'true' || inputs.debug != 'false'"), errors: [{ path: ["jobs", "a", "if"], line: 9, column: 9 }, { path: ["jobs", "a", "if"], line: 9, column: 9 }] },
    { name: "a function's boolean ordered, in ${{ }}", yaml: condition("${{ contains(github.ref, 'main') > 0 }}"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.2: an object ordered against a number", yaml: condition("github.event > 1 || 2 <= needs.build"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }, { path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12: github.event compared with a string", yaml: condition("github.event == 'release'"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12: a needed job, not its result, in ${{ }}", yaml: condition("${{ always() && 'success' != needs.build }}"), errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    {
      name: "issue 12: a list of labels compared with a name, in a step",
      yaml: "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        if: github.event.pull_request.labels == 'bug'\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "if"], line: 7, column: 13 }],
    },
  ],
});
