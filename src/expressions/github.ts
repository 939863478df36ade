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

/** `github.event` for `pull_request`, `pull_request_target`, `push`, `workflow_dispatch` and `release`: what their payloads document. */
export interface GitHubEvent {
  action: string;
  sender: User;
  repository: Repository;
  /** pull_request, pull_request_target */
  number: number;
  /** pull_request, pull_request_target */
  pull_request: PullRequest;
  /** push, workflow_dispatch */
  ref: string;
  /** push */
  before: string;
  /** push */
  after: string;
  /** push */
  created: boolean;
  /** push */
  deleted: boolean;
  /** push */
  forced: boolean;
  /** push */
  compare: string;
  /** push */
  commits: readonly Commit[];
  /** push */
  head_commit: Commit;
  /** push */
  pusher: { name: string; email: string };
  /** workflow_dispatch */
  inputs: { readonly [name: string]: string };
  /** workflow_dispatch */
  workflow: string;
  /** release */
  release: Release;
}

/** The `github` context: the run, the repository and the event that started it. */
export interface GitHubContext {
  action: string;
  action_path: string;
  action_ref: string;
  action_repository: string;
  actor: string;
  actor_id: string;
  api_url: string;
  base_ref: string;
  env: string;
  event: GitHubEvent;
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
