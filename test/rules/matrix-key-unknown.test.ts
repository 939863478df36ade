import rule from "../../src/rules/matrix-key-unknown.js";
import { testRule } from "./_test-rule.js";

testRule(rule, {
  valid: [
    { name: "keys of the matrix and of include rows", yaml: "on: push\njobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest]\n        include:\n          - os: ubuntu-latest\n            experimental: true\n    steps:\n      - run: echo ${{ matrix.OS }} ${{ matrix.experimental }} ${{ toJSON(matrix) }}\n" },
    { name: "a matrix from an expression is not checked", yaml: "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix: ${{ fromJSON(needs.x.outputs.m) }}\n    steps:\n      - run: echo ${{ matrix.anything }}\n" },
    { name: "include from an expression is not checked", yaml: "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n        os: [a]\n        include: ${{ fromJSON('[]') }}\n    steps:\n      - run: echo ${{ matrix.anything }}\n" },
    { name: "nested values of a key", yaml: "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n        test:\n          - ${{ fromJson('{\"foo\":{\"bar\":\"test\"}}') }}\n    steps:\n      - run: echo ${{ matrix.test.foo.bar }}\n" },
    { name: "issue 12: nested keys that values have, in axes and include rows", yaml: "on: push\njobs:\n  t:\n    runs-on: ${{ matrix.config.os }}\n    strategy:\n      matrix:\n        config:\n          - { os: ubuntu-latest, r: release }\n        include:\n          - config: { os: macos-latest, r: devel, rspm: 'https://x' }\n    steps:\n      - run: echo ${{ matrix.config.RSPM }} ${{ matrix.config.r }}\n" },
    { name: "issue 12: nested keys of a computed value", yaml: "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n        config:\n          - { os: ubuntu-latest }\n          - ${{ fromJSON(vars.EXTRA) }}\n    steps:\n      - run: echo ${{ matrix.config.rspm }}\n" },
  ],
  invalid: [
    {
      name: "issue 12: a nested key no value has",
      yaml: "on: push\njobs:\n  t:\n    runs-on: ${{ matrix.config.os }}\n    strategy:\n      matrix:\n        config:\n          - { os: ubuntu-latest, r: release }\n          - { os: macos-latest, r: devel }\n    steps:\n      - run: echo ${{ matrix.config.rspm }}\n",
      errors: [{ path: ["jobs", "t", "steps", 0, "run"], line: 11, column: 14 }],
    },
    {
      name: "a typo in a key",
      yaml: "on: push\njobs:\n  t:\n    runs-on: x\n    strategy:\n      matrix:\n        node: [20, 22]\n    steps:\n      - run: npm test\n        env:\n          NODE: ${{ matrix.nodee }}\n",
      errors: [{ path: ["jobs", "t", "steps", 0, "env", "NODE"], line: 11, column: 17 }],
    },
    {
      name: "matrix read in a job without a matrix",
      yaml: "on: push\njobs:\n  t:\n    name: test ${{ matrix.os }}\n    runs-on: x\n    steps: [{ run: x }]\n",
      errors: [{ path: ["jobs", "t", "name"], line: 4, column: 11 }],
    },
  ],
});
