import { pinnedAction } from "../actions/pins.js";
import { releaseConcurrency } from "../blocks/concurrency.js";
import { onSchedule, onWorkflowDispatch, input, triggers } from "../blocks/triggers.js";
import type { CronExpression } from "../blocks/cron.js";
import { grant, readOnlyPermissions } from "../blocks/permissions.js";
import { jobSteps } from "../dsl/job-steps.js";
import { job, step } from "../dsl/workflow.js";
import { expr, inputsOf } from "../expressions/index.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

// GitOps environment promotion (seed 002): environments are overlays in a GitOps repository, each
// pinning images by digest in one file. Promotion copies digests forward by pull request; nothing
// is rebuilt, so what reaches prod is byte for byte what ran in staging.
//
// The images file of a stage, e.g. environments/staging/images.yaml:
//   images:
//     ameide-web:
//       ref: ghcr.io/ameideio/ameide-web@sha256:<64 hex>

/** Where a stage's images file lives; `{stage}` is replaced by the stage name. */
export type StagePathPattern = `${string}{stage}${string}`;

/** Options of {@link digestPromotion}. */
export interface DigestPromotionOptions {
  /** @default "promote" */
  file?: string;
  /** @default "Promote" */
  name?: string;
  /**
   * The stages in promotion order; a run promotes one stage to the next.
   * @default ["dev", "staging", "prod"]
   */
  stages?: readonly [string, string, ...string[]];
  /**
   * The images file of a stage.
   * @default "environments/{stage}/images.yaml"
   */
  imagesFile?: StagePathPattern;
  /**
   * The branch promotion pull requests target.
   * @default "main"
   */
  base?: string;
  /** The runner (needs `yq`). */
  runsOn: string;
  /**
   * The token that opens the pull request. Pull requests opened with the workflow's own
   * `GITHUB_TOKEN` start no workflows, so the required gate would never run on them: use a GitHub
   * App or fine-grained token with contents and pull-requests write.
   * @default "${{ secrets.PROMOTION_TOKEN }}"
   */
  token?: string;
  /**
   * Labels for the pull request (owners and auto-merge policies key on them).
   * @default ["promotion"]
   */
  labels?: readonly string[];
}

/** The options of {@link digestPromotion} with defaults filled in. */
export type ResolvedDigestPromotionOptions = Required<DigestPromotionOptions>;

const STAGE_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Promotion dev → staging → prod: a manual run picks the stage to promote from; the job copies that
 * stage's digests into the next stage's images file (refusing any reference not pinned by digest)
 * and opens a labelled pull request. No image is rebuilt or re-tagged.
 */
export function digestPromotion(options: DigestPromotionOptions): TemplateWorkflow<ResolvedDigestPromotionOptions> {
  const resolved: ResolvedDigestPromotionOptions = {
    file: options.file ?? "promote",
    name: options.name ?? "Promote",
    stages: options.stages ?? ["dev", "staging", "prod"],
    imagesFile: options.imagesFile ?? "environments/{stage}/images.yaml",
    base: options.base ?? "main",
    runsOn: options.runsOn,
    token: options.token ?? "${{ secrets.PROMOTION_TOKEN }}",
    labels: options.labels ?? ["promotion"],
  };
  for (const stage of resolved.stages) if (!STAGE_NAME.test(stage)) throw new Error(`digestPromotion: "${stage}" is not a stage name (lowercase letters, digits, -)`);
  if (new Set(resolved.stages).size !== resolved.stages.length) throw new Error("digestPromotion: a stage is listed twice");
  const sources = resolved.stages.slice(0, -1) as [string, ...string[]];
  const nextStage = sources.map((stage, index) => `  ${stage}) to=${resolved.stages[index + 1]} ;;`).join("\n");
  const dispatchInputs = { from: input.choice({ description: "The stage whose digests move to the next stage", required: true, options: sources }) };
  const inputs = inputsOf({ workflow_dispatch: { inputs: dispatchInputs } });
  // the pull request reads the stage the copy step found next (its `to` output)
  const copyAndOpen = jobSteps()
    .add(step({ name: "Copy the digests", id: "copy", env: { FROM: inputs.from, IMAGES_FILE: resolved.imagesFile }, run: promoteScript(nextStage) }, { outputs: ["to"] }))
    .add(({ steps }) => {
      const to = steps.copy.outputs.to;
      return step({
        name: "Open the promotion pull request",
        uses: pinnedAction("peter-evans/create-pull-request"),
        with: {
          token: resolved.token,
          base: resolved.base,
          branch: expr`promote/${inputs.from}-to-${to}`,
          "commit-message": expr`promote: ${inputs.from} → ${to}`,
          title: expr`Promote ${inputs.from} → ${to}`,
          body: expr`Copies the image digests of \`${inputs.from}\` into \`${to}\`. Nothing is rebuilt: these are the exact images that ran in \`${inputs.from}\`.`,
          labels: resolved.labels.join("\n"),
          "delete-branch": true,
        },
      });
    });
  const promote = job({
    name: "Copy digests to the next stage",
    "runs-on": resolved.runsOn,
    permissions: grant({ contents: "write", "pull-requests": "write" }),
    "timeout-minutes": 10,
    steps: [checkoutStep(), ...copyAndOpen],
  });
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: onWorkflowDispatch(dispatchInputs),
    permissions: readOnlyPermissions(),
    // Two promotions of the same stage would race for one branch: queue them.
    concurrency: releaseConcurrency(),
    jobs: { promote },
  }, resolved);
}

function promoteScript(nextStage: string): string {
  return `set -euo pipefail
case "$FROM" in
${nextStage}
  *) echo "::error title=Unknown stage::\\"$FROM\\" has no next stage"; exit 1 ;;
esac
source_file="\${IMAGES_FILE//\\{stage\\}/$FROM}"
target_file="\${IMAGES_FILE//\\{stage\\}/$to}"
unpinned="$(yq '.images[].ref' "$source_file" | grep -v -E '@sha256:[0-9a-f]{64}$' || true)"
if [[ -n "$unpinned" ]]; then
  echo "::error title=Not pinned by digest::$source_file has references without a digest: $unpinned"
  exit 1
fi
SOURCE_FILE="$source_file" yq -i '.images = load(strenv(SOURCE_FILE)).images' "$target_file"
echo "to=$to" >> "$GITHUB_OUTPUT"
`;
}

/** Options of {@link channelDigestBump}. */
export interface ChannelDigestBumpOptions {
  /** @default "bump-dev-digests" */
  file?: string;
  /** @default "Bump dev digests" */
  name?: string;
  /**
   * The stage that follows the channel.
   * @default "dev"
   */
  stage?: string;
  /** @default "environments/{stage}/images.yaml" */
  imagesFile?: StagePathPattern;
  /** The images to follow: key in the images file → repository (`ghcr.io/ameideio/ameide-web`). */
  images: Readonly<Record<string, string>>;
  /**
   * The producer's channel tag.
   * @default "main"
   */
  channel?: string;
  /**
   * Platforms the channel's manifest list must hold, or the bump fails.
   * @default ["linux/amd64", "linux/arm64"]
   */
  platforms?: readonly [string, ...string[]];
  /**
   * When to look for new digests (UTC), besides manual runs.
   * @default "17 * * * *"
   */
  schedule?: CronExpression;
  /** @default "main" */
  base?: string;
  /** The runner (needs `skopeo`, `jq`, `yq`). */
  runsOn: string;
  /** @default "${{ secrets.PROMOTION_TOKEN }}" (see {@link DigestPromotionOptions.token}) */
  token?: string;
}

/** The options of {@link channelDigestBump} with defaults filled in. */
export type ResolvedChannelDigestBumpOptions = Required<ChannelDigestBumpOptions>;

/**
 * The first stage follows the producers' channel: on a schedule (or by hand) each `<image>:main` is
 * resolved to its digest — failing fast when the tag is missing or not multi-arch — and the stage's
 * images file is updated by pull request. The channel tag is only ever resolved, never deployed.
 */
export function channelDigestBump(options: ChannelDigestBumpOptions): TemplateWorkflow<ResolvedChannelDigestBumpOptions> {
  const resolved: ResolvedChannelDigestBumpOptions = {
    file: options.file ?? "bump-dev-digests",
    name: options.name ?? "Bump dev digests",
    stage: options.stage ?? "dev",
    imagesFile: options.imagesFile ?? "environments/{stage}/images.yaml",
    images: options.images,
    channel: options.channel ?? "main",
    platforms: options.platforms ?? ["linux/amd64", "linux/arm64"],
    schedule: options.schedule ?? "17 * * * *",
    base: options.base ?? "main",
    runsOn: options.runsOn,
    token: options.token ?? "${{ secrets.PROMOTION_TOKEN }}",
  };
  const entries = Object.entries(resolved.images);
  if (entries.length === 0) throw new Error("channelDigestBump: give at least one image");
  const bump = job({
    name: `Resolve :${resolved.channel} to digests`,
    "runs-on": resolved.runsOn,
    permissions: grant({ contents: "write", "pull-requests": "write" }),
    "timeout-minutes": 10,
    steps: [
      checkoutStep(),
      {
        name: "Resolve and pin",
        env: {
          IMAGES: entries.map(([key, repository]) => `${key}=${repository}`).join("\n") + "\n",
          CHANNEL: resolved.channel,
          PLATFORMS: resolved.platforms.join(" "),
          TARGET_FILE: resolved.imagesFile.replace("{stage}", resolved.stage),
        },
        run: BUMP_SCRIPT,
      },
      {
        name: "Open the bump pull request",
        uses: pinnedAction("peter-evans/create-pull-request"),
        with: {
          token: resolved.token,
          base: resolved.base,
          branch: `bump/${resolved.stage}-digests`,
          "commit-message": `${resolved.stage}: pin the latest :${resolved.channel} digests`,
          title: `${resolved.stage}: pin the latest :${resolved.channel} digests`,
          body: `Resolves each image's \`:${resolved.channel}\` channel tag to its digest and pins it in \`${resolved.stage}\`.`,
          labels: "promotion",
          "delete-branch": true,
        },
      },
    ],
  });
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(onSchedule(resolved.schedule), onWorkflowDispatch()),
    permissions: readOnlyPermissions(),
    concurrency: releaseConcurrency(),
    jobs: { bump },
  }, resolved);
}

const BUMP_SCRIPT = `set -euo pipefail
while IFS='=' read -r key repository; do
  if [[ -z "$key" ]]; then continue; fi
  if ! skopeo inspect --raw "docker://$repository:$CHANNEL" > manifest.json; then
    echo "::error title=Channel missing::$repository:$CHANNEL does not exist"
    exit 1
  fi
  for platform in $PLATFORMS; do
    if ! jq -e --arg platform "$platform" '[.manifests[]?.platform | "\\(.os)/\\(.architecture)"] | index($platform) != null' manifest.json > /dev/null; then
      echo "::error title=Not multi-arch::$repository:$CHANNEL has no $platform image"
      exit 1
    fi
  done
  digest="$(skopeo manifest-digest manifest.json)"
  KEY="$key" REF="$repository@$digest" yq -i '.images[strenv(KEY)].ref = strenv(REF)' "$TARGET_FILE"
  echo "$key: $repository@$digest"
done <<< "$IMAGES"
`;
