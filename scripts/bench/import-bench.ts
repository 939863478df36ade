// The `import` case of `npm run bench`: `trunkline import .github/workflows` over a repository of
// hand-written workflows, as a team adopting trunkline runs it once.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Timing, expectSuccess, timeCommand } from "./time-command.js";

/**
 * A hand-written workflow as teams have them: comments, an anchor reused by alias, block scripts
 * with expressions, a matrix, `needs`, unpinned actions (so the baseline has findings to record).
 */
export function syntheticWorkflowYaml(index: number): string {
  const service = `svc-${index}`;
  const nodes = [["20"], ["20", "22"], ["18", "20", "22"]][index % 3]!;
  const extraSteps = Array.from({ length: index % 4 }, (_, step) => `      - name: Extra check ${step}
        run: |
          echo "check ${step} for \${{ matrix.os }}"
          ./scripts/check-${step}.sh services/${service}
`).join("");
  return `# CI and deployment for ${service}.
name: ${service}

on:
  push:
    branches: [main]
    paths:
      - "services/${service}/**"
      - package-lock.json
  pull_request:
    paths: ["services/${service}/**"]
  workflow_dispatch:

permissions:
  contents: read

env: &common-env
  NODE_OPTIONS: --max-old-space-size=4096
  SERVICE: ${service}

jobs:
  # Builds once; the version is shared with the later jobs.
  build:
    runs-on: ubuntu-latest
    outputs:
      version: \${{ steps.version.outputs.value }}
    steps:
      - uses: actions/checkout@v4 # pinned by tag for now
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - name: Build
        run: npm run build --workspace services/${service}
      - id: version
        run: |
          echo "value=$(node -p "require('./services/${service}/package.json').version")" >> "$GITHUB_OUTPUT"

  test:
    needs: build
    runs-on: \${{ matrix.os }}
    strategy:
      fail-fast: false
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: ${JSON.stringify(nodes)}
    env: *common-env
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - run: npm ci
      - name: Unit tests
        run: npm test -- --project ${service}
${extraSteps}
  deploy:
    needs: [build, test]
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    environment:
      name: production
      url: https://${service}.example.com
    concurrency:
      group: deploy-${service}
      cancel-in-progress: false
    steps:
      - uses: actions/checkout@v4
      - name: Deploy
        run: ./scripts/deploy.sh ${service} "\${{ needs.build.outputs.version }}"
        env:
          DEPLOY_ENV: production
`;
}

/** A throw-away repository with `count` hand-written workflows in `.github/workflows/`. */
function createImportRepo(trunklineRoot: string, count: number): { root: string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "trunkline-bench-import-"));
  mkdirSync(path.join(root, "node_modules"));
  symlinkSync(trunklineRoot, path.join(root, "node_modules", "trunkline"), "dir");
  // depends on trunkline, as a repository that adopts it does: that is how import finds the project
  writeFileSync(path.join(root, "package.json"), '{ "type": "module", "devDependencies": { "trunkline": "*" } }\n');
  mkdirSync(path.join(root, ".github", "workflows"), { recursive: true });
  for (let index = 0; index < count; index++) writeFileSync(path.join(root, ".github", "workflows", `wf-${index}.yml`), syntheticWorkflowYaml(index));
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** What {@link benchImport} needs from the bench runner. */
export interface ImportBenchOptions {
  trunklineRoot: string;
  bin: string;
  runs: number;
  progress: (text: string) => void;
}

/**
 * Times `trunkline import .github/workflows` over `size` workflows. Every run starts from the
 * repository before adoption (no sources, no baseline, no caches): import is run once per repository.
 */
export function benchImport(size: number, options: ImportBenchOptions): Timing {
  const repo = createImportRepo(options.trunklineRoot, size);
  try {
    options.progress(`import, ${size} workflow${size === 1 ? "" : "s"} …\n`);
    const succeeded = expectSuccess("trunkline", ["import", ".github/workflows"]);
    return timeCommand(process.execPath, [options.bin, "import", ".github/workflows"], {
      cwd: repo.root,
      runs: options.runs,
      env: { ...process.env, GITHUB_ACTIONS: "" },
      before: () => {
        rmSync(path.join(repo.root, "workflows-src"), { recursive: true, force: true });
        rmSync(path.join(repo.root, ".trunkline"), { recursive: true, force: true });
      },
      check: (result) => {
        succeeded(result);
        if (!result.stderr.includes(`${size} imported with an exact round trip, 0 not`)) throw new Error(`trunkline import did not reproduce all ${size} workflows\n--- stderr\n${result.stderr.slice(-4000)}`);
      },
    });
  } finally {
    repo.dispose();
  }
}
