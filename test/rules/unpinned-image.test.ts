import rule from "../../src/rules/unpinned-image.js";
import { testRule } from "./_test-rule.js";

const DIGEST = `sha256:${"b".repeat(64)}`;

testRule(rule, {
  valid: [
    { name: "digests everywhere, and expressions", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    container: node:20@${DIGEST}\n    services:\n      db:\n        image: postgres@${DIGEST}\n      cache:\n        image: \${{ vars.CACHE_IMAGE }}\n    steps:\n      - uses: docker://alpine:3@${DIGEST}\n` },
    { name: "issue 12.unpinned-image: every matrix value pinned by digest", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        image: ["node:20@${DIGEST}", "node:22@${DIGEST}"]\n    container: \${{ matrix.image }}\n    steps: [{ run: a }]\n` },
    { name: "issue 12.unpinned-image: a registry port is not a tag", yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    container: localhost:5000/app@${DIGEST}\n    steps: [{ run: a }]\n` },
  ],
  invalid: [
    {
      name: "issue 12.unpinned-image: no tag, latest, and a matrix value without a digest",
      yaml: `on: push\njobs:\n  a:\n    runs-on: x\n    strategy:\n      matrix:\n        db: ["postgres:16@${DIGEST}", "postgres:17"]\n        include:\n          - db: mysql\n    container: node\n    services:\n      cache:\n        image: redis:latest\n      db:\n        image: \${{ matrix.db }}\n    steps: [{ run: a }]\n`,
      errors: [
        { path: ["jobs", "a", "container"], line: 10, column: 16 },
        { path: ["jobs", "a", "services", "cache", "image"], line: 13, column: 16 },
        { path: ["jobs", "a", "services", "db", "image"], line: 15, column: 16 },
      ],
    },
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
