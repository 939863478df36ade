import rule from "../../src/rules/glob-invalid.js";
import { testRule } from "./_test-rule.js";

const on = (filters: string) => `on:\n${filters}jobs:\n  a:\n    runs-on: x\n    steps: [{ run: a }]\n`;

testRule(rule, {
  valid: [
    { name: "usual patterns", yaml: on("  push:\n    branches: [main, 'release/**', 'v[0-9]+']\n    tags: ['v*.*.*']\n    paths: ['src/**', '!src/**/*.md', '**.ts']\n  pull_request:\n    paths-ignore: ['docs/**']\n") },
    { name: "a scalar filter and escaped specials", yaml: on("  push:\n    branches: main\n    paths: ['file\\+name.txt']\n") },
    { name: "dotfile globs and dots inside names", yaml: on("  push:\n    branches: ['release-1.*', 'v*.x']\n    paths: ['.*', '.github/**', 'a/.b/**', 'src/**/*.d.ts', 'x^y']\n") },
    { name: "filters of other events are not read", yaml: on("  workflow_dispatch:\n  release:\n    types: [published]\n") },
    { name: "image names and versions, a snapshot version", yaml: "on:\n  image_version:\n    names: [my-image, 'team-*']\n    versions: ['1.*', '2.0.x']\njobs:\n  a:\n    runs-on: x\n    snapshot:\n      image-name: my-image\n      version: '1.*'\n    steps: [{ run: a }]\n" },
    { name: "a backslash in a path", yaml: on("  push:\n    paths: ['docs\\\\draft.md']\n") },
  ],
  invalid: [
    {
      name: "issue 12: image versions and a snapshot version that are not globs GitHub reads",
      yaml: "on:\n  image_version:\n    names: ['!']\n    versions: ['v[0-']\njobs:\n  a:\n    runs-on: x\n    snapshot:\n      image-name: my-image\n      version: 'v[0-'\n    steps: [{ run: a }]\n",
      errors: [
        { path: ["on", "image_version", "names", 0], line: 3, column: 13 },
        { path: ["on", "image_version", "versions", 0], line: 4, column: 16 },
        { path: ["jobs", "a", "snapshot", "version"], line: 10, column: 16 },
      ],
    },
    { name: "issue 12: a regular expression class in a tag pattern", yaml: on("  push:\n    tags:\n      - 'v\\d+'\n"), errors: [{ path: ["on", "push", "tags", 0], line: 4, column: 9 }] },
    {
      name: "a path starting with ./",
      yaml: on("  push:\n    paths:\n      - './src/**'\n"),
      errors: [{ path: ["on", "push", "paths", 0], line: 4, column: 9 }],
    },
    {
      name: "an unclosed bracket and a backwards range",
      yaml: on("  pull_request:\n    branches: ['release-[0-9', 'v[9-0]']\n"),
      errors: [
        { path: ["on", "pull_request", "branches", 0], line: 3, column: 16 },
        { path: ["on", "pull_request", "branches", 1], line: 3, column: 32 },
      ],
    },
    {
      name: "characters no branch name can hold, and + with nothing to repeat",
      yaml: on("  push:\n    branches: ['feature branch', '+x']\n    tags-ignore: ['v1..2']\n"),
      errors: [
        { path: ["on", "push", "branches", 0], line: 3, column: 16 },
        { path: ["on", "push", "branches", 1], line: 3, column: 34 },
        { path: ["on", "push", "tags-ignore", 0], line: 4, column: 19 },
      ],
    },
    {
      name: "only negative patterns include nothing",
      yaml: on("  push:\n    branches:\n      - '!main'\n"),
      errors: [{ path: ["on", "push", "branches"], line: 3, column: 5 }],
    },
      {
      name: "issue 12: regular expressions where globs go",
      yaml: on("  push:\n    branches: ['/.*-stable/', '^release', '.*', 'release/.+']\n    paths: ['^src/', '/docs/.*/']\n"),
      errors: [
        { path: ["on", "push", "branches", 0], line: 3, column: 16 },
        { path: ["on", "push", "branches", 1], line: 3, column: 31 },
        { path: ["on", "push", "branches", 2], line: 3, column: 43 },
        { path: ["on", "push", "branches", 3], line: 3, column: 49 },
        { path: ["on", "push", "paths", 0], line: 4, column: 13 },
        { path: ["on", "push", "paths", 1], line: 4, column: 22 },
      ],
    },
    {
      name: "issue 12: . and .. parts, a leading /, and white space around a pattern",
      yaml: on("  pull_request:\n    paths: ['src/../lib/**', 'docs/./a.md', '/src/**', ' src/**', 'lib/** ']\n    branches-ignore: ['main ', '/tmp']\n"),
      errors: [
        { path: ["on", "pull_request", "paths", 0], line: 3, column: 13 },
        { path: ["on", "pull_request", "paths", 1], line: 3, column: 30 },
        { path: ["on", "pull_request", "paths", 2], line: 3, column: 45 },
        { path: ["on", "pull_request", "paths", 3], line: 3, column: 56 },
        { path: ["on", "pull_request", "paths", 4], line: 3, column: 67 },
        { path: ["on", "pull_request", "branches-ignore", 0], line: 4, column: 23 },
        { path: ["on", "pull_request", "branches-ignore", 1], line: 4, column: 32 },
      ],
    },
  ],
});
