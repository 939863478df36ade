// The first outputs a thread checks run its validators cold: each function compiled on first call,
// each property access still unspecialized, several times slower than the next hundred. A thread
// that waits anyway (the validation worker, while esbuild compiles the sources) checks this small
// workflow first, which touches the parts most workflows use, so that the first real output runs warm.
import { parse } from "yaml";
import type { Validator } from "../compile.js";
import type { JsonObject } from "../model/json.js";

/** A workflow of the usual shape (triggers, permissions, a matrix, needs, outputs, actions, expressions), clean. */
export const WARM_UP_WORKFLOW = `name: warm-up
on:
  push:
    branches: [main]
    paths: ["src/**"]
  pull_request:
    types: [opened, synchronize]
  workflow_dispatch:
    inputs:
      level:
        type: choice
        options: [low, high]
        default: low
permissions:
  contents: read
concurrency:
  group: \${{ github.workflow }}-\${{ github.ref }}
  cancel-in-progress: true
env:
  CI: true
defaults:
  run:
    shell: bash
jobs:
  build:
    name: Build
    runs-on: ubuntu-latest
    timeout-minutes: 10
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - id: version
        run: echo "value=1" >> "$GITHUB_OUTPUT"
  test:
    needs: [build]
    if: \${{ github.event_name != 'workflow_dispatch' || inputs.level == 'high' }}
    runs-on: \${{ matrix.os }}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22]
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - name: Test
        if: always()
        run: npm test -- --version "\${{ needs.build.outputs.version }}"
        env:
          TOKEN: \${{ secrets.GITHUB_TOKEN }}
`;

/** Runs `validators` once on {@link WARM_UP_WORKFLOW}, for the compile it causes; the findings are dropped. */
export async function warmUpValidators(validators: readonly Validator[]): Promise<void> {
  // read as gen's outputs are read: from the value (both threads that warm up check gen's outputs)
  const input = { model: parse(WARM_UP_WORKFLOW) as JsonObject, text: WARM_UP_WORKFLOW, file: ".github/workflows/warm-up.yml", emitted: true };
  await Promise.all(validators.map((validate) => validate(input)));
}
