import type * as GitHub from "../types/index.js";
import { type Context, contextOf } from "./_context.js";

// A documented subset of GitHub's webhook payloads, for the events workflows most often read.
// https://docs.github.com/webhooks/webhook-events-and-payloads
// TODO: narrow `github.event` to the workflow's triggers, and cover more events (#10)

interface User {
  login: string;
  id: number;
  type: string;
}

interface Repository {
  id: number;
  name: string;
  full_name: string;
  owner: User;
  private: boolean;
  html_url: string;
  default_branch: string;
  fork: boolean;
}

interface GitRef {
  ref: string;
  sha: string;
  label: string;
  repo: Repository;
}

interface PullRequest {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  html_url: string;
  user: User;
  head: GitRef;
  base: GitRef;
  labels: readonly { name: string }[];
}

interface Commit {
  id: string;
  message: string;
  timestamp: string;
  url: string;
  author: { name: string; email: string; username: string };
}

interface Release {
  id: number;
  tag_name: string;
  name: string;
  body: string;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  target_commitish: string;
}

interface EventCommon {
  action: string;
  sender: User;
  repository: Repository;
}

/** The documented subset of each event's payload, by the trigger's name in `on`. */
export interface EventPayloads {
  pull_request: EventCommon & { number: number; pull_request: PullRequest };
  pull_request_target: EventCommon & { number: number; pull_request: PullRequest };
  push: EventCommon & { ref: string; before: string; after: string; created: boolean; deleted: boolean; forced: boolean; compare: string; commits: readonly Commit[]; head_commit: Commit; pusher: { name: string; email: string } };
  workflow_dispatch: EventCommon & { ref: string; workflow: string; inputs: { readonly [name: string]: string } };
  release: EventCommon & { release: Release };
}

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** `github.event` for a workflow whose triggers are `Events`: the fields of their payloads (all of them, for any). */
export type GitHubEvent<Events extends string = keyof EventPayloads> = EventCommon & UnionToIntersection<EventPayloads[Events & keyof EventPayloads]>;

/** The `github` context: the run, the repository and the event that started it. */
export interface GitHubContext<Event = GitHubEvent> {
  action: string;
  action_path: string;
  action_ref: string;
  action_repository: string;
  actor: string;
  actor_id: string;
  api_url: string;
  base_ref: string;
  env: string;
  event: Event;
  event_name: string;
  event_path: string;
  graphql_url: string;
  head_ref: string;
  job: string;
  path: string;
  ref: string;
  ref_name: string;
  ref_protected: boolean;
  ref_type: "branch" | "tag";
  repository: string;
  repository_id: string;
  repository_owner: string;
  repository_owner_id: string;
  repositoryUrl: string;
  retention_days: string;
  run_attempt: string;
  run_id: string;
  run_number: string;
  secret_source: string;
  server_url: string;
  sha: string;
  token: string;
  triggering_actor: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  workspace: string;
}

/**
 * The `github` context, typed: `github.event.pull_request.number` → `${{ github.event.pull_request.number }}`.
 * @see https://docs.github.com/actions/learn-github-actions/contexts#github-context
 */
export const github: Context<"github", GitHubContext> = contextOf("github");

type TriggerNames<On> = On extends string ? On : On extends readonly (infer E)[] ? E & string : keyof On & string;

/**
 * The `github` context of a workflow with the triggers `on`: `github.event` has only the fields the
 * payloads of those triggers document, so reading `github.event.release` in a pull_request workflow
 * is a type error.
 */
export function githubOf<const On extends GitHub.On>(on: On): Context<"github", GitHubContext<GitHubEvent<TriggerNames<On>>>> {
  void on; // only its type matters
  return contextOf("github");
}
