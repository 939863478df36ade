import rule from "../../src/rules/secrets-inherit.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "named secrets", yaml: "on: push\njobs:\n  call:\n    uses: o/r/.github/workflows/x.yml@3d3c42e5aac5ba805825da76410c181273ba90b1\n    secrets:\n      token: ${{ secrets.TOKEN }}\n" },
  ],
  invalid: [
    { name: "inherit", yaml: "on: push\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n    secrets: inherit\n", errors: [{ path: ["jobs", "call", "secrets"], line: 5, column: 14 }] },
  ],
});
