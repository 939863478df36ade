// ameideio/ameide, the product monorepo: trunk-based CI (seed 002), image CD, tag releases, and the
// seed-000 release gate — deploys happen only from `prod`, reached from `main` by pull request.
import { actionInputsOf, compositeAction, document, pinnedAction, pinnedImage, runnerFromVariable } from "trunkline";
import { costReport, deployOnBranch, imagePublishing, releaseOnTags, releasingGuide, trunkBasedCi } from "trunkline/templates";

/** Which branch deploys: the one parameter of the seed-000 swap (it was `main`). */
const DEPLOY_BRANCH = "prod";

// One repository variable switches the CI substrate: ARC by default, GitHub-hosted as the fallback.
const runsOn = runnerFromVariable("AMEIDE_RUNS_ON", "arc-local");
const registry = "ghcr.io/ameideio";

// The development image, pinned by the digest its own CD recorded; a pull request bumps it.
// NOTE: an example value for this worked example; a real repository copies it from image-digests.txt.
const devcontainer = pinnedImage("ghcr.io/ameideio/ameide-devcontainer@sha256:4f2b8c1d9e0a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c");

/**
 * The repository's own action (`.github/actions/setup-pnpm/action.yml`): pnpm, Node with the pnpm
 * store cached, and the workspace installed. Every job that needs the workspace calls it, typed.
 */
const setupPnpmInputs = { "node-version": { description: "The Node.js version to set up", default: "20" } } as const;
const setupInputs = actionInputsOf(setupPnpmInputs);
export const setupPnpm = compositeAction("setup-pnpm", {
  name: "Set up pnpm",
  description: "pnpm, Node with the pnpm store cached, and the workspace's dependencies installed",
  inputs: setupPnpmInputs,
  runs: {
    using: "composite",
    steps: [
      { name: "Set up pnpm", uses: pinnedAction("pnpm/action-setup") },
      { name: "Set up Node", uses: pinnedAction("actions/setup-node"), with: { "node-version": setupInputs["node-version"], cache: "pnpm" } },
      { name: "Install", run: "pnpm install --frozen-lockfile", shell: "bash" },
    ],
  },
});

const pnpmSetup = [setupPnpm({ name: "Set up pnpm and install" })];

/** CI: pull requests into main and into prod (the release pull request), path-scoped behind one gate. */
export const ci = trunkBasedCi({
  runsOn,
  // `prod` stays here whichever branch deploys: its pull requests are checked like any other.
  pullRequestBranches: ["main", "prod"],
  checks: {
    repository: { name: "Repository checks", timeoutMinutes: 10, steps: [{ name: "Check", run: "./scripts/ci/check-repository.sh" }] },
    js: {
      name: "JS",
      paths: ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "apps/**", "packages/**"],
      steps: [...pnpmSetup, { name: "Lint", run: "pnpm -r lint" }, { name: "Test", run: "pnpm -r test" }],
    },
    python: {
      name: "Python",
      paths: ["pyproject.toml", "uv.lock", "services/**"],
      container: { image: devcontainer },
      steps: [{ name: "Sync", run: "uv sync --frozen" }, { name: "Test", run: "uv run pytest" }],
    },
    operators: {
      name: "Operators",
      paths: ["operators/**", "go.work", "go.work.sum"],
      steps: [
        { name: "Set up Go", uses: pinnedAction("actions/setup-go"), with: { "go-version-file": "go.work" } },
        { name: "Test", run: "go test ./operators/..." },
      ],
    },
    integration: {
      name: "Integration packs",
      paths: ["integration/**", "services/**"],
      timeoutMinutes: 45,
      env: { BUILDKIT_HOST: "${{ vars.AMEIDE_BUILDKIT_ADDR }}" },
      steps: [{ name: "Run the packs", run: "./scripts/ci/run-integration-packs.sh" }],
    },
  },
});

// Publishing runs on ARC, the trusted substrate; images build on the in-cluster BuildKit.
const buildkitEndpoint = "${{ vars.AMEIDE_BUILDKIT_ADDR }}";

/** Service images: pushes to main that touch them publish `:main` and `sha-<commit>`. */
export const images = imagePublishing({
  runsOn,
  buildkitEndpoint,
  repositoryPrefix: registry,
  paths: ["apps/**", "services/**", "packages/**", "pnpm-lock.yaml", "uv.lock", ".github/workflows/cd-service-images.yml"],
  images: [
    { name: "ameide-web", context: "apps/web" },
    { name: "ameide-graph", context: "services/graph" },
    { name: "ameide-agents", context: "services/agents" },
  ],
});

/** The development image CI runs in. */
export const devcontainerImage = imagePublishing({
  file: "cd-devcontainer-image",
  name: "Publish the devcontainer image",
  runsOn,
  buildkitEndpoint,
  repositoryPrefix: registry,
  paths: [".devcontainer/**", ".github/workflows/cd-devcontainer-image.yml"],
  images: [{ name: "ameide-devcontainer", context: ".devcontainer" }],
});

/** Releases: `v*` tags on main re-tag the images built from that commit and publish a GitHub release. */
export const release = releaseOnTags({
  runsOn,
  images: { repositoryPrefix: registry, names: ["ameide-web", "ameide-graph", "ameide-agents"] },
});

/**
 * Deploy: a push to prod asks ameide-gitops to promote staging's digests to prod (a pull request
 * there); migrations are a separate manual job with their own environment.
 */
export const deploy = deployOnBranch({
  branch: DEPLOY_BRANCH,
  runsOn,
  environment: { name: "production", url: "https://app.ameide.io" },
  steps: [
    {
      name: "Request the staging → prod promotion in ameide-gitops",
      env: { GH_TOKEN: "${{ secrets.GITOPS_PROMOTION_TOKEN }}" },
      run: "gh workflow run promote.yaml --repo ameideio/ameide-gitops -f from=staging",
    },
  ],
  migrations: {
    environment: { name: "production-migrations" },
    container: { image: devcontainer },
    steps: [
      {
        name: "Apply migrations",
        env: { DATABASE_URL: "${{ secrets.PRODUCTION_DATABASE_URL }}" },
        run: "uv sync --frozen && uv run alembic upgrade head",
      },
    ],
  },
});

/**
 * What CI costs, every Monday: runner occupancy, queue time, cancelled and superseded runs. The
 * budgets are where the path filters, cancellation and the gate are meant to keep CI.
 */
export const cost = costReport({
  runsOn,
  setup: pnpmSetup,
  command: "pnpm exec trunkline",
  budgets: [
    { occupancyHoursPerWeek: 60, cancelledShare: 0.3 },
    { workflow: "ci.yml", queueP95Seconds: 180 },
  ],
});

/** RELEASING.md, written from the workflows above. */
export const releasing = document("RELEASING.md", releasingGuide({
  repository: "ameideio/ameide",
  ci,
  deploy,
  images,
  release,
  verification: [
    "The promotion pull request it opened in `ameideio/ameide-gitops` is merged, and Argo CD shows the prod applications synced and healthy at the promoted digests.",
    "The web app answers its health check: `curl -fsS https://app.ameide.io/healthz`.",
  ],
  notes: ["Environment promotion (dev → staging → prod) lives in `ameideio/ameide-gitops`; see its RELEASING.md."],
}));
