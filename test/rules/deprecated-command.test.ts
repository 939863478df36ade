import rule from "../../src/rules/deprecated-command.js";
import { testRule } from "./_test-rule.js";

const steps = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${body}`;

testRule(rule, {
  valid: [
    { name: "environment files and other workflow commands", yaml: steps("      - run: |\n          echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n          echo \"::group::Build\"\n          echo \"::error file=a.ts::bad\"\n          echo \"::add-mask::$TOKEN\"\n") },
  ],
  invalid: [
    {
      name: "set-output",
      yaml: steps('      - run: echo "::set-output name=v::1"\n'),
      errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }],
    },
    {
      name: "set-env and add-path in one script: one finding each",
      yaml: steps("      - name: old\n        run: |\n          echo \"::set-env name=A::1\"\n          echo \"::add-path::/opt/bin\"\n          echo \"::set-env name=B::2\"\n"),
      errors: [
        { path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 14 },
        { path: ["jobs", "a", "steps", 0, "run"], line: 7, column: 14 },
      ],
    },
    {
      name: "save-state",
      yaml: steps("      - run: echo ok\n      - run: echo '::save-state name=pid::42'\n"),
      errors: [{ path: ["jobs", "a", "steps", 1, "run"], line: 7, column: 14 }],
    },
  ],
});
