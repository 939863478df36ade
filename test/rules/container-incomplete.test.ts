import rule from "../../src/rules/container-incomplete.js";
import { testRule } from "./_test-rule.js";

const job = (body: string) => `on: push\njobs:\n  a:\n    runs-on: x\n${body}    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "a container by name, and one as a mapping with its image", yaml: job("    container: node:20\n    services:\n      db:\n        image: postgres:16\n        credentials:\n          username: u\n          password: ${{ secrets.P }}\n") },
    { name: "no container: null", yaml: job("    container: null\n") },
    { name: "an image from an expression", yaml: job("    container:\n      image: ${{ matrix.image }}\n") },
  ],
  invalid: [
    {
      name: "issue 12: a container and a service with no image",
      yaml: job("    container:\n      env:\n        FOO: bar\n    services:\n      redis:\n        ports: [6379]\n"),
      errors: [
        { path: ["jobs", "a", "container"], line: 5, column: 5 },
        { path: ["jobs", "a", "services", "redis"], line: 9, column: 7 },
      ],
    },
    {
      name: "issue 12: credentials with a username only, and with a password only",
      yaml: job("    container:\n      image: ghcr.io/o/i\n      credentials:\n        username: me\n    services:\n      db:\n        image: ghcr.io/o/db\n        credentials:\n          password: ${{ secrets.P }}\n"),
      errors: [
        { path: ["jobs", "a", "container", "credentials"], line: 7, column: 7 },
        { path: ["jobs", "a", "services", "db", "credentials"], line: 12, column: 9 },
      ],
    },
  ],
});
