import rule from "../../src/rules/github-property-unknown.js";
import { testRule } from "./_test-rule.js";

const run = (script: string) => `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${script}\n`;

testRule(rule, {
  valid: [
    { name: "documented properties, in any case", yaml: run("echo ${{ github.event_name }} ${{ github.REF_NAME }} ${{ github.repositoryUrl }} ${{ github['run_id'] }} ${{ github.ref_protected }}") },
    { name: "the event payload, however deep", yaml: run("echo ${{ github.event.repository.default_branch }} ${{ github.event.pull_request.head.repo.full_name }}") },
    { name: "the context as a whole, and object filters", yaml: run("echo ${{ toJSON(github) }} ${{ github.*.x }}") },
    { name: "workflow-level values", yaml: "on: push\nrun-name: ${{ github.actor }} on ${{ github.ref_name }}\nconcurrency: ${{ github.workflow }}-${{ github.ref }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n" },
  ],
  invalid: [
    { name: "issue 12: an unknown property (github.events)", yaml: run("echo ${{ github.events.pull_request.title }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12: a property of a string (github.repository.default_branch)", yaml: "on: push\njobs:\n  a:\n    if: github.ref_name == github.repository.default_branch\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n", errors: [{ path: ["jobs", "a", "if"], line: 4, column: 9 }] },
    { name: "issue 12.2: an index of a string (github.sha[0])", yaml: run("echo ${{ github.sha[0] }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12.2: an object filter on a string (github.ref.*)", yaml: run("echo ${{ github.ref.*.name }}"), errors: [{ path: ["jobs", "a", "steps", 0, "run"], line: 6, column: 14 }] },
    { name: "issue 12: an unknown property in run-name", yaml: "on: push\nrun-name: ${{ github.refname }}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: [{ run: a }]\n", errors: [{ path: ["run-name"], line: 2, column: 11 }] },
  ],
});
