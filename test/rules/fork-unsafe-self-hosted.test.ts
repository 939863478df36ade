import rule from "../../src/rules/fork-unsafe-self-hosted.js";
import { testRule } from "./_test-rule.js";

const pr = (job: string) => `on: pull_request\njobs:\n${job}`;
// A job whose runner comes from `runsOn` and whose matrix is `matrix` (YAML, indented 6 spaces).
const matrixJob = (runsOn: string, matrix: string) => pr(`  a:\n    runs-on: ${runsOn}\n    strategy:\n      matrix:\n${matrix}    steps: [{ run: a }]\n`);
const dispatchOrPr = (runsOn: string) => `on:\n  pull_request:\n  workflow_dispatch:\n    inputs:\n      platform: { type: string }\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "GitHub-hosted labels, also from a matrix", yaml: pr("  a:\n    runs-on: ubuntu-24.04\n    steps: [{ run: a }]\n  b:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-2022, macos-15]\n    steps: [{ run: b }]\n") },
    { name: "self-hosted with a same-repository guard", yaml: pr("  a:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: [self-hosted, linux]\n    steps: [{ run: a }]\n") },
    { name: "guarded through a needed job", yaml: pr("  guard:\n    if: ${{ !github.event.pull_request.head.repo.fork }}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n  build:\n    needs: guard\n    runs-on: arc-local\n    steps: [{ run: b }]\n") },
    { name: "a runner expression that picks a hosted runner for forks", yaml: pr("  a:\n    runs-on: ${{ github.event.pull_request.head.repo.fork && 'ubuntu-latest' || vars.RUNNER }}\n    steps: [{ run: a }]\n") },
    { name: "self-hosted without pull_request", yaml: "on: push\njobs:\n  a:\n    runs-on: self-hosted\n    steps: [{ run: a }]\n" },
    { name: "issue 12: nested matrix values (matrix.job.os)", yaml: matrixJob("${{ matrix.job.os }}", "        job:\n          - { name: linux, os: ubuntu-latest }\n          - { name: windows, os: windows-2022 }\n") },
    { name: "issue 12: labels from include rows only", yaml: matrixJob("${{ matrix.os }}", "        include:\n          - os: ubuntu-22.04\n          - os: macos-14\n            xcode: '15'\n") },
    { name: "issue 12: nested values in include rows", yaml: matrixJob("${{ matrix.config.os }}", "        python: ['3.12']\n        include:\n          - config: { os: ubuntu-24.04, r: release }\n          - config: { os: macos-latest, r: devel }\n") },
    { name: "issue 12: a matrix value interpolated (${{ matrix.os }}-latest)", yaml: matrixJob("${{ matrix.os }}-latest", "        os: [ubuntu, windows, macos]\n") },
    { name: "issue 12: an input with a default (${{ inputs.platform || 'ubuntu' }}-latest)", yaml: dispatchOrPr("${{ inputs.platform || 'ubuntu' }}-latest") },
    { name: "issue 12: a list of labels from the matrix", yaml: matrixJob("${{ matrix.runner }}", "        runner: [[ubuntu-latest], [macos-15]]\n") },
    { name: "a label declared GitHub-hosted in the options", yaml: pr("  a:\n    runs-on: ubuntu-latest-16-cores\n    steps: [{ run: a }]\n"), options: { hostedLabels: ["ubuntu-latest-16-cores"] } },
  ],
  invalid: [
    { name: "self-hosted labels", yaml: pr("  a:\n    runs-on: [self-hosted, linux]\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 5 }] },
    { name: "a custom label (ARC)", yaml: pr("  a:\n    runs-on: arc-local\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "a runner from a variable", yaml: pr("  a:\n    runs-on: ${{ vars.RUNS_ON || 'arc-local' }}\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    {
      name: "a needed guard overridden by always()",
      yaml: pr("  guard:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n  build:\n    needs: guard\n    if: always()\n    runs-on:\n      group: private\n    steps: [{ run: b }]\n"),
      errors: [{ path: ["jobs", "build", "runs-on"], line: 10, column: 5 }],
    },
    { name: "issue 12: a nested matrix value that is self-hosted", yaml: matrixJob("${{ matrix.job.os }}", "        job:\n          - { name: linux, os: ubuntu-latest }\n          - { name: gpu, os: [self-hosted, gpu] }\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "issue 12: an include row with a self-hosted label", yaml: matrixJob("${{ matrix.os }}", "        include:\n          - os: ubuntu-22.04\n          - os: arc-runner\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "issue 12: an interpolation that makes a custom label", yaml: matrixJob("${{ matrix.os }}-gpu", "        os: [ubuntu, windows]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "issue 12: an input whose default is a custom label", yaml: dispatchOrPr("${{ inputs.platform || 'arm' }}-runner"), errors: [{ path: ["jobs", "a", "runs-on"], line: 8, column: 14 }] },
    { name: "issue 12: an interpolated variable", yaml: pr("  a:\n    runs-on: ${{ vars.OS }}-latest\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 4, column: 14 }] },
    { name: "a condition that does not check the origin", yaml: pr("  a:\n    if: github.event_name == 'pull_request'\n    runs-on: self-hosted\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 5, column: 14 }] },
  ],
});
