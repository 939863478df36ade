import rule from "../../src/rules/workflow-secret-unknown.js";
import { testRule } from "./_test-rule.js";

const called = (secrets: string, read: string, on = "") => `on:\n${on}  workflow_call:\n${secrets}jobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ./go.sh\n        env:\n          T: \${{ ${read} }}\n`;
const at = (line: number) => ({ path: ["jobs", "a", "steps", 0, "env", "T"], line, column: 14 });

testRule(rule, {
  valid: [
    { name: "a listed secret, in another case, and GITHUB_TOKEN", yaml: called("    secrets:\n      Deploy-Token: { required: true }\n", "secrets.deploy-token || secrets.GITHUB_TOKEN") },
    { name: "no secrets key: nothing is listed, callers may inherit", yaml: called("    inputs:\n      x: { type: string }\n", "secrets.ANY") },
    { name: "another trigger too: the repository's secrets are there", yaml: called("    secrets:\n      a: {}\n", "secrets.B", "  push:\n") },
  ],
  invalid: [
    { name: "issue 12: a misspelt secret", yaml: called("    secrets:\n      credential:\n        description: the login\n", "secrets.credentials"), errors: [at(12)] },
    { name: "issue 12: secrets: with nothing under it lists none", yaml: called("    secrets:\n", "secrets.CALLING_WORKFLOW_SECRET"), errors: [at(10)] },
  ],
});
