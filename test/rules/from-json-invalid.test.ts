import rule from "../../src/rules/from-json-invalid.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ${JSON.stringify(script)}\n`;
const at = { path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 };

testRule(rule, {
  valid: [
    { name: "JSON texts", yaml: run("echo ${{ fromJSON('[1, 2]') }} ${{ fromJSON('{\"a\": [\"}\"]}') }} ${{ fromJSON('true') }} ${{ fromJSON('-1.5e3') }} ${{ fromJSON('\"x\"') }}") },
    { name: "texts a lenient reader takes", yaml: run("echo ${{ fromJSON('{a: 1}') }} ${{ fromJSON('[''x'']') }}") },
    { name: "texts read from a context", yaml: run("echo ${{ fromJSON(steps.s.outputs.json) }} ${{ fromJSON(format('[{0}]', env.A)) }}") },
    { name: "an empty text", yaml: run("echo ${{ fromJSON('') }}") },
  ],
  invalid: [
    { name: "issue 12: an unclosed object", yaml: run("echo ${{ fromJSON('{not json') }}"), errors: [at] },
    { name: "issue 12: a bare word and a bracket closed twice", yaml: run("echo ${{ fromJSON('yes') }} ${{ fromJSON('[1]]') }}"), errors: [at, at] },
  ],
});
