import { pinnedAction } from "../actions/pins.js";
import { releaseConcurrency } from "../blocks/concurrency.js";
import { grant, readOnlyPermissions } from "../blocks/permissions.js";
import { type ReleaseTagPattern, onReleaseTags } from "../blocks/releases.js";
import type { Job, Step, StepSpec } from "../dsl/types.js";
import { job } from "../dsl/workflow.js";
import { github } from "../expressions/index.js";
import { type TemplateWorkflow, checkoutStep, templateWorkflow } from "./_common.js";

/** Options of {@link releaseOnTags}. */
export interface TagReleaseOptions {
  /** @default "release" */
  file?: string;
  /** @default "Release" */
  name?: string;
  /**
   * The tags that release.
   * @default "v*"
   */
  tagPattern?: ReleaseTagPattern;
  /**
   * Releases are cut from the trunk: a tag on any other commit fails the run.
   * @default "main"
   */
  trunk?: string;
  /** The runner. */
  runsOn: string;
  /** Builds release assets into `dist/`; they are attached to the GitHub release. */
  build?: { steps: readonly (Step | StepSpec)[] };
  /**
   * Images to release without rebuilding: the image CD built `<prefix>/<name>:sha-<commit>` from the
   * trunk; the release adds the version tag to that same digest.
   */
  images?: { repositoryPrefix: string; names: readonly [string, ...string[]] };
}

/** The options of {@link releaseOnTags} with defaults filled in. */
export type ResolvedTagReleaseOptions = Required<Omit<TagReleaseOptions, "build" | "images">> & Pick<TagReleaseOptions, "build" | "images">;

/**
 * Release on tags (seed 002): only a pushed `v*` tag releases — never a branch push; the tagged
 * commit must be on the trunk; images are re-tagged from the digests built for that commit (build
 * once, deploy many); a GitHub release with generated notes and the built assets. Release runs
 * queue and are never cancelled.
 */
export function releaseOnTags(options: TagReleaseOptions): TemplateWorkflow<ResolvedTagReleaseOptions> {
  const resolved: ResolvedTagReleaseOptions = {
    file: options.file ?? "release",
    name: options.name ?? "Release",
    tagPattern: options.tagPattern ?? "v*",
    trunk: options.trunk ?? "main",
    runsOn: options.runsOn,
    build: options.build,
    images: options.images,
  };
  const verify = job({
    name: `Tag is on ${resolved.trunk}`,
    "runs-on": resolved.runsOn,
    "timeout-minutes": 5,
    steps: [
      checkoutStep({ "fetch-depth": 0 }),
      { name: `Check that the tagged commit is on ${resolved.trunk}`, env: { TRUNK: resolved.trunk, TAG: github.ref_name }, run: VERIFY_ON_TRUNK_SCRIPT },
    ],
  });
  const jobs: Record<string, Job> = { verify };
  const releaseNeeds: Job[] = [verify];
  if (resolved.build) {
    jobs.build = job({
      name: "Build release assets",
      needs: [verify],
      "runs-on": resolved.runsOn,
      "timeout-minutes": 30,
      steps: [
        checkoutStep(),
        ...resolved.build.steps,
        { name: "Keep the assets", uses: pinnedAction("actions/upload-artifact"), with: { name: "release-assets", path: "dist/", "if-no-files-found": "error" } },
      ],
    });
    releaseNeeds.push(jobs.build);
  }
  if (resolved.images) {
    const prefix = resolved.images.repositoryPrefix.replace(/\/+$/, "");
    jobs.images = job({
      name: "Tag images",
      needs: [verify],
      "runs-on": resolved.runsOn,
      permissions: grant({ packages: "write" }),
      "timeout-minutes": 15,
      steps: [
        { name: "Set up Buildx", uses: pinnedAction("docker/setup-buildx-action") },
        { name: `Log in to ${prefix.split("/")[0]}`, uses: pinnedAction("docker/login-action"), with: { registry: prefix.split("/")[0]!, username: github.actor, password: "${{ secrets.GITHUB_TOKEN }}" } },
        { name: "Add the version tag to the digests built from this commit", env: { PREFIX: prefix, IMAGES: resolved.images.names.join(" "), VERSION: github.ref_name }, run: RETAG_SCRIPT },
      ],
    });
    releaseNeeds.push(jobs.images);
  }
  const assets = resolved.build
    ? [{ name: "Fetch the assets", uses: pinnedAction("actions/download-artifact"), with: { name: "release-assets", path: "dist" } }]
    : [];
  jobs.release = job({
    name: "GitHub release",
    needs: releaseNeeds,
    "runs-on": resolved.runsOn,
    permissions: grant({ contents: "write" }),
    "timeout-minutes": 10,
    steps: [
      ...assets,
      {
        name: "Publish the release",
        uses: pinnedAction("softprops/action-gh-release"),
        with: { generate_release_notes: true, ...(resolved.build ? { files: "dist/**", fail_on_unmatched_files: true } : {}) },
      },
    ],
  });
  return templateWorkflow(resolved.file, {
    name: resolved.name,
    on: onReleaseTags(resolved.tagPattern),
    permissions: readOnlyPermissions(),
    concurrency: releaseConcurrency(),
    jobs,
  }, resolved);
}

const VERIFY_ON_TRUNK_SCRIPT = `set -euo pipefail
if ! git merge-base --is-ancestor "$GITHUB_SHA" "origin/$TRUNK"; then
  echo "::error title=Tag not on $TRUNK::$TAG points at $GITHUB_SHA, which is not on $TRUNK; releases are cut from $TRUNK"
  exit 1
fi
echo "$TAG ($GITHUB_SHA) is on $TRUNK"
`;

// imagetools create copies a manifest list under a new tag without pulling or rebuilding anything.
const RETAG_SCRIPT = `set -euo pipefail
for name in $IMAGES; do
  source="$PREFIX/$name:sha-$GITHUB_SHA"
  if ! docker buildx imagetools inspect "$source" > /dev/null; then
    echo "::error title=Image not built::$source does not exist: the image workflow builds only commits that change an image; run it on this tag by hand, then re-run this release"
    exit 1
  fi
  docker buildx imagetools create --tag "$PREFIX/$name:$VERSION" "$source"
  echo "$PREFIX/$name:$VERSION -> $(docker buildx imagetools inspect "$source" --format '{{json .Manifest.Digest}}')" >> "$GITHUB_STEP_SUMMARY"
done
`;
