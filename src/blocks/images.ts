import type { GeneratedWorkflowTypes as GW } from "@github-actions-workflow-ts/lib";

// Images are consumed by digest: a tag can be moved to other bytes, a digest cannot. A moving tag
// such as `:main` exists only on the producer side, as the channel automation resolves to a digest.
// https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainerimage

/** An image digest: `sha256:` and 64 lowercase hex digits. */
export type ImageDigest = `sha256:${string}`;

/** An image reference pinned by digest: `registry/name[:tag]@sha256:<64 hex>`. */
export type PinnedImage = `${string}@sha256:${string}`;

/** A moving producer tag such as `ghcr.io/acme/app:main`: something to push to, never to run. */
export type ChannelTag = `${string}:${string}` & { readonly __channel: true };

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * Checks and returns an image reference pinned by digest; throws for anything else, so a job can
 * never run an image someone can swap under it.
 * @example pinnedImage("ghcr.io/ameideio/ameide-ci@sha256:<64 hex digits>")
 */
export function pinnedImage(reference: PinnedImage): PinnedImage {
  const at = reference.lastIndexOf("@");
  const digest = reference.slice(at + 1);
  const name = reference.slice(0, at).replace(/:[\w][\w.-]{0,127}$/, "");
  if (at < 0 || !DIGEST.test(digest)) throw new Error(`image "${reference}" is not pinned: end it with @sha256: and the 64 hex digits of its digest`);
  if (!REPOSITORY.test(name)) throw new Error(`image "${reference}" does not name a repository (lowercase registry/path)`);
  return reference;
}

/** Joins a repository and a digest into a pinned reference: `imageAt("ghcr.io/a/b", "sha256:…")`. */
export function imageAt(repository: string, digest: ImageDigest): PinnedImage {
  return pinnedImage(`${repository}@${digest}`);
}

/**
 * The producer's moving channel tag, e.g. `ghcr.io/ameideio/ameide:main`: CD pushes it, GitOps
 * automation resolves it to a digest. Its type is not a {@link PinnedImage}, so it cannot be run.
 */
export function channelTag(repository: string, channel = "main"): ChannelTag {
  if (!REPOSITORY.test(repository)) throw new Error(`channelTag: "${repository}" is not an image repository (lowercase registry/path)`);
  return `${repository}:${channel}` as ChannelTag;
}

/** A job container whose image is pinned by digest. */
export type PinnedContainer = Omit<GW.JobContainer, "image"> & { image: PinnedImage };
/** A service container whose image is pinned by digest. */
export type PinnedService = Omit<GW.ServiceContainer, "image"> & { image: PinnedImage };

/**
 * A job's `container:` with a digest-pinned image (checked).
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idcontainer
 */
export function container(spec: PinnedContainer): GW.JobContainer {
  return { ...spec, image: pinnedImage(spec.image) };
}

/**
 * A job's service container (`services.<id>`) with a digest-pinned image (checked).
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#jobsjob_idservices
 */
export function service(spec: PinnedService): GW.ServiceContainer {
  return { ...spec, image: pinnedImage(spec.image) };
}
