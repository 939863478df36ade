// ameideio/ameide-gitops (seed 002): environments are overlays pinning images by digest. One gate
// workflow is the only required check and calls the path-scoped checks through workflow_call;
// dev follows the producers' `:main` channel; promotion copies digests dev → staging → prod by PR.
import { document, runnerFromVariable } from "trunkline";
import { channelDigestBump, digestPromotion, gitopsGate, releasingGuide, reusableCheck } from "trunkline/templates";

// ARC is the trusted substrate here (locked down, fork-guarded); the variable can switch it.
const runsOn = runnerFromVariable("AMEIDE_RUNS_ON", "arc-local");

/** Renders every overlay and validates the manifests against their schemas. */
export const validateManifests = reusableCheck({
  file: "gitops-validate-manifests.yaml",
  name: "Validate manifests",
  runsOn,
  steps: [{ name: "Render and validate", run: "./scripts/ci/validate-manifests.sh" }],
});

/** Lints the charts the overlays install. */
export const validateCharts = reusableCheck({
  file: "gitops-validate-charts.yaml",
  name: "Validate charts",
  runsOn,
  steps: [{ name: "Lint charts", run: "./scripts/ci/lint-charts.sh" }],
});

/** Every image reference in every overlay is pinned by digest. */
export const validateImagePins = reusableCheck({
  file: "gitops-validate-image-pins.yaml",
  name: "Validate image pins",
  runsOn,
  steps: [
    {
      name: "Every image is pinned by digest",
      run: `set -euo pipefail
status=0
for file in environments/*/images.yaml; do
  unpinned="$(yq '.images[].ref' "$file" | grep -v -E '@sha256:[0-9a-f]{64}$' || true)"
  if [[ -n "$unpinned" ]]; then
    echo "::error file=$file::not pinned by digest: $unpinned"
    status=1
  fi
done
exit "$status"
`,
    },
  ],
});

/** GitOps / Gate: the single required check of pull requests into main. */
export const gate = gitopsGate({
  checks: {
    manifests: { name: "Manifests", workflow: validateManifests, paths: ["environments/**", "base/**", "components/**"] },
    charts: { name: "Charts", workflow: validateCharts, paths: ["charts/**"] },
    "image-pins": { name: "Image pins", workflow: validateImagePins, paths: ["environments/**"] },
  },
});

/** Promotion dev → staging → prod: a digest-copy pull request, no rebuild. */
export const promote = digestPromotion({ file: "promote.yaml", runsOn });

/** dev follows `:main`: resolved to digests, multi-arch checked, pinned by pull request. */
export const bumpDevDigests = channelDigestBump({
  file: "bump-dev-digests.yaml",
  runsOn,
  images: {
    "ameide-web": "ghcr.io/ameideio/ameide-web",
    "ameide-graph": "ghcr.io/ameideio/ameide-graph",
    "ameide-agents": "ghcr.io/ameideio/ameide-agents",
  },
});

/** RELEASING.md, written from the workflows above. */
export const releasing = document("RELEASING.md", releasingGuide({
  repository: "ameideio/ameide-gitops",
  ci: gate,
  promotion: promote,
  bump: bumpDevDigests,
  notes: [
    "A merge into `prod` of `ameideio/ameide` asks this repository for the staging → prod promotion; the pull request it opens is reviewed and merged here like any other.",
  ],
}));
