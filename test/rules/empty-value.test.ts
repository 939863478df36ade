import rule from "../../src/rules/empty-value.js";
import { testRule } from "./_test-rule.js";

const job = (body: string) => `on: push\njobs:\n  a:\n${body}    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "filled filters, runner, needs and container", yaml: "on:\n  push:\n    branches: [main]\n    paths: ['src/**']\njobs:\n  b:\n    runs-on: x\n    steps: [{ run: b }]\n  a:\n    runs-on: [self-hosted, linux]\n    needs: [b]\n    container:\n      image: node:20\n      ports: [80]\n    services:\n      db:\n        image: postgres:16\n    steps: [{ run: a }]\n" },
    { name: "an event with no filters at all", yaml: "on:\n  push:\n  pull_request:\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a runner group without labels", yaml: job("    runs-on:\n      group: large\n") },
    { name: "a matrix with include rows", yaml: job("    runs-on: x\n    strategy:\n      matrix:\n        include: [{ os: a }]\n") },
    { name: "choice options, all named", yaml: "on:\n  workflow_dispatch:\n    inputs:\n      env:\n        type: choice\n        options: [dev, prod]\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a reusable workflow's output with a value", yaml: "on:\n  workflow_call:\n    outputs:\n      v:\n        value: ${{ jobs.a.outputs.v }}\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n" },
    { name: "a runner from an expression", yaml: job("    runs-on: ${{ inputs.runner }}\n") },
  ],
  invalid: [
    {
      name: "issue 12: empty event lists are warnings, at their key",
      yaml: "on:\n  push:\n    branches: []\n    tags-ignore: []\n  repository_dispatch:\n    types: []\n  image_version:\n    names: []\n    versions: []\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [
        { path: ["on", "push", "branches"], line: 3, column: 5, severity: "warning" },
        { path: ["on", "push", "tags-ignore"], line: 4, column: 5, severity: "warning" },
        { path: ["on", "repository_dispatch", "types"], line: 6, column: 5, severity: "warning" },
        { path: ["on", "image_version", "names"], line: 8, column: 5, severity: "warning" },
        { path: ["on", "image_version", "versions"], line: 9, column: 5, severity: "warning" },
      ],
    },
    {
      name: "an empty runs-on, as a list and as text",
      yaml: "on: push\njobs:\n  a:\n    runs-on: []\n    steps: [{ run: a }]\n  b:\n    runs-on: ''\n    steps: [{ run: b }]\n  c:\n    runs-on:\n      labels: []\n    steps: [{ run: c }]\n",
      errors: [
        { path: ["jobs", "a", "runs-on"], line: 4, column: 5 },
        { path: ["jobs", "b", "runs-on"], line: 7, column: 14 },
        { path: ["jobs", "c", "runs-on", "labels"], line: 11, column: 7 },
      ],
    },
    {
      name: "empty needs, include and exclude do nothing: warnings",
      yaml: job("    runs-on: x\n    needs: []\n    strategy:\n      matrix:\n        os: [a]\n        include: []\n        exclude: []\n"),
      errors: [
        { path: ["jobs", "a", "needs"], line: 5, column: 5, severity: "warning" },
        { path: ["jobs", "a", "strategy", "matrix", "include"], line: 9, column: 9, severity: "warning" },
        { path: ["jobs", "a", "strategy", "matrix", "exclude"], line: 10, column: 9, severity: "warning" },
      ],
    },
    {
      name: "an empty container, image, port and volume, and a service with an empty image",
      yaml: "on: push\njobs:\n  a:\n    runs-on: x\n    container: ''\n    steps: [{ run: a }]\n  b:\n    runs-on: x\n    container:\n      image: ''\n      ports: ['']\n      volumes:\n        - ''\n    services:\n      db:\n        image: ''\n    steps: [{ run: b }]\n",
      errors: [
        { path: ["jobs", "a", "container"], line: 5, column: 16 },
        { path: ["jobs", "b", "container", "image"], line: 10, column: 14 },
        { path: ["jobs", "b", "container", "ports", 0], line: 11, column: 15 },
        { path: ["jobs", "b", "container", "volumes", 0], line: 13, column: 11 },
        { path: ["jobs", "b", "services", "db", "image"], line: 16, column: 16 },
      ],
    },
    {
      name: "an empty choice option and a reusable workflow's output with no value",
      yaml: "on:\n  workflow_dispatch:\n    inputs:\n      env:\n        type: choice\n        options: [dev, '']\n  workflow_call:\n    outputs:\n      v:\n        description: the version\n        value:\njobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n",
      errors: [
        { path: ["on", "workflow_dispatch", "inputs", "env", "options", 1], line: 6, column: 24 },
        { path: ["on", "workflow_call", "outputs", "v", "value"], line: 11, column: 15 },
      ],
    },
  ],
});
