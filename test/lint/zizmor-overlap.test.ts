import { afterAll, describe, expect, it } from "vitest";
import { lintYaml } from "../../src/validate/lint-yaml.js";
import { createRuleRunner } from "../../src/validate/run-rules.js";

// The security audits zizmor runs by default (its "regular" persona) that overlap trunkline's rules.
// Each case is a workflow written here from how zizmor documents the audit: `at` lists the text whose
// line that audit reports (or, with `step`, the `uses:` line of the step it reports), and an empty
// `at` is a workflow the audit leaves alone. trunkline's rule must report on each of those lines and
// nowhere else in the case.

interface Case {
  audit: string;
  rule: string;
  name: string;
  yaml: string;
  /** Text on each line the audit reports; empty when it reports nothing. */
  at: readonly string[];
  /** The audit reports the whole step: a finding anywhere from the `at` line to the step's end counts. */
  step?: boolean;
}

const CASES: readonly Case[] = [
  // template-injection: attacker-written event text, outputs and text inputs expanded into code
  { audit: "template-injection", rule: "script-injection", name: "issue title in a one-line run", at: ["${{ github.event.issue.title }}"], yaml: `on: issues
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.issue.title }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "head_ref on the third line of a run block", at: ["${{ github.head_ref }}"], yaml: `on: pull_request
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: |
          set -eu
          echo "building"
          git log -1 origin/\${{ github.head_ref }}
          make
` },
  { audit: "template-injection", rule: "script-injection", name: "two expressions on two lines of one script", at: ["${{ github.event.pull_request.title }}", "${{ github.event.pull_request.body }}"], yaml: `on: pull_request_target
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - run: |
          title="\${{ github.event.pull_request.title }}"
          body="\${{ github.event.pull_request.body }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "comment body in github-script", at: ["${{ github.event.comment.body }}"], yaml: `on: issue_comment
jobs:
  reply:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/github-script@f28e40c7f34bde8b3046d885e986cb6290c5673b
        with:
          script: |
            const text = "\${{ github.event.comment.body }}";
            console.log(text);
` },
  { audit: "template-injection", rule: "script-injection", name: "text input of a manual run", at: ["${{ inputs.message }}"], yaml: `on:
  workflow_dispatch:
    inputs:
      message:
        type: string
jobs:
  say:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ inputs.message }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "a step's output in a later script", at: ["${{ steps.meta.outputs.tag }}"], yaml: `on: push
jobs:
  tag:
    runs-on: ubuntu-latest
    steps:
      - id: meta
        run: echo "tag=v1" >> "$GITHUB_OUTPUT"
      - run: |
          docker tag app "\${{ steps.meta.outputs.tag }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "a job's output in another job's script", at: ["${{ needs.build.outputs.version }}"], yaml: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.v.outputs.version }}
    steps:
      - id: v
        run: echo "version=1" >> "$GITHUB_OUTPUT"
  publish:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ needs.build.outputs.version }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "env holding a title, expanded back with env.", at: ["${{ env.TITLE }}"], yaml: `on: issues
env:
  TITLE: \${{ github.event.issue.title }}
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ env.TITLE }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "a release's notes in a script", at: ["${{ github.event.release.body }}"], yaml: `on: release
jobs:
  notes:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.release.body }}" > notes.md
` },
  { audit: "template-injection", rule: "script-injection", name: "a label's name and the fork's clone URL in a script", at: ["${{ github.event.label.name }}", "${{ github.event.pull_request.head.repo.clone_url }}"], yaml: `on:
  pull_request_target:
    types: [labeled]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "labelled \${{ github.event.label.name }}"
          git remote add fork \${{ github.event.pull_request.head.repo.clone_url }}
` },
  { audit: "template-injection", rule: "script-injection", name: "env set from a step's output, expanded with env.", at: ["${{ env.VERSION }}"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: v
        run: echo "version=1" >> "$GITHUB_OUTPUT"
      - run: ./release "\${{ env.VERSION }}"
        env:
          VERSION: \${{ steps.v.outputs.version }}
` },
  { audit: "template-injection", rule: "script-injection", name: "title passed through env and read by the shell", at: [], yaml: `on: issues
jobs:
  triage:
    runs-on: ubuntu-latest
    steps:
      - run: echo "$TITLE"
        env:
          TITLE: \${{ github.event.issue.title }}
` },
  { audit: "template-injection", rule: "script-injection", name: "values GitHub sets (sha, run id, numbers, outcome, result)", at: [], yaml: `on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - id: t
        run: make test
      - run: |
          echo "\${{ github.sha }} \${{ github.run_id }} \${{ github.event.pull_request.number }}"
          echo "\${{ steps.t.outcome }} \${{ steps.t.conclusion }}"
  b:
    needs: a
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ needs.a.result }}"
` },
  { audit: "template-injection", rule: "script-injection", name: "boolean and choice inputs", at: [], yaml: `on:
  workflow_dispatch:
    inputs:
      dry-run:
        type: boolean
      level:
        type: choice
        options: [low, high]
jobs:
  go:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy --dry-run=\${{ inputs.dry-run }} --level=\${{ inputs.level }}
` },
  { audit: "template-injection", rule: "script-injection", name: "untrusted text in a condition and in an ordinary action input", at: [], yaml: `on: issues
jobs:
  label:
    if: contains(github.event.issue.title, 'bug')
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/labeler@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          title: \${{ github.event.issue.title }}
` },
  { audit: "template-injection", rule: "script-injection", name: "env set to a literal, expanded with env.", at: [], yaml: `on: push
env:
  TARGET: release
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make "\${{ env.TARGET }}"
` },

  // artipacked: actions/checkout that keeps its credential
  { audit: "artipacked", rule: "persist-credentials", name: "checkout with no inputs", at: ["uses: actions/checkout"], yaml: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
      - run: make test
` },
  { audit: "artipacked", rule: "persist-credentials", name: "checkout then the workspace uploaded", at: ["uses: actions/checkout"], yaml: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
      - run: make
      - uses: actions/upload-artifact@v3
        with:
          path: .
` },
  { audit: "artipacked", rule: "persist-credentials", name: "checkout with other inputs only", at: ["uses: actions/checkout"], yaml: `on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          fetch-depth: 0
` },
  { audit: "artipacked", rule: "persist-credentials", name: "persist-credentials: false", at: [], yaml: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          persist-credentials: false
` },
  { audit: "artipacked", rule: "persist-credentials", name: "persist-credentials: true, said on purpose", at: [], yaml: `on: push
jobs:
  bump:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          persist-credentials: true
      - run: git push origin HEAD:refs/heads/bump
` },

  // dangerous-triggers: reported at `on:`
  { audit: "dangerous-triggers", rule: "dangerous-trigger", name: "on: pull_request_target", at: ["on: pull_request_target"], yaml: `on: pull_request_target
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - run: echo labelled
` },
  { audit: "dangerous-triggers", rule: "dangerous-trigger", name: "workflow_run in a block of triggers", at: ["on:"], yaml: `name: after ci
on:
  push:
    branches: [main]
  workflow_run:
    workflows: [ci]
    types: [completed]
jobs:
  report:
    runs-on: ubuntu-latest
    steps:
      - run: echo done
` },
  { audit: "dangerous-triggers", rule: "dangerous-trigger", name: "pull_request_target in a list", at: ["on: [push, pull_request_target]"], yaml: `on: [push, pull_request_target]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
` },
  { audit: "dangerous-triggers", rule: "dangerous-trigger", name: "pull_request and push", at: [], yaml: `on:
  pull_request:
  push:
    branches: [main]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo hi
` },

  { audit: "dangerous-triggers", rule: "dangerous-trigger", name: "pull_request_target that only runs actions/labeler", at: [], yaml: `on: pull_request_target
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/labeler@8558fd74291d67161a8a78ce36a881fa63b766a9
` },

  // insecure-commands: the variable that turns ::set-env and ::add-path back on, at any level
  { audit: "insecure-commands", rule: "insecure-commands", name: "on a step", at: ["ACTIONS_ALLOW_UNSECURE_COMMANDS"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "::add-path::/opt/bin"
        env:
          ACTIONS_ALLOW_UNSECURE_COMMANDS: true
` },
  { audit: "insecure-commands", rule: "insecure-commands", name: "on the workflow, as a string", at: ["ACTIONS_ALLOW_UNSECURE_COMMANDS"], yaml: `on: push
env:
  ACTIONS_ALLOW_UNSECURE_COMMANDS: "true"
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
` },
  { audit: "insecure-commands", rule: "insecure-commands", name: "set to false", at: [], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    env:
      ACTIONS_ALLOW_UNSECURE_COMMANDS: false
    steps:
      - run: make
` },

  // unpinned-images: no tag, or latest
  { audit: "unpinned-images", rule: "unpinned-image", name: "container image with no tag", at: ["image: node"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    container:
      image: node
    steps:
      - run: node --version
` },
  { audit: "unpinned-images", rule: "unpinned-image", name: "service image at latest", at: ["image: postgres:latest"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres:latest
    steps:
      - run: make test
` },
  { audit: "unpinned-images", rule: "unpinned-image", name: "container written as just the image", at: ["container: alpine"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    container: alpine
    steps:
      - run: make test
` },
  { audit: "unpinned-images", rule: "unpinned-image", name: "image by digest", at: [], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    container:
      image: node@sha256:01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b
    steps:
      - run: node --version
` },

  // cache-poisoning: a cache restored in a workflow that publishes
  { audit: "cache-poisoning", rule: "cache-poisoning", name: "setup-node's cache on release", step: true, at: ["uses: actions/setup-node"], yaml: `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020
        with:
          cache: npm
      - run: npm publish
` },
  { audit: "cache-poisoning", rule: "cache-poisoning", name: "actions/cache on a tag push", step: true, at: ["uses: actions/cache"], yaml: `on:
  push:
    tags: ["v*"]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/cache@5a3ec84eff668545956fd18022155c47e93e2684
        with:
          path: ~/.cargo
          key: cargo-\${{ hashFiles('Cargo.lock') }}
      - run: cargo build --release
` },
  { audit: "cache-poisoning", rule: "cache-poisoning", name: "a cache on pull requests", at: [], yaml: `on: pull_request
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020
        with:
          cache: npm
      - run: npm test
` },

  // bot-conditions: trusting github.actor
  { audit: "bot-conditions", rule: "spoofable-bot-condition", name: "job if on github.actor", at: ["if: github.actor"], yaml: `on: pull_request_target
jobs:
  merge:
    if: github.actor == 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: gh pr merge --auto "$PR"
        env:
          PR: \${{ github.event.pull_request.html_url }}
` },
  { audit: "bot-conditions", rule: "spoofable-bot-condition", name: "step if on github.triggering_actor", at: ["if: github.triggering_actor"], yaml: `on: pull_request
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - if: github.triggering_actor == 'renovate[bot]'
        run: echo skip
` },
  { audit: "bot-conditions", rule: "spoofable-bot-condition", name: "the pull request's author", at: [], yaml: `on: pull_request
jobs:
  merge:
    if: github.event.pull_request.user.login == 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: echo ok
` },

  // unsound-contains: a literal string as the haystack
  { audit: "unsound-contains", rule: "unsound-contains", name: "ref in a string of refs", at: ["if: contains("], yaml: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy
        if: contains('refs/heads/main refs/heads/develop', github.ref)
` },
  { audit: "unsound-contains", rule: "unsound-contains", name: "a list from fromJSON, and a label search", at: [], yaml: `on: pull_request
jobs:
  deploy:
    if: contains(github.event.pull_request.labels.*.name, 'deploy')
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy
        if: contains(fromJSON('["refs/heads/main", "refs/heads/develop"]'), github.ref)
` },

  // overprovisioned-secrets: the whole secrets context
  { audit: "overprovisioned-secrets", rule: "secrets-overexposed", name: "toJSON(secrets)", at: ["toJSON(secrets)"], yaml: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          SECRETS: \${{ toJSON(secrets) }}
` },
  { audit: "overprovisioned-secrets", rule: "secrets-overexposed", name: "a secret named at run time", at: ["secrets[inputs.name]"], yaml: `on:
  workflow_dispatch:
    inputs:
      name:
        type: string
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          TOKEN: \${{ secrets[inputs.name] }}
` },
  { audit: "overprovisioned-secrets", rule: "secrets-overexposed", name: "secrets by name", at: [], yaml: `on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          TOKEN: \${{ secrets.DEPLOY_TOKEN }}
` },

  // use-trusted-publishing: a token where the registry takes OIDC
  { audit: "use-trusted-publishing", rule: "trusted-publishing", name: "PyPI publish with a password", step: true, at: ["uses: pypa/gh-action-pypi-publish"], yaml: `on:
  release:
    types: [published]
jobs:
  pypi:
    runs-on: ubuntu-latest
    steps:
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
        with:
          password: \${{ secrets.PYPI_TOKEN }}
` },
  { audit: "use-trusted-publishing", rule: "trusted-publishing", name: "PyPI publish through OIDC", at: [], yaml: `on:
  release:
    types: [published]
jobs:
  pypi:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: pypa/gh-action-pypi-publish@76f52bc884231f62b9a034ebfe128415bbaabdfc
` },

  // github-env: attacker text written into GITHUB_ENV in a privileged workflow
  { audit: "github-env", rule: "script-injection", name: "a pull request title into GITHUB_ENV", step: true, at: ["- run: echo"], yaml: `on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "TITLE=$TITLE" >> "$GITHUB_ENV"
        env:
          TITLE: \${{ github.event.pull_request.title }}
` },
  { audit: "github-env", rule: "script-injection", name: "a literal into GITHUB_ENV", at: [], yaml: `on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "MODE=ci" >> "$GITHUB_ENV"
` },

  { audit: "github-env", rule: "script-injection", name: "a value computed at run time into GITHUB_ENV under workflow_run", at: ['echo "SHA=$(cat'], yaml: `on:
  workflow_run:
    workflows: [ci]
    types: [completed]
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          unzip artifact.zip
          echo "SHA=$(cat sha.txt)" >> "$GITHUB_ENV"
` },
  { audit: "github-env", rule: "script-injection", name: "a value computed at run time into GITHUB_ENV on push", at: [], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "SHA=$(git rev-parse HEAD)" >> "$GITHUB_ENV"
` },

  // excessive-permissions: write-all
  { audit: "excessive-permissions", rule: "permissions-write-all", name: "write-all on the workflow", at: ["permissions: write-all"], yaml: `on: push
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
` },
  { audit: "excessive-permissions", rule: "permissions-write-all", name: "read-only permissions", at: [], yaml: `on: push
permissions:
  contents: read
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
` },

  // unpinned-uses: a third-party action by tag or branch
  { audit: "unpinned-uses", rule: "unpinned-action", name: "third-party action by tag", at: ["uses: some-org/deploy-action@v2"], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/deploy-action@v2
` },
  { audit: "unpinned-uses", rule: "unpinned-action", name: "third-party action by commit", at: [], yaml: `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: some-org/deploy-action@3d3c42e5aac5ba805825da76410c181273ba90b1
` },
];

const runRules = createRuleRunner();

/** The 1-based line of each `at` text in the case's YAML. */
function expectedLines(testCase: Case): number[] {
  const lines = testCase.yaml.split("\n");
  return testCase.at.map((text) => {
    const index = lines.findIndex((line) => line.includes(text));
    if (index < 0) throw new Error(`case "${testCase.name}": no line holds ${text}`);
    return index + 1;
  });
}

// The lines of a step that starts at `line`: up to the next line as indented as its `- ` or less.
function stepEnd(yaml: string, line: number): number {
  const lines = yaml.split("\n");
  const indent = lines[line - 1]!.search(/\S/);
  for (let index = line; index < lines.length; index++) {
    const text = lines[index]!;
    if (text.trim() !== "" && text.search(/\S/) <= indent) return index;
  }
  return lines.length;
}

const tally = new Map<string, { found: number; expected: number; quiet: number; clean: number }>();

describe("zizmor's default audits that overlap trunkline's rules", () => {
  it.each(CASES.map((testCase) => [`${testCase.audit}: ${testCase.name}`, testCase] as const))("issue 12.zizmor: %s", async (_, testCase) => {
    const found = await lintYaml(`${testCase.rule}.yml`, testCase.yaml, { validators: async () => [], runRules });
    const lines = found.filter((diagnostic) => diagnostic.rule === testCase.rule).map((diagnostic) => diagnostic.line!);
    const expected = expectedLines(testCase);
    const hit = expected.filter((line) => lines.some((at) => (testCase.step ? at >= line && at <= stepEnd(testCase.yaml, line) : at === line)));
    const entry = tally.get(testCase.audit) ?? { found: 0, expected: 0, quiet: 0, clean: 0 };
    entry.found += hit.length;
    entry.expected += expected.length;
    if (expected.length === 0) entry.clean++;
    if (expected.length === 0 && lines.length === 0) entry.quiet++;
    tally.set(testCase.audit, entry);
    expect(hit).toEqual(expected);
    // nothing more than the audit reports: one finding per expected place
    expect(lines).toHaveLength(expected.length);
  });

  afterAll(() => {
    const rows = [...tally].map(([audit, entry]) => `| ${audit} | ${entry.found}/${entry.expected} | ${entry.quiet}/${entry.clean} |`);
    console.log(["| zizmor audit | findings found/expected | silent on clean cases |", "| --- | --- | --- |", ...rows].join("\n"));
  });
});
