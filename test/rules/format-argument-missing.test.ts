import rule from "../../src/rules/format-argument-missing.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify(script)}\n`;

testRule(rule, {
  valid: [
    { name: "a value for each placeholder", yaml: run("echo ${{ format('{0}/{1}', github.repository, github.sha) }}") },
    { name: "a placeholder used twice", yaml: run("echo ${{ format('{0}-{0}', github.sha) }}") },
    { name: "escaped braces are no placeholder", yaml: run("echo ${{ format('{{0}} {0}', github.sha) }}") },
    { name: "more values than placeholders", yaml: run("echo ${{ format('{0}', github.sha, github.ref) }}") },
    { name: "values with calls and commas inside", yaml: run("echo ${{ format('{0} {1}', join(fromJSON('[1, 2]'), ','), github.sha) }}") },
    { name: "a format string read from a context", yaml: run("echo ${{ format(github.event.inputs.template, github.sha) }}") },
    { name: "no format call", yaml: run("echo ${{ github.sha }} {1}") },
  ],
  invalid: [
    {
      name: "issue 12.2: an unclosed placeholder makes the format string invalid",
      yaml: run("echo ${{ format('{0', github.sha) }}"),
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }],
    },
    {
      name: "issue 12.2: a lone closing brace and a named placeholder are invalid too",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ format('{0}}', github.sha) }}\n      - run: echo ${{ format('{name}', github.sha) }}\n",
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }, { path: ["jobs", "a", "steps", 1, "run"], line: 7, column: 14 }],
    },
    {
      name: "issue 12: a second placeholder with one value",
      yaml: run("echo ${{ format('{0}-{1}', github.sha) }}"),
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }],
    },
    {
      name: "issue 12: the value given sits at {0}, in a job condition",
      yaml: "on: push\njobs:\n  a:\n    if: format('v{1}', github.sha) == 'v'\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }],
    },
    {
      name: "issue 12: in the workflow's run-name",
      yaml: "on: push\nrun-name: ${{ format('{0} by {1}', github.ref_name) }}\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [{ path: ["run-name"], line: 2, column: 11 }],
    },
  ],
});
