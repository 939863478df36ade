import rule from "../../src/rules/insecure-commands.js";
import { testRule } from "./_test-rule.js";

const job = (jobBody: string, on = "push") => `on: ${on}\njobs:\n  a:\n    runs-on: x\n${jobBody}`;

testRule(rule, {
  valid: [
    { name: "issue 12.insecure-commands: the variable set to false", yaml: job("    env:\n      ACTIONS_ALLOW_UNSECURE_COMMANDS: false\n    steps:\n      - run: echo hi\n") },
    { name: "issue 12.insecure-commands: environment files instead", yaml: job("    steps:\n      - run: echo \"X=1\" >> \"$GITHUB_ENV\"\n") },
    { name: "issue 12.insecure-commands: the name mentioned in a script without writing it", yaml: job("    steps:\n      - run: echo \"ACTIONS_ALLOW_UNSECURE_COMMANDS is not set\"\n") },
  ],
  invalid: [
    { name: "issue 12.insecure-commands: workflow env, boolean", yaml: "on: push\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo hi\n", errors: [{ path: ["env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"], line: 3, column: 36 }] },
    { name: "issue 12.insecure-commands: job env, quoted string", yaml: job("    env:\n      ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'\n    steps:\n      - run: echo hi\n"), errors: [{ path: ["jobs", "a", "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"], line: 6, column: 40 }] },
    { name: "issue 12.insecure-commands: step env", yaml: job("    steps:\n      - uses: some/old-action@v1\n        env:\n          ACTIONS_ALLOW_UNSECURE_COMMANDS: TRUE\n"), errors: [{ path: ["jobs", "a", "steps", 0, "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"], line: 8, column: 44 }] },
    { name: "issue 12.insecure-commands: a step inside parallel:", yaml: job("    steps:\n      - parallel:\n          - run: echo hi\n            env:\n              ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n"), errors: [{ path: ["jobs", "a", "steps", 0, "parallel", 0, "env", "ACTIONS_ALLOW_UNSECURE_COMMANDS"], line: 9, column: 48 }] },
    { name: "issue 12.insecure-commands: written to GITHUB_ENV by a script", yaml: job("    steps:\n      - run: echo \"ACTIONS_ALLOW_UNSECURE_COMMANDS=true\" >> \"$GITHUB_ENV\"\n"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
  ],
});
