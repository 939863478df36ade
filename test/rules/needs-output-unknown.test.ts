import rule from "../../src/rules/needs-output-unknown.js";
import { testRule } from "./_test-rule.js";

const build = "  build:\n    runs-on: x\n    outputs:\n      version: ${{ steps.v.outputs.value }}\n    steps:\n      - id: v\n        run: echo value=1 >> $GITHUB_OUTPUT\n";

testRule(rule, {
  valid: [
    { name: "a declared output of a needed job", yaml: `on: push\njobs:\n${build}  deploy:\n    needs: build\n    runs-on: x\n    steps:\n      - run: echo "$V"\n        env:\n          V: \${{ needs.build.outputs.version }}\n` },
    { name: "case-insensitive, bracket access and result", yaml: `on: push\njobs:\n${build}  deploy:\n    needs: [build]\n    if: needs.Build.result == 'success'\n    runs-on: x\n    steps:\n      - run: echo \${{ needs['build'].outputs['VERSION'] }}\n` },
    { name: "object filters and whole contexts are not checked", yaml: `on: push\njobs:\n${build}  deploy:\n    needs: build\n    runs-on: x\n    steps:\n      - run: echo '\${{ toJSON(needs.build.outputs) }} \${{ join(needs.*.result) }}'\n` },
    { name: "outputs of a reusable workflow call are not known here", yaml: "on: push\njobs:\n  call:\n    uses: ./.github/workflows/called.yml\n  after:\n    needs: call\n    runs-on: x\n    steps:\n      - run: echo ${{ needs.call.outputs.anything }}\n" },
    { name: "workflow_call outputs reading declared job outputs", yaml: `on:\n  workflow_call:\n    outputs:\n      v:\n        value: \${{ jobs.build.outputs.version }}\njobs:\n${build}` },
  ],
  invalid: [
    {
      name: "an output the needed job does not declare",
      yaml: `on: push\njobs:\n${build}  deploy:\n    needs: build\n    runs-on: x\n    steps:\n      - run: echo "$V"\n        env:\n          V: \${{ needs.build.outputs.tag }}\n`,
      errors: [{ path: ["jobs", "deploy", "steps", 0, "env", "V"], line: 16, column: 14 }],
    },
    {
      name: "a job that is not in needs, in the job's if",
      yaml: `on: push\njobs:\n${build}  other:\n    runs-on: x\n    steps: [{ run: x }]\n  deploy:\n    needs: other\n    if: needs.build.outputs.version != ''\n    runs-on: x\n    steps: [{ run: x }]\n`,
      errors: [{ path: ["jobs", "deploy", "if"], line: 15, column: 9 }],
    },
    {
      name: "a job that does not exist",
      yaml: `on: push\njobs:\n${build}  deploy:\n    needs: build\n    runs-on: x\n    steps:\n      - run: echo \${{ needs.biuld.outputs.version }}\n`,
      errors: [{ path: ["jobs", "deploy", "steps", 0, "run"], line: 14, column: 14 }],
    },
    {
      name: "a job without outputs",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: x }]\n  b:\n    needs: a\n    runs-on: ${{ needs.a.outputs.runner }}\n    steps: [{ run: x }]\n",
      errors: [{ path: ["jobs", "b", "runs-on"], line: 8, column: 14 }],
    },
    {
      name: "workflow_call outputs reading an undeclared job output",
      yaml: `on:\n  workflow_call:\n    outputs:\n      v:\n        value: \${{ jobs.build.outputs.tag }}\njobs:\n${build}`,
      errors: [{ path: ["on", "workflow_call", "outputs", "v", "value"], line: 5, column: 16 }],
    },
  ],
});
