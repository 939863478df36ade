import rule from "../../src/rules/env-name-invalid.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    {
      name: "usual names everywhere, and an env from an expression",
      yaml: "on: push\nenv:\n  CI: 'true'\n  node_version: 22\n  ${{ github.event_name }}-${{ matrix.x }}: ''\njobs:\n  a:\n    runs-on: x\n    env: ${{ fromJSON(vars.ENV) }}\n    container:\n      image: node:22\n      env: { NODE_ENV: test, my-var: 1 }\n    services:\n      db:\n        image: postgres:16\n        env: { POSTGRES_PASSWORD: '${{ secrets.DB }}' }\n    steps:\n      - run: a\n        env: { A_1: x }\n",
    },
  ],
  invalid: [
    {
      name: "issue 12: = and a space in workflow and step names, also around an expression",
      yaml: "on: push\nenv:\n  'A=B': x\n  C D: y\n  ${{ github.event_name }} X: ''\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: a\n        env:\n          'FLAGS ': z\n",
      errors: [
        { path: ["env", "A=B"], line: 3, column: 10 },
        { path: ["env", "C D"], line: 4, column: 8 },
        { path: ["env", "${{ github.event_name }} X"], line: 5, column: 31 },
        { path: ["jobs", "a", "steps", 0, "env", "FLAGS "], line: 12, column: 21 },
      ],
    },
    {
      name: "issue 12: in container and service env",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    container:\n      image: node:22\n      env: { 'X=1': a }\n    services:\n      db:\n        image: postgres:16\n        env:\n          POSTGRES PASSWORD: b\n    steps: [{ run: a }]\n",
      errors: [
        { path: ["jobs", "a", "container", "env", "X=1"], line: 7, column: 21 },
        { path: ["jobs", "a", "services", "db", "env", "POSTGRES PASSWORD"], line: 12, column: 30 },
      ],
    },
  ],
});
