import rule from "../../src/rules/function-argument-object.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${JSON.stringify(script)}\n`;
const jobIf = (condition: string) => `on: push\njobs:\n  a:\n    if: ${condition}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "string properties", yaml: jobIf("startsWith(github.ref, 'refs/tags/') && endsWith(github.event.pull_request.title, '!')") },
    { name: "toJSON of an object", yaml: run("echo ${{ fromJSON(toJSON(github.event)).action }} ${{ format('{0}', toJSON(github.event)) }}") },
    { name: "an object as a later format argument is printed, not read as the format", yaml: run("echo ${{ format('{0}', github.sha) }}") },
    { name: "contains() takes lists and objects", yaml: jobIf("contains(github.event.pull_request.labels.*.name, 'bug')") },
    { name: "a property of an object", yaml: jobIf("startsWith(needs.build.result, 'succ')") },
  ],
  invalid: [
    {
      name: "issue 12.2: the event where a string is read, in a script",
      yaml: run("echo ${{ startsWith(github.event, 'refs/') }}"),
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }],
    },
    {
      name: "issue 12.2: a job of needs as endsWith's second argument, in a condition",
      yaml: "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps: [{ run: b }]\n  a:\n    needs: b\n    if: endsWith('x', needs.b)\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n",
      errors: [{ path: ["jobs", "a", "if"], line: 8, column: 9 }],
    },
    {
      name: "issue 12.2: fromJSON of a step's outputs object",
      yaml: "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - id: meta\n        run: echo\n      - run: echo ${{ fromJSON(steps.meta.outputs).v }}\n",
      errors: [{ path: ["jobs", "a", "steps", 1, "run"], line: 8, column: 14 }],
    },
  ],
});
