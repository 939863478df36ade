import rule from "../../src/rules/object-in-text.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify(script)}\n`;
const at = { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 };

testRule(rule, {
  valid: [
    { name: "objects as JSON, and their properties", yaml: run("echo ${{ toJSON(github.event) }} ${{ github.event.action }} ${{ needs.build.result }}") },
    { name: "a value that is one whole expression keeps its type", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(needs.plan.outputs.matrix) }}\n    steps:\n      - uses: octo/act@v1\n        with:\n          payload: ${{ github.event }}\n" },
    { name: "conditions are not text", yaml: "on: push\njobs:\n  a:\n    if: ${{ github.event }}\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "an object filter gives a list only JSON can show, but is another rule's", yaml: run("echo ${{ github.event.commits.*.message }}") },
    { name: "an expression with an operator", yaml: run("echo ${{ github.event || 'none' }}") },
  ],
  invalid: [
    { name: "issue 12: the event in a script", yaml: run("echo ${{ github.event }}"), errors: [at] },
    { name: "issue 12: whole contexts and a job's entry", yaml: run("echo ${{ matrix }} and ${{ needs.build }}"), errors: [at, at] },
  ],
});
