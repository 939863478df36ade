import rule from "../../src/rules/object-in-text.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify(script)}\n`;
const at = { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 };
const matrixRun = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        foo: ['text', 42, { a: true }]\n        bar: [[42], [true]]\n        os: [{ name: linux, runner: ubuntu-latest }]\n    steps:\n      - run: ${JSON.stringify(script)}\n`;
const atMatrix = { path: ["jobs", "a", "steps", 0, "run"], line: 11, column: 14 };
// Each finding points at its own `${{ }}` in the quoted script, which starts at column 14.
const atEach = (script: string, line = 6) => [...JSON.stringify(script).matchAll(/\$\{\{/g)].map((match) => ({ path: ["jobs", "a", "steps", 0, "run"], line, column: 14 + match.index }));

testRule(rule, {
  valid: [
    { name: "matrix values of several kinds, one item of a list, one property of an object", yaml: matrixRun("echo ${{ matrix.foo }} ${{ matrix.bar[0] }} ${{ matrix.os.runner }}") },
    { name: "fromJSON of a number, and of a text that is not literal", yaml: run("echo ${{ fromJSON('42') }} ${{ fromJSON(inputs.list) }}") },
    { name: "objects as JSON, and their properties", yaml: run("echo ${{ toJSON(github.event) }} ${{ github.event.action }} ${{ needs.build.result }}") },
    { name: "a value that is one whole expression keeps its type", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n    steps:\n      - uses: octo/act@v1\n        with:\n          payload: ${{ github.event }}\n" },
    { name: "conditions are not text", yaml: "on: push\njobs:\n  a:\n    if: ${{ github.event }}\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "an object filter gives a list only JSON can show, but is another rule's", yaml: run("echo ${{ github.event.commits.*.message }}") },
    { name: "an expression with an operator", yaml: run("echo ${{ github.event || 'none' }}") },
  ],
  invalid: [
    { name: "issue 12: a matrix key whose every value is a list or an object", yaml: matrixRun("echo ${{ matrix.bar }} ${{ matrix.os }}"), errors: atEach("echo ${{ matrix.bar }} ${{ matrix.os }}", 11) },
    { name: "issue 12: null, and fromJSON of a literal list, object and null", yaml: run("echo ${{ null }} ${{ fromJSON('[1]') }} ${{ fromJSON('{}') }} ${{ fromJSON('null') }}"), errors: atEach("echo ${{ null }} ${{ fromJSON('[1]') }} ${{ fromJSON('{}') }} ${{ fromJSON('null') }}") },
    { name: "issue 12: the event in a script", yaml: run("echo ${{ github.event }}"), errors: atEach("echo ${{ github.event }}") },
    { name: "issue 12: whole contexts and a job's entry", yaml: run("echo ${{ matrix }} and ${{ needs.build }}"), errors: atEach("echo ${{ matrix }} and ${{ needs.build }}") },
    { name: "the same object twice, in lines of a block: once, on its first line", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          echo first\n          echo ${{ github.event }}\n          echo ${{ github.event }}\n", errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 8, column: 16 }] },
  ],
});
