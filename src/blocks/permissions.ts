import type { PermissionsMapping } from "../types/index.js";

// Least privilege: the workflow's token reads only; each job that needs more asks for it by name.
// https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token

/** A `permissions:` mapping of scopes to `read`, `write` or `none`, as GitHub's definition allows each scope. */
export type PermissionsSpec = PermissionsMapping;

/** For the top of a workflow: the token can read the repository and nothing else. */
export function readOnlyPermissions(): PermissionsSpec {
  return { contents: "read" };
}

/** For a job that needs no token at all (a gate that only reads `needs`). */
export function noPermissions(): PermissionsSpec {
  return {};
}

/**
 * For one job: read access to the repository plus the named grants. A job's `permissions` replace the
 * workflow's, so `contents: read` is repeated here unless the grant overrides it.
 * @example permissions: grant({ packages: "write" }) // { contents: "read", packages: "write" }
 */
export function grant(extra: PermissionsSpec): PermissionsSpec {
  return { contents: "read", ...extra };
}
