// What rules know of the shape of contexts: the properties of `github` and which references hold an
// object rather than a string. From https://docs.github.com/actions/reference/workflows-and-actions/contexts
import type { Reference } from "./_expressions.js";

/** What a context value is: an object (or list), a string, or a boolean. */
export type ValueKind = "object" | "string" | "boolean";

/** The properties of the `github` context, lowercased, and the kind of each value. */
export const GITHUB_PROPERTIES: ReadonlyMap<string, ValueKind> = new Map<string, ValueKind>([
  ...[
    "action", "action_path", "action_ref", "action_repository", "action_status", "actor", "actor_id", "api_url", "base_ref", "env",
    "event_name", "event_path", "graphql_url", "head_ref", "job", "path", "ref", "ref_name", "ref_type", "repository", "repository_id",
    "repository_owner", "repository_owner_id", "repositoryurl", "retention_days", "run_attempt", "run_id", "run_number", "secret_source",
    "server_url", "sha", "token", "triggering_actor", "workflow", "workflow_ref", "workflow_sha", "workspace",
  ].map((name) => [name, "string"] as const),
  ["event", "object"],
  ["ref_protected", "boolean"],
]);

// Contexts that are objects as a whole (`needs`, not `needs.build.result`).
const OBJECT_ROOTS = new Set(["github", "env", "vars", "secrets", "needs", "steps", "matrix", "strategy", "runner", "inputs", "job", "jobs"]);
// Webhook payload properties that hold objects or lists, under `github.event`.
const EVENT_OBJECTS = new Set(["pull_request", "repository", "sender", "head_commit", "issue", "release", "comment", "review", "workflow_run", "inputs", "organization", "commits", "pusher", "deployment", "check_run", "check_suite", "discussion", "label", "milestone", "project"]);
// Under `github.event.pull_request` (and issue): objects and lists.
const PULL_REQUEST_OBJECTS = new Set(["head", "base", "user", "labels", "assignees", "requested_reviewers", "milestone"]);

/**
 * Whether a reference surely holds an object or a list: a whole context (`github`, `needs`), an
 * entry of `needs` or `steps` or their `outputs`, `github.event` and the payload's well-known objects
 * (`github.event.pull_request`, `github.event.pull_request.labels`, …).
 */
export function isObjectReference(reference: Reference): boolean {
  const { root, segments } = reference;
  if (segments.some((segment) => segment === null || segment === "*")) return false;
  if (segments.length === 0) return OBJECT_ROOTS.has(root);
  if (root === "needs" || root === "steps") return segments.length === 1 || (segments.length === 2 && segments[1] === "outputs");
  if (root !== "github" || segments[0] !== "event") return false;
  if (segments.length === 1) return true;
  if (segments.length === 2) return EVENT_OBJECTS.has(segments[1]!);
  return segments.length === 3 && (segments[1] === "pull_request" || segments[1] === "issue") && PULL_REQUEST_OBJECTS.has(segments[2]!);
}

// Payload values that are lists, not objects: `commits`, a pull request's `labels`.
const EVENT_LISTS = new Set(["commits", "pull_requests"]);
const PULL_REQUEST_LISTS = new Set(["labels", "assignees", "requested_reviewers"]);

/** Whether a reference surely holds a list: a `.*` filter, or one of the payload's well-known lists. */
export function isListReference(reference: Reference): boolean {
  const { root, segments } = reference;
  if (segments.at(-1) === "*") return true;
  if (root !== "github" || segments[0] !== "event" || segments.some((segment) => segment === null || segment === "*")) return false;
  if (segments.length === 2) return EVENT_LISTS.has(segments[1]!);
  if (segments.length === 3 && segments[1] === "workflow_run") return segments[2] === "pull_requests";
  return segments.length === 3 && (segments[1] === "pull_request" || segments[1] === "issue") && PULL_REQUEST_LISTS.has(segments[2]!);
}
