import rule from "../../src/rules/unpinned-image.js";
import { testRule } from "./_test-rule.js";

const DIGEST = `sha256:${"b".repeat(64)}`;

testRule(rule, {
  valid: [
    { name: "digests everywhere, and expressions", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20@${DIGEST}\n    services:\n      db:\n        image: postgres@${DIGEST}\n      cache:\n        image: \${{ vars.CACHE_IMAGE }}\n    steps:\n      - uses: docker://alpine:3@${DIGEST}\n` },
  ],
  invalid: [
    {
      name: "a container string, a container image, a service and a docker step",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20\n    services:\n      db:\n        image: postgres:16\n    steps:\n      - uses: docker://alpine:3\n  b:\n    runs-on: x\n    container:\n      image: ghcr.io/o/i:main\n    steps: [{ run: b }]\n",
      errors: [
        { path: ["jobs", "a", "container"], line: 5, column: 16 },
        { path: ["jobs", "a", "services", "db", "image"], line: 8, column: 16 },
        { path: ["jobs", "a", "steps", 0, "uses"], line: 10, column: 15 },
        { path: ["jobs", "b", "container", "image"], line: 14, column: 14 },
      ],
    },
  ],
});
