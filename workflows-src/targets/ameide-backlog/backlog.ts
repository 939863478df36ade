// ameideio/ameide-backlog: the backlog as Markdown. Trunk-based CI behind one gate, and the
// seed-000 release gate for the published backlog site: it deploys only from `prod`.
import { document, pinnedAction, runnerFromVariable } from "trunkline";
import { deployOnBranch, releasingGuide, trunkBasedCi } from "trunkline/templates";

/** Which branch deploys the site. */
const DEPLOY_BRANCH = "prod";

const runsOn = runnerFromVariable("AMEIDE_RUNS_ON", "arc-local");
const nodeSetup = { name: "Set up Node", uses: pinnedAction("actions/setup-node"), with: { "node-version": 20, cache: "npm" } };

/** CI: Markdown and front matter checks, scoped to what changed. */
export const ci = trunkBasedCi({
  runsOn,
  pullRequestBranches: ["main", "prod"],
  checks: {
    markdown: {
      name: "Markdown",
      paths: ["**/*.md", ".markdownlint.yaml"],
      timeoutMinutes: 10,
      steps: [nodeSetup, { name: "Install", run: "npm ci" }, { name: "Lint", run: "npx markdownlint-cli2 '**/*.md'" }],
    },
    frontmatter: {
      name: "Front matter and links",
      paths: ["backlog/**", "scripts/**"],
      timeoutMinutes: 10,
      steps: [{ name: "Check front matter and links", run: "./scripts/check-backlog.sh" }],
    },
  },
});

/** Deploy: a push to prod publishes the backlog site. */
export const deploy = deployOnBranch({
  branch: DEPLOY_BRANCH,
  runsOn,
  environment: { name: "backlog-site", url: "https://backlog.ameide.io" },
  steps: [nodeSetup, { name: "Install", run: "npm ci" }, { name: "Build and publish", run: "./scripts/publish-site.sh" }],
});

/** RELEASING.md, written from the workflows above. */
export const releasing = document("RELEASING.md", releasingGuide({
  repository: "ameideio/ameide-backlog",
  ci,
  deploy,
  verification: ["The site shows the merged items: `curl -fsS https://backlog.ameide.io/ | head`."],
}));
