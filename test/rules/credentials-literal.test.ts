import rule from "../../src/rules/credentials-literal.js";
import { testRule } from "./_test-rule.js";

const job = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n${body}    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "passwords from secrets and expressions", yaml: job("    container:\n      image: x\n      credentials:\n        username: ${{ github.actor }}\n        password: ${{ secrets.GITHUB_TOKEN }}\n    services:\n      db:\n        image: y\n        credentials: { username: u, password: '${{ env.PASS }}' }\n") },
    { name: "no credentials, and a container by name", yaml: job("    container: node:22\n    services:\n      db:\n        image: y\n") },
  ],
  invalid: [
    { name: "issue 12: a password in the job container", yaml: job("    container:\n      image: x\n      credentials:\n        username: u\n        password: hunter2\n"), errors: [{ path: ["jobs", "a", "container", "credentials", "password"], line: 9, column: 19 }] },
    { name: "issue 12: a password in a service, even a number", yaml: job("    services:\n      cache:\n        image: y\n        credentials: { username: u, password: 1234 }\n"), errors: [{ path: ["jobs", "a", "services", "cache", "credentials", "password"], line: 8, column: 47 }] },
  ],
});
