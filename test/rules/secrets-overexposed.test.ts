import rule from "../../src/rules/secrets-overexposed.js";
import { testRule } from "./_test-rule.js";

const steps = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

testRule(rule, {
  valid: [
    { name: "issue 12.secrets-overexposed: named secrets", yaml: steps("      - run: ./deploy\n        env:\n          A: ${{ secrets.A }}\n          B: ${{ secrets['B'] }}\n") },
    { name: "issue 12.secrets-overexposed: toJSON of another context", yaml: steps("      - run: echo '${{ toJSON(github.event) }}'\n") },
  ],
  invalid: [
    { name: "issue 12.secrets-overexposed: toJSON(secrets)", yaml: steps("      - run: ./deploy\n        env:\n          ALL: ${{ toJSON(secrets) }}\n"), errors: [{ path: ["jobs", "a", "steps", 0, "env", "ALL"], line: 8, column: 16 }] },
    { name: "issue 12.secrets-overexposed: secrets indexed by a matrix value", yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        target: [staging, prod]\n    steps:\n      - run: ./deploy\n        env:\n          KEY: ${{ secrets[format('{0}_KEY', matrix.target)] }}\n", errors: [{ path: ["jobs", "a", "steps", 0, "env", "KEY"], line: 11, column: 16 }] },
    { name: "issue 12.secrets-overexposed: a reusable workflow call given all secrets as an input", yaml: "on: push\njobs:\n  a:\n    uses: ./.github/workflows/deploy.yml\n    with:\n      secrets-json: ${{ toJSON(secrets) }}\n", errors: [{ path: ["jobs", "a", "with", "secrets-json"], line: 6, column: 21 }] },
  ],
});
