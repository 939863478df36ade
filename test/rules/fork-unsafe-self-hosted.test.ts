import rule from "../../src/rules/fork-unsafe-self-hosted.js";
import { testRule } from "./_test-rule.js";

const pr = (job: string) => `on: pull_request\njobs:\n${job}`;

testRule(rule, {
  valid: [
    { name: "GitHub-hosted labels, also from a matrix", yaml: pr("  a:\n    runs-on: ubuntu-24.04\n    steps: [{ run: a }]\n  b:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-latest, windows-2022, macos-15]\n    steps: [{ run: b }]\n") },
    { name: "self-hosted with a same-repository guard", yaml: pr("  a:\n    if: github.event.pull_request.head.repo.full_name == github.repository\n    runs-on: [self-hosted, linux]\n    steps: [{ run: a }]\n") },
    { name: "guarded through a needed job", yaml: pr("  guard:\n    if: ${{ !github.event.pull_request.head.repo.fork }}\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n  build:\n    needs: guard\n    runs-on: arc-local\n    steps: [{ run: b }]\n") },
    { name: "a runner expression that picks a hosted runner for forks", yaml: pr("  a:\n    runs-on: ${{ github.event.pull_request.head.repo.fork && 'ubuntu-latest' || vars.RUNNER }}\n    steps: [{ run: a }]\n") },
    { name: "self-hosted without pull_request", yaml: "on: push\njobs:\n  a:\n    runs-on: self-hosted\n    steps: [{ run: a }]\n" },
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
    { name: "a condition that does not check the origin", yaml: pr("  a:\n    if: github.event_name == 'pull_request'\n    runs-on: self-hosted\n    steps: [{ run: a }]\n"), errors: [{ path: ["jobs", "a", "runs-on"], line: 5, column: 14 }] },
  ],
});
