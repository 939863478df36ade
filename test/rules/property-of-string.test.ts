import rule from "../../src/rules/property-of-string.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    env:\n      V: '1'\n    steps:\n      - id: s\n        run: echo\n      - run: ${JSON.stringify(script)}\n`;
const matrix = (body: string, script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n${body}    steps:\n      - run: ${JSON.stringify(script)}\n`;
const at = { path: ["jobs", "a", "steps", 1, "run"], line: 10, column: 14 };

testRule(rule, {
  valid: [
    { name: "values themselves", yaml: run("echo ${{ steps.s.outputs.v }} ${{ env.V }} ${{ vars.X }} ${{ secrets.T }} ${{ inputs.i }} ${{ steps.s.outcome }}") },
    { name: "parsed JSON", yaml: run("echo ${{ fromJSON(steps.s.outputs.v).major }} ${{ fromJSON(env.V)[0] }}") },
    { name: "whole objects and filters", yaml: run("echo ${{ toJSON(steps.s.outputs) }} ${{ steps.*.outputs.v }} ${{ needs.*.result }}") },
    { name: "an index computed at run time is not judged", yaml: run("echo ${{ env[matrix.key] }}") },
    { name: "a property of matrix values that are objects", yaml: matrix("        config: [{ os: a, name: A }, { os: b, name: B }]\n", "echo ${{ matrix.config.name }}") },
    { name: "matrix values some of which are objects (an include row)", yaml: matrix("        os: [a]\n        include: [{ os: { name: b } }]\n", "echo ${{ matrix.os.name }}") },
    { name: "a matrix computed at run time", yaml: matrix("        os: ${{ fromJSON(inputs.list) }}\n", "echo ${{ matrix.os.name }}") },
  ],
  invalid: [
    { name: "issue 12.2: a property of matrix values all written as text", yaml: matrix("        os: [ubuntu-latest, windows-latest]\n", "echo ${{ matrix.os.name }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 9, column: 14 }] },
    { name: "issue 12.2: a property of a nested matrix string", yaml: matrix("        config: [{ os: a }, { os: b }]\n", "echo ${{ matrix.config.os.name }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 9, column: 14 }] },
    { name: "issue 12: a property of a step output", yaml: run("echo ${{ steps.s.outputs.v.major }}"), errors: [at] },
    { name: "issue 12: a property of an env variable and of a job's result", yaml: run("echo ${{ env.V.x }} ${{ needs.b.result.code }}"), errors: [at, at] },
    { name: "issue 12: a property of a variable, in a condition", yaml: "on: push\njobs:\n  a:\n    if: vars.CONFIG.enabled == 'true'\n    runs-on: x\n    steps: [{ run: a }]\n", errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
  ],
});
