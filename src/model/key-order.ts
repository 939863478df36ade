/**
 * The canonical key order of every structural mapping in a workflow. Keys a table does not list
 * follow the listed ones alphabetically, so the output never depends on how an author ordered
 * an object. Mappings whose keys the author names (jobs, env, with, inputs, matrix variables…)
 * keep the author's order: that order is deliberate and carries no meaning GitHub would read.
 */
export const KEY_ORDER = {
  workflow: ["name", "run-name", "on", "permissions", "env", "defaults", "concurrency", "jobs"],
  job: [
    "name", "needs", "if", "runs-on", "environment", "permissions", "concurrency", "timeout-minutes",
    "continue-on-error", "strategy", "outputs", "env", "defaults", "container", "services", "uses",
    "with", "secrets", "steps",
  ],
  step: [
    "name", "id", "if", "uses", "with", "run", "shell", "working-directory", "env",
    "continue-on-error", "timeout-minutes",
  ],
  trigger: ["types", "branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore", "workflows"],
  workflowCall: ["inputs", "outputs", "secrets"],
  input: ["description", "required", "type", "default", "options"],
  output: ["description", "value"],
  concurrency: ["group", "cancel-in-progress"],
  strategy: ["matrix", "fail-fast", "max-parallel"],
  matrix: ["include", "exclude"],
  container: ["image", "credentials", "env", "ports", "volumes", "options"],
  environment: ["name", "url"],
  defaults: ["run"],
  defaultsRun: ["shell", "working-directory"],
  schedule: ["cron"],
  // an action's metadata (action.yml), in the order GitHub's documentation lists its keys
  action: ["name", "author", "description", "inputs", "outputs", "runs", "branding"],
  actionInput: ["description", "required", "default", "deprecationMessage"],
  actionRuns: ["using", "image", "main", "pre", "pre-if", "pre-entrypoint", "entrypoint", "args", "env", "steps", "post", "post-if", "post-entrypoint"],
} as const satisfies Record<string, readonly string[]>;

/** One of the structural contexts listed in {@link KEY_ORDER}. */
export type KeyOrderContext = keyof typeof KEY_ORDER;

const RANKS = new Map<KeyOrderContext, Map<string, number>>(
  Object.entries(KEY_ORDER).map(([context, keys]) => [
    context as KeyOrderContext,
    new Map(keys.map((key, index) => [key, index])),
  ]),
);

/** Sorts the keys of a structural mapping: listed keys first in table order, then the rest A–Z. */
export function orderKeys(keys: readonly string[], context: KeyOrderContext): string[] {
  const rank = RANKS.get(context)!;
  return [...keys].sort((a, b) => {
    const rankA = rank.get(a) ?? Infinity;
    const rankB = rank.get(b) ?? Infinity;
    if (rankA !== rankB) return rankA - rankB;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}
