import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Actions pinned to the same SHAs as this repository's own CI, so a pinning rule stays quiet.
const CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"; // v7.0.1
const SETUP_NODE = "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020"; // v7.0.0

/**
 * The source of `workflows-src/wf-<index>.ts`: a realistic three-job pipeline (build → matrix
 * test → deploy) written with the DSL. Sizes vary with `index` so files are not identical.
 */
export function syntheticWorkflowSource(index: number): string {
  const service = `svc-${index}`;
  const extraTestSteps = index % 4; // 5 to 8 steps in the test job
  const nodes = [[20], [20, 22], [18, 20, 22]][index % 3]!;
  const testSteps = [
    "checkout",
    `step({ name: "Set up Node \${{ matrix.node }}", uses: "${SETUP_NODE}", with: { "node-version": "\${{ matrix.node }}", cache: "npm" } })`,
    'step({ name: "Install", run: "npm ci" })',
    `step({ name: "Unit tests", run: "npm test -- --project ${service}", env: { CI: true, NODE_OPTIONS: "--max-old-space-size=4096" } })`,
    `step({ name: "Lint", run: "npm run lint -- services/${service}" })`,
    ...[
      `step({ name: "Integration tests", if: "matrix.os == 'ubuntu-latest'", run: "npm run test:integration -- ${service}", "timeout-minutes": 10 })`,
      'step({ name: "Coverage", run: "npx c8 report --reporter=lcov\\ntest -s coverage/lcov.info" })',
      'step({ name: "Summary", if: "always()", run: "echo \\"### ${{ matrix.os }} / Node ${{ matrix.node }}\\" >> \\"$GITHUB_STEP_SUMMARY\\"" })',
    ].slice(0, extraTestSteps),
  ];
  return `import { job, step, workflow } from "trunkline";

const checkout = step({ name: "Check out", uses: "${CHECKOUT}", with: { "persist-credentials": false } });
const setupNode = step({ name: "Set up Node", uses: "${SETUP_NODE}", with: { "node-version": 20, cache: "npm" } });

const build = job({
  name: "Build ${service}",
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 15,
  outputs: { version: "\${{ steps.version.outputs.value }}" },
  steps: [
    checkout,
    setupNode,
    step({ name: "Install", run: "npm ci" }),
    step({ name: "Build", run: "npm run build --workspace services/${service}" }),
    step({ id: "version", name: "Version", run: 'echo "value=$(node -p \\'require(\\"./services/${service}/package.json\\").version\\')" >> "$GITHUB_OUTPUT"' }),
  ],
});

const test = job({
  name: "Test (\${{ matrix.os }}, Node \${{ matrix.node }})",
  needs: [build],
  "runs-on": "\${{ matrix.os }}",
  "timeout-minutes": 30,
  strategy: {
    "fail-fast": false,
    matrix: { os: ["ubuntu-latest", "windows-latest"], node: ${JSON.stringify(nodes)} },
  },
  steps: [
    ${testSteps.join(",\n    ")},
  ],
});

const deploy = job({
  name: "Deploy ${service}",
  needs: [build, test],
  if: "github.event_name == 'push' && github.ref == 'refs/heads/main'",
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 20,
  environment: { name: "production", url: "https://${service}.example.com" },
  permissions: { contents: "read", "id-token": "write" },
  concurrency: { group: "deploy-${service}", "cancel-in-progress": false },
  steps: [
    checkout,
    setupNode,
    step({ name: "Install", run: "npm ci --omit=dev" }),
    step({ name: "Deploy", run: "./scripts/deploy.sh ${service} \\"$VERSION\\"", env: { DEPLOY_ENV: "production", VERSION: "\${{ needs.build.outputs.version }}" } }),
    step({ name: "Smoke test", run: "curl --fail --retry 5 https://${service}.example.com/healthz" }),
  ],
});

/** Build, test and deploy ${service}. */
export default workflow("wf-${index}", {
  name: "${service}",
  on: {
    push: { branches: ["main"], paths: ["services/${service}/**", "package-lock.json"] },
    pull_request: { paths: ["services/${service}/**"] },
    workflow_dispatch: {},
  },
  permissions: { contents: "read" },
  concurrency: { group: "\${{ github.workflow }}-\${{ github.ref }}", "cancel-in-progress": true },
  jobs: { build, test, deploy },
});
`;
}

/** A throw-away repository laid out as a trunkline user's, with `count` synthetic sources. */
export interface SyntheticRepo {
  root: string;
  /** Repo-relative path of source `index`. */
  sourceFile(index: number): string;
  /** The generated YAML files, repo-relative. */
  outputs(): string[];
  dispose(): void;
}

/** Where `trunkline gen` writes this repository's workflows (the default target). */
export const OUTPUT_DIR = ".github/workflows";

/**
 * Creates a repository under the OS temp folder: `package.json`, `node_modules/trunkline` linked
 * to `trunklineRoot` (so sources import its built `dist/`), and `count` sources.
 */
export function createSyntheticRepo(trunklineRoot: string, count: number): SyntheticRepo {
  const root = mkdtempSync(path.join(tmpdir(), "trunkline-bench-"));
  mkdirSync(path.join(root, "node_modules"));
  symlinkSync(trunklineRoot, path.join(root, "node_modules", "trunkline"), "dir");
  writeFileSync(path.join(root, "package.json"), '{ "type": "module" }\n');
  mkdirSync(path.join(root, "workflows-src"));
  const sourceFile = (index: number) => `workflows-src/wf-${index}.ts`;
  for (let index = 0; index < count; index++) writeFileSync(path.join(root, sourceFile(index)), syntheticWorkflowSource(index));
  return {
    root,
    sourceFile,
    outputs: () => {
      try {
        return readdirSync(path.join(root, OUTPUT_DIR)).filter((name) => /\.ya?ml$/.test(name)).map((name) => `${OUTPUT_DIR}/${name}`);
      } catch {
        return [];
      }
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
