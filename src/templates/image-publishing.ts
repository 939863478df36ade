import { pinnedAction } from "../actions/pins.js";
import { branchConcurrency } from "../blocks/concurrency.js";
import { grant, readOnlyPermissions } from "../blocks/permissions.js";
import { type Patterns, onPush, onWorkflowDispatch, triggers } from "../blocks/triggers.js";
import { jobSteps } from "../dsl/job-steps.js";
import type { Step, StepSpec } from "../dsl/types.js";
import { job, step } from "../dsl/workflow.js";
import { and, eq, expr, format, github, or } from "../expressions/index.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

/** One image a repository publishes. */
export interface PublishedImage {
  /** The image's name under the repository prefix: `ameide-web` → `ghcr.io/ameideio/ameide-web`. */
  name: string;
  /** The build context folder. */
  context: string;
  /**
   * The Dockerfile, relative to the repository root.
   * @default "<context>/Dockerfile"
   */
  dockerfile?: string;
}

/** Options of {@link imagePublishing}. */
export interface ImagePublishingOptions {
  /** @default "cd-service-images" */
  file?: string;
  /** @default "Publish images" */
  name?: string;
  /**
   * The branch whose pushes publish.
   * @default "main"
   */
  branch?: string;
  /**
   * Workflow-level path filter: a push that changes none of these creates no run at all (no queue,
   * no self-cancelled runs). Include the workflow file itself.
   */
  paths: Patterns;
  /** Where images live, e.g. `ghcr.io/ameideio`. The registry is its first segment. */
  repositoryPrefix: string;
  /** The images, built in parallel. */
  images: readonly [PublishedImage, ...PublishedImage[]];
  /**
   * The moving channel tag pushed besides the immutable `sha-<commit>` tag; consumers resolve it to
   * a digest, never run it.
   * @default "main"
   */
  channel?: string;
  /**
   * Platforms of the multi-arch manifest list; the run fails if the pushed list lacks one.
   * @default ["linux/amd64", "linux/arm64"]
   */
  platforms?: readonly [string, ...string[]];
  /** The runner: a trusted substrate, since it holds a token that can push images. */
  runsOn: string;
  /**
   * A remote BuildKit endpoint (e.g. `${{ vars.AMEIDE_BUILDKIT_ADDR }}`): builds run there, with no
   * Docker daemon on the runner. Without it, buildx builds locally with QEMU for foreign platforms.
   */
  buildkitEndpoint?: string;
}

/** The options of {@link imagePublishing} with every default filled in. */
export type ResolvedImagePublishingOptions = Required<Omit<ImagePublishingOptions, "buildkitEndpoint">> & Pick<ImagePublishingOptions, "buildkitEndpoint">;

const IMAGE_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/**
 * Image publishing CD (seed 002): pushes to the trunk that touch the listed paths build every image
 * once for all platforms and push `<image>:<channel>` and `<image>:sha-<commit>`; a newer push
 * cancels the older run; each digest is checked to be a multi-arch list and recorded (job summary
 * and the `image-digests` artifact) for GitOps to pin.
 */
export function imagePublishing(options: ImagePublishingOptions): TemplateWorkflow<ResolvedImagePublishingOptions> {
  const resolved: ResolvedImagePublishingOptions = {
    file: options.file ?? "cd-service-images",
    name: options.name ?? "Publish images",
    branch: options.branch ?? "main",
    paths: options.paths,
    repositoryPrefix: options.repositoryPrefix.replace(/\/+$/, ""),
    images: options.images,
    channel: options.channel ?? "main",
    platforms: options.platforms ?? ["linux/amd64", "linux/arm64"],
    runsOn: options.runsOn,
    buildkitEndpoint: options.buildkitEndpoint,
  };
  for (const image of resolved.images) {
    if (!IMAGE_NAME.test(image.name)) throw new Error(`imagePublishing: "${image.name}" is not an image name (lowercase letters, digits, . _ -)`);
  }
  const registry = resolved.repositoryPrefix.split("/")[0]!;
  const builder: StepSpec[] = resolved.buildkitEndpoint
    ? [{ name: "Use the BuildKit service", uses: pinnedAction("docker/setup-buildx-action"), with: { driver: "remote", endpoint: resolved.buildkitEndpoint } }]
    : [
        { name: "Set up QEMU", uses: pinnedAction("docker/setup-qemu-action") },
        { name: "Set up Buildx", uses: pinnedAction("docker/setup-buildx-action") },
      ];
  const images = nonEmpty(resolved.images.map((image) => ({ name: image.name, context: image.context, dockerfile: image.dockerfile ?? `${image.context}/Dockerfile` })));

  const publish = job.using({ strategy: { matrix: { image: images }, "fail-fast": false } }, ({ matrix }) => {
    const repository = expr`${resolved.repositoryPrefix}/${matrix.image.name}`;
    // The channel moves only for the branch: a manual run on a tag builds that commit for a
    // release (`sha-<commit>`) without moving the channel backwards.
    const channelTag = or(and(eq(github.ref, `refs/heads/${resolved.branch}`), format(`{0}/{1}:${resolved.channel}`, resolved.repositoryPrefix, matrix.image.name)), "");
    const steps: (StepSpec | Step)[] = [
      checkoutStep(),
      ...builder,
      { name: `Log in to ${registry}`, uses: pinnedAction("docker/login-action"), with: { registry, username: github.actor, password: "${{ secrets.GITHUB_TOKEN }}" } },
      // the manifest check reads the digest the build step reports
      ...jobSteps()
        .add(step({
          name: "Build and push",
          id: "build",
          uses: pinnedAction("docker/build-push-action"),
          with: {
            context: matrix.image.context,
            file: matrix.image.dockerfile,
            platforms: resolved.platforms.join(","),
            push: true,
            tags: expr`${repository}:sha-${github.sha}\n${channelTag}`,
          },
        }, { outputs: ["digest"] }))
        .add(({ steps }) => step({
          name: "Check the manifest list and record the digest",
          env: { IMAGE: repository, NAME: matrix.image.name, DIGEST: steps.build.outputs.digest, PLATFORMS: resolved.platforms.join(" ") },
          run: RECORD_DIGEST_SCRIPT,
        })),
      { name: "Upload the digest", uses: pinnedAction("actions/upload-artifact"), with: { name: expr`digest-${matrix.image.name}`, path: "digests/", "if-no-files-found": "error" } },
    ];
    return { name: expr`Publish ${matrix.image.name}`, "runs-on": resolved.runsOn, permissions: grant({ packages: "write" }), "timeout-minutes": 60, steps };
  });
  const record = job({
    name: "Record digests",
    needs: [publish],
    "runs-on": resolved.runsOn,
    "timeout-minutes": 5,
    steps: [
      { name: "Download the digests", uses: pinnedAction("actions/download-artifact"), with: { pattern: "digest-*", path: "digests", "merge-multiple": true } },
      { name: "Write image-digests.txt", run: COLLECT_DIGESTS_SCRIPT },
      { name: "Upload image-digests.txt", uses: pinnedAction("actions/upload-artifact"), with: { name: "image-digests", path: "image-digests.txt", "if-no-files-found": "error" } },
    ],
  });

  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: triggers(onPush({ branches: [resolved.branch], paths: resolved.paths }), onWorkflowDispatch()),
    permissions: readOnlyPermissions(),
    concurrency: branchConcurrency(),
    jobs: { publish, "record-digests": record },
  }, resolved);
}

// One `name=image@digest` line per image, sorted, as the run's record.
const COLLECT_DIGESTS_SCRIPT = `set -euo pipefail
sort digests/* > image-digests.txt
cat image-digests.txt
{ echo "### Published digests"; sed 's/^/- /' image-digests.txt; } >> "$GITHUB_STEP_SUMMARY"
`;

function nonEmpty<Item>(items: Item[]): [Item, ...Item[]] {
  if (items.length === 0) throw new Error("imagePublishing: give at least one image");
  return items as [Item, ...Item[]];
}

// A digest is recorded only after the pushed manifest list is checked to hold every platform.
const RECORD_DIGEST_SCRIPT = `set -euo pipefail
case "$DIGEST" in
  sha256:*) ;;
  *) echo "::error title=No digest::the build of $NAME pushed no digest"; exit 1 ;;
esac
docker buildx imagetools inspect --raw "$IMAGE@$DIGEST" > manifest.json
for platform in $PLATFORMS; do
  if ! jq -e --arg platform "$platform" '[.manifests[]?.platform | "\\(.os)/\\(.architecture)"] | index($platform) != null' manifest.json > /dev/null; then
    echo "::error title=Not multi-arch::$IMAGE@$DIGEST has no $platform image"
    exit 1
  fi
done
mkdir -p digests
echo "$NAME=$IMAGE@$DIGEST" > "digests/$NAME"
echo "$NAME: $IMAGE@$DIGEST" >> "$GITHUB_STEP_SUMMARY"
`;
