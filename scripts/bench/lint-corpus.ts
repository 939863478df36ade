// The corpus of the `lint 1500 cold` case of `npm run bench`: hand-written workflows shaped like
// those of popular repositories (CI matrices, release pipelines, scheduled chores, reusable calls,
// anchors, long scripts), generated from a seed so every run lints the same bytes. Built in a
// temporary folder by the bench, never kept in the repository.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A temporary repository of generated workflows under `.github/workflows`. */
export interface LintCorpus {
  root: string;
  files: number;
  /** Lines over every file, to describe the corpus. */
  lines: number;
  dispose(): void;
}

/** Writes `size` workflows made from `seed` into a new temporary repository. */
export function createLintCorpus(size: number, seed = 12): LintCorpus {
  const root = mkdtempSync(path.join(tmpdir(), "trunkline-lint-corpus-"));
  const folder = path.join(root, ".github", "workflows");
  mkdirSync(folder, { recursive: true });
  let lines = 0;
  for (let index = 0; index < size; index++) {
    const text = realWorldWorkflow(index, seed);
    lines += text.split("\n").length;
    writeFileSync(path.join(folder, `${String(index).padStart(4, "0")}-${KINDS[index % KINDS.length]}.yml`), text);
  }
  return { root, files: size, lines, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

const KINDS = ["ci", "release", "scheduled", "reusable-caller", "pr-automation", "docker"] as const;

/** One workflow of the corpus: its kind cycles with `index`, its details come from the seeded generator. */
export function realWorldWorkflow(index: number, seed = 12): string {
  const random = seededRandom(seed * 100_003 + index);
  const kind = KINDS[index % KINDS.length]!;
  const name = `${pick(random, PROJECT_WORDS)}-${pick(random, PROJECT_WORDS)}-${index}`;
  switch (kind) {
    case "ci":
      return ciWorkflow(random, name);
    case "release":
      return releaseWorkflow(random, name);
    case "scheduled":
      return scheduledWorkflow(random, name);
    case "reusable-caller":
      return reusableCallerWorkflow(random, name);
    case "pr-automation":
      return prAutomationWorkflow(random, name);
    case "docker":
      return dockerWorkflow(random, name);
  }
}

type Random = () => number;

// mulberry32: small, fast and the same on every machine
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const some = <T>(random: Random, items: readonly T[], low: number, high: number): T[] => {
  const pool = [...items];
  const count = Math.min(pool.length, between(random, low, high));
  return Array.from({ length: count }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
};

const PROJECT_WORDS = ["core", "api", "web", "cli", "docs", "sdk", "server", "worker", "engine", "plugin", "ui", "data"];
const LANGUAGES = ["node", "python", "go", "rust", "java"] as const;
type Language = (typeof LANGUAGES)[number];

// Popular actions, pinned by tag the way most repositories pin them.
const SETUP: Record<Language, { uses: string; versionKey: string; versions: string[]; cache?: string; extra?: string }> = {
  node: { uses: "actions/setup-node@v4", versionKey: "node-version", versions: ["18", "20", "22"], cache: "npm" },
  python: { uses: "actions/setup-python@v5", versionKey: "python-version", versions: ["3.9", "3.10", "3.11", "3.12"], cache: "pip" },
  go: { uses: "actions/setup-go@v5", versionKey: "go-version", versions: ["1.21", "1.22", "1.23"] },
  rust: { uses: "dtolnay/rust-toolchain@stable", versionKey: "toolchain", versions: ["stable", "beta", "1.75"] },
  java: { uses: "actions/setup-java@v4", versionKey: "java-version", versions: ["11", "17", "21"], extra: "distribution: temurin" },
};
const COMMANDS: Record<Language, { install: string[]; build: string[]; test: string[]; lint: string[] }> = {
  node: { install: ["npm ci"], build: ["npm run build --if-present"], test: ["npm test -- --coverage", "npm run test:e2e --if-present"], lint: ["npm run lint", "npx prettier --check ."] },
  python: { install: ["python -m pip install --upgrade pip", "pip install -e '.[test]'"], build: ["python -m build"], test: ["pytest -q --cov --cov-report=xml", "pytest tests/integration -m 'not slow'"], lint: ["ruff check .", "mypy src"] },
  go: { install: ["go mod download"], build: ["go build ./..."], test: ["go test -race -coverprofile=coverage.out ./...", "go vet ./..."], lint: ["gofmt -l . | tee /dev/stderr | (! read)", "staticcheck ./..."] },
  rust: { install: ["cargo fetch --locked"], build: ["cargo build --workspace --all-targets"], test: ["cargo test --workspace --all-features", "cargo test --doc"], lint: ["cargo fmt --all -- --check", "cargo clippy --all-targets -- -D warnings"] },
  java: { install: ["./gradlew --version"], build: ["./gradlew assemble --no-daemon"], test: ["./gradlew test --no-daemon", "./gradlew integrationTest --no-daemon"], lint: ["./gradlew spotlessCheck", "./gradlew checkstyleMain"] },
};
const OSES = ["ubuntu-latest", "ubuntu-22.04", "macos-latest", "macos-14", "windows-latest"];

function header(random: Random, name: string, description: string): string {
  return `# ${description}\n# Maintained by the ${name.split("-")[0]} team; see CONTRIBUTING.md.\nname: ${pick(random, ["CI", "Build", "Tests", "Checks", name])}\n`;
}

function pushAndPullRequest(random: Random): string {
  const paths = some(random, ["src/**", "lib/**", "tests/**", "package.json", "go.mod", "Cargo.toml", "pyproject.toml", ".github/workflows/**"], 0, 4);
  const pathLines = paths.length ? `    paths:\n${paths.map((entry) => `      - "${entry}"`).join("\n")}\n` : "";
  return `on:
  push:
    branches: [main, "release/**"]
${pathLines}  pull_request:
    branches: [main]
${random() < 0.5 ? "    types: [opened, synchronize, reopened]\n" : ""}  workflow_dispatch:
${random() < 0.4 ? `    inputs:\n      debug:\n        description: Run with debug logging\n        type: boolean\n        default: false\n` : ""}`;
}

function concurrency(random: Random): string {
  return random() < 0.6 ? `concurrency:\n  group: \${{ github.workflow }}-\${{ github.event.pull_request.number || github.ref }}\n  cancel-in-progress: \${{ github.event_name == 'pull_request' }}\n` : "";
}

function permissions(random: Random, extra: string[] = []): string {
  if (random() < 0.3) return "";
  return `permissions:\n  contents: read\n${extra.map((line) => `  ${line}\n`).join("")}`;
}

// A run script of realistic length: a one-liner, or a block with a few commands, expressions and a summary.
function script(random: Random, commands: readonly string[], indent: string): string {
  if (commands.length === 1 && random() < 0.5) return `run: ${commands[0]}`;
  const body = [...commands];
  if (random() < 0.4) body.unshift('echo "::group::${{ github.job }} on ${{ runner.os }}"', "set -euo pipefail");
  if (random() < 0.3) body.push('echo "::endgroup::"');
  if (random() < 0.3) body.push('echo "### Done: ${{ github.sha }}" >> "$GITHUB_STEP_SUMMARY"');
  if (random() < 0.2) body.push(`if [ "\${{ github.event_name }}" = "push" ]; then`, '  echo "pushed to ${{ github.ref_name }}"', "fi");
  return `run: |\n${body.map((line) => `${indent}  ${line}`).join("\n")}`;
}

function checkout(random: Random): string {
  const options = some(random, ["fetch-depth: 0", "persist-credentials: false", "submodules: recursive", "lfs: true"], 0, 2);
  return `      - uses: actions/checkout@v4${options.length ? `\n        with:\n${options.map((option) => `          ${option}`).join("\n")}` : ""}`;
}

function setupStep(language: Language, version: string): string {
  const setup = SETUP[language];
  return `      - name: Set up ${language} ${version}
        uses: ${setup.uses}
        with:
          ${setup.versionKey}: ${version}${setup.cache ? `\n          cache: ${setup.cache}` : ""}${setup.extra ? `\n          ${setup.extra}` : ""}`;
}

function cacheStep(random: Random, language: Language): string {
  const paths: Record<Language, string> = { node: "~/.npm", python: "~/.cache/pip", go: "~/go/pkg/mod", rust: "~/.cargo/registry\n            target", java: "~/.gradle/caches" };
  const lock: Record<Language, string> = { node: "package-lock.json", python: "requirements*.txt", go: "go.sum", rust: "Cargo.lock", java: "**/*.gradle*" };
  return `      - name: Cache
        uses: actions/cache@v4
        with:
          path: |
            ${paths[language]}
          key: \${{ runner.os }}-${language}-\${{ hashFiles('${lock[language]}') }}
          restore-keys: |
            \${{ runner.os }}-${language}-${random() < 0.5 ? "" : "\n        continue-on-error: true"}`;
}

function ciWorkflow(random: Random, name: string): string {
  const language = pick(random, LANGUAGES);
  const commands = COMMANDS[language];
  const versions = some(random, SETUP[language].versions, 1, 3);
  const oses = some(random, OSES, 1, 3);
  const include = random() < 0.4 ? `\n        include:\n          - os: ${oses[0]}\n            ${SETUP[language].versionKey.replace("-version", "")}: "${versions[0]}"\n            experimental: true` : "";
  const exclude = oses.length > 1 && versions.length > 1 && random() < 0.3 ? `\n        exclude:\n          - os: ${oses[1]}\n            ${SETUP[language].versionKey.replace("-version", "")}: "${versions[1]}"` : "";
  const versionKey = SETUP[language].versionKey.replace("-version", "");
  const testSteps = Array.from({ length: between(random, 0, 4) }, (_, step) => `      - name: Extra check ${step}
        if: \${{ matrix.os == 'ubuntu-latest' && github.event_name != 'schedule' }}
        ${script(random, [`./scripts/check-${step}.sh --target "\${{ matrix.os }}"`, `echo "checked ${step}"`], "        ")}`).join("\n");
  return `${header(random, name, `Continuous integration for ${name}: lint, build and a test matrix.`)}
${pushAndPullRequest(random)}
${concurrency(random)}${permissions(random)}
env: &defaults
  CI: true
  FORCE_COLOR: "1"
  ${language.toUpperCase()}_DEFAULT: "${versions[0]}"

jobs:
  lint:
    name: Lint
    runs-on: ubuntu-latest
    timeout-minutes: ${between(random, 5, 20)}
    steps:
${checkout(random)}
${setupStep(language, versions[0]!)}
      - ${script(random, commands.install, "        ")}
      - name: Lint
        ${script(random, commands.lint, "        ")}

  test:
    name: Test (\${{ matrix.os }}, ${language} \${{ matrix.${versionKey} }})
    needs: lint
    runs-on: \${{ matrix.os }}
    timeout-minutes: ${between(random, 15, 60)}
    continue-on-error: ${include ? "${{ matrix.experimental || false }}" : "false"}
    env: *defaults
    strategy:
      fail-fast: ${random() < 0.5}
      matrix:
        os: [${oses.join(", ")}]
        ${versionKey}: [${versions.map((version) => `"${version}"`).join(", ")}]${include}${exclude}
    steps:
${checkout(random)}
${setupStep(language, `\${{ matrix.${versionKey} }}`)}
${random() < 0.5 ? `${cacheStep(random, language)}\n` : ""}      - name: Install
        ${script(random, commands.install, "        ")}
      - name: Build
        ${script(random, commands.build, "        ")}
      - name: Test
        ${script(random, commands.test, "        ")}
        env:
          RUST_BACKTRACE: 1
          TEST_OS: \${{ matrix.os }}
${testSteps ? `${testSteps}\n` : ""}      - name: Upload coverage
        if: \${{ success() && matrix.os == 'ubuntu-latest' }}
        uses: codecov/codecov-action@v4
        with:
          token: \${{ secrets.CODECOV_TOKEN }}
          fail_ci_if_error: false
          flags: \${{ matrix.os }}

  all-green:
    name: All checks passed
    if: always()
    needs: [lint, test]
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - name: Decide
        run: |
          if [ "\${{ contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled') }}" = "true" ]; then
            echo "some jobs failed"
            exit 1
          fi
`;
}

function releaseWorkflow(random: Random, name: string): string {
  const language = pick(random, LANGUAGES);
  const commands = COMMANDS[language];
  const targets = some(random, ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "windows-x64"], 2, 5);
  return `${header(random, name, `Release ${name}: build artifacts for every target and publish them on a tag.`)}
on:
  push:
    tags: ["v*.*.*"]
  workflow_dispatch:
    inputs:
      version:
        description: Version to release, without the v
        required: true
        type: string
      dry-run:
        description: Build without publishing
        type: boolean
        default: true

permissions:
  contents: write
  id-token: write

jobs:
  build:
    runs-on: \${{ matrix.runner }}
    timeout-minutes: 45
    strategy:
      matrix:
        include:
${targets.map((target) => `          - target: ${target}\n            runner: ${target.startsWith("linux") ? "ubuntu-latest" : target.startsWith("darwin") ? "macos-latest" : "windows-latest"}`).join("\n")}
    outputs:
      version: \${{ steps.meta.outputs.version }}
    steps:
${checkout(random)}
${setupStep(language, SETUP[language].versions.at(-1)!)}
      - id: meta
        name: Version
        shell: bash
        run: |
          version="\${{ inputs.version || github.ref_name }}"
          echo "version=\${version#v}" >> "$GITHUB_OUTPUT"
      - name: Build \${{ matrix.target }}
        ${script(random, [...commands.install, ...commands.build, `tar czf dist-\${{ matrix.target }}.tar.gz dist/`], "        ")}
      - uses: actions/upload-artifact@v4
        with:
          name: dist-\${{ matrix.target }}
          path: dist-\${{ matrix.target }}.tar.gz
          retention-days: 7

  publish:
    needs: build
    if: \${{ github.event_name == 'push' || !inputs.dry-run }}
    runs-on: ubuntu-latest
    timeout-minutes: 20
    environment:
      name: release
      url: https://github.com/\${{ github.repository }}/releases/tag/v\${{ needs.build.outputs.version }}
    steps:
      - uses: actions/download-artifact@v4
        with:
          pattern: dist-*
          merge-multiple: true
      - name: Checksums
        run: sha256sum dist-*.tar.gz > SHA256SUMS
      - name: Create release
        uses: softprops/action-gh-release@v2
        with:
          tag_name: v\${{ needs.build.outputs.version }}
          files: |
            dist-*.tar.gz
            SHA256SUMS
          generate_release_notes: true
      - name: Announce
        env:
          WEBHOOK: \${{ secrets.SLACK_WEBHOOK }}
          VERSION: \${{ needs.build.outputs.version }}
        run: |
          curl -fsS -X POST -H 'Content-Type: application/json' \\
            --data "{\\"text\\":\\"${name} v$VERSION released\\"}" "$WEBHOOK"
`;
}

function scheduledWorkflow(random: Random, name: string): string {
  const cron = `${between(random, 0, 59)} ${between(random, 0, 23)} * * ${pick(random, ["*", "1", "1-5", "0"])}`;
  const chores = some(random, ["stale", "links", "deps", "nightly"], 1, 3);
  const jobs = chores.map((chore) => {
    switch (chore) {
      case "stale":
        return `  stale:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      issues: write
      pull-requests: write
    steps:
      - uses: actions/stale@v9
        with:
          days-before-stale: ${between(random, 30, 90)}
          days-before-close: ${between(random, 7, 30)}
          stale-issue-label: stale
          exempt-issue-labels: "pinned,security"
          stale-issue-message: >
            This issue has had no activity for a while and will be closed
            if nothing happens. Thank you for your contributions.`;
      case "links":
        return `  links:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    steps:
${checkout(random)}
      - name: Check links
        uses: lycheeverse/lychee-action@v1
        with:
          args: --verbose --no-progress './**/*.md'
          fail: true
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}`;
      case "deps":
        return `  deps:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
${checkout(random)}
${setupStep("node", "20")}
      - name: Outdated
        id: outdated
        run: |
          npm outdated --json > outdated.json || true
          echo "count=$(jq 'length' outdated.json)" >> "$GITHUB_OUTPUT"
      - name: Report
        if: \${{ steps.outdated.outputs.count != '0' }}
        run: echo "\${{ steps.outdated.outputs.count }} outdated packages" >> "$GITHUB_STEP_SUMMARY"`;
      default:
        return `  nightly:
    runs-on: \${{ matrix.os }}
    timeout-minutes: 90
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, macos-latest]
    steps:
${checkout(random)}
      - name: Nightly suite
        ${script(random, ["make nightly", "make report"], "        ")}
      - name: Open an issue on failure
        if: failure()
        uses: actions/github-script@v7
        with:
          script: |
            await github.rest.issues.create({
              owner: context.repo.owner,
              repo: context.repo.repo,
              title: \`Nightly failed on \${{ matrix.os }}\`,
              body: \`See \${context.serverUrl}/\${context.repo.owner}/\${context.repo.repo}/actions/runs/\${context.runId}\`,
            });`;
    }
  });
  return `${header(random, name, `Scheduled chores for ${name}.`)}
on:
  schedule:
    - cron: "${cron}"
  workflow_dispatch:

${permissions(random)}
jobs:
${jobs.join("\n\n")}
`;
}

function reusableCallerWorkflow(random: Random, name: string): string {
  const environments = some(random, ["staging", "production", "preview"], 1, 3);
  return `${header(random, name, `Deploys ${name} through the organisation's reusable workflows.`)}
on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  id-token: write

jobs:
  checks:
    uses: octo-org/shared-workflows/.github/workflows/checks.yml@v2
    secrets: inherit

  build:
    needs: checks
    uses: octo-org/shared-workflows/.github/workflows/build.yml@v${between(random, 1, 4)}
    with:
      service: ${name}
      node-version: ${pick(random, ["18", "20", "22"])}
      push-image: \${{ github.event_name == 'push' }}
    secrets:
      registry-token: \${{ secrets.REGISTRY_TOKEN }}

${environments.map((environment, position) => `  deploy-${environment}:
    needs: ${position === 0 ? "build" : `[build, deploy-${environments[position - 1]}]`}
    if: \${{ github.ref == 'refs/heads/main' }}
    uses: octo-org/shared-workflows/.github/workflows/deploy.yml@main
    with:
      environment: ${environment}
      image: \${{ needs.build.outputs.image }}
      replicas: ${between(random, 1, 6)}
    secrets: inherit`).join("\n\n")}

  smoke:
    needs: deploy-${environments.at(-1)}
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - name: Smoke test
        run: |
          for attempt in 1 2 3 4 5; do
            if curl -fsS "https://${environments.at(-1)}.example.com/health"; then exit 0; fi
            sleep $((attempt * 5))
          done
          exit 1
`;
}

function prAutomationWorkflow(random: Random, name: string): string {
  return `${header(random, name, `Pull-request housekeeping for ${name}: labels, size and a welcome.`)}
on:
  pull_request_target:
    types: [opened, synchronize, reopened, labeled]
  issues:
    types: [opened]

permissions:
  contents: read
  pull-requests: write
  issues: write

jobs:
  label:
    if: github.event_name == 'pull_request_target'
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/labeler@v5
        with:
          repo-token: \${{ secrets.GITHUB_TOKEN }}
          sync-labels: ${random() < 0.5}
      - name: Size
        uses: actions/github-script@v7
        with:
          script: |
            const { data: files } = await github.rest.pulls.listFiles({
              owner: context.repo.owner,
              repo: context.repo.repo,
              pull_number: context.issue.number,
            });
            const changes = files.reduce((sum, file) => sum + file.changes, 0);
            const label = changes < ${between(random, 20, 80)} ? 'size/S' : changes < ${between(random, 200, 600)} ? 'size/M' : 'size/L';
            await github.rest.issues.addLabels({ ...context.repo, issue_number: context.issue.number, labels: [label] });

  welcome:
    if: \${{ github.event_name == 'issues' && github.event.action == 'opened' }}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - name: Greet
        env:
          AUTHOR: \${{ github.event.issue.user.login }}
        run: |
          gh issue comment "\${{ github.event.issue.number }}" --repo "\${{ github.repository }}" \\
            --body "Thanks @$AUTHOR for opening this issue! A maintainer will look at it soon."
        ${random() < 0.5 ? "shell: bash\n" : ""}
  triage:
    needs: [label]
    if: \${{ always() && contains(github.event.pull_request.labels.*.name, 'needs-triage') }}
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - run: echo "PR \${{ github.event.pull_request.number }} needs triage"
`;
}

function dockerWorkflow(random: Random, name: string): string {
  const platforms = some(random, ["linux/amd64", "linux/arm64", "linux/arm/v7"], 1, 3);
  return `${header(random, name, `Builds and pushes the ${name} container image.`)}
on:
  push:
    branches: [main]
    tags: ["v*"]
  pull_request:
    paths: [Dockerfile, "docker/**"]

${concurrency(random)}
permissions:
  contents: read
  packages: write

env:
  REGISTRY: ghcr.io
  IMAGE_NAME: \${{ github.repository }}

jobs:
  image:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    services:
      registry:
        image: registry:2
        ports:
          - 5000:5000
    steps:
${checkout(random)}
      - uses: docker/setup-qemu-action@v3
      - uses: docker/setup-buildx-action@v3
      - name: Log in
        if: github.event_name != 'pull_request'
        uses: docker/login-action@v3
        with:
          registry: \${{ env.REGISTRY }}
          username: \${{ github.actor }}
          password: \${{ secrets.GITHUB_TOKEN }}
      - id: meta
        uses: docker/metadata-action@v5
        with:
          images: \${{ env.REGISTRY }}/\${{ env.IMAGE_NAME }}
          tags: |
            type=ref,event=branch
            type=semver,pattern={{version}}
            type=sha
      - name: Build and push
        uses: docker/build-push-action@v6
        with:
          context: .
          platforms: ${platforms.join(",")}
          push: \${{ github.event_name != 'pull_request' }}
          tags: \${{ steps.meta.outputs.tags }}
          labels: \${{ steps.meta.outputs.labels }}
          cache-from: type=gha
          cache-to: type=gha,mode=max
          build-args: |
            VERSION=\${{ github.ref_name }}
            COMMIT=\${{ github.sha }}
      - name: Scan
        if: \${{ github.event_name != 'pull_request' }}
        run: |
          docker run --rm aquasec/trivy:0.50.0 image --exit-code 0 --severity HIGH,CRITICAL \\
            "\${{ env.REGISTRY }}/\${{ env.IMAGE_NAME }}:sha-\${GITHUB_SHA::7}"
`;
}
