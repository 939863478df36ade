import { onPush, type Triggers } from "./triggers.js";

/** A release tag pattern: releases are `v`-prefixed versions (`v*`, `v[0-9]+.[0-9]+.[0-9]+`). */
export type ReleaseTagPattern = `v${string}`;

/**
 * Tag-only releases: the workflow runs when a `v*` tag is pushed, and never for a branch push (a
 * `push` trigger with only `tags` ignores branches). A release is a deliberate act, not a merge.
 * @see https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore
 */
export function onReleaseTags(pattern: ReleaseTagPattern = "v*"): Pick<Triggers, "push"> {
  return onPush({ tags: [pattern] });
}

/** True when the run is for a pushed `v*` tag; use it to keep publishing steps to releases. */
export const IS_RELEASE_TAG = "startsWith(github.ref, 'refs/tags/v')";
