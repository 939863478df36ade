import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json, JsonObject } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { type StepAt, stepsWithin } from "./_nested-steps.js";
import { parseUses } from "./_uses.js";
import type { JobView, WorkflowView } from "./_workflow-view.js";
import { isObject } from "./_workflow-view.js";

// Setup actions that cache when their input says so (`cache: npm`, `bundler-cache: true`), by
// `owner/repo` lowercased; the value is the input.
const CACHE_INPUTS: Readonly<Record<string, string>> = {
  "actions/setup-node": "cache",
  "actions/setup-python": "cache",
  "actions/setup-java": "cache",
  "actions/setup-dotnet": "cache",
  "ruby/setup-ruby": "bundler-cache",
  "astral-sh/setup-uv": "enable-cache",
};
// Actions that cache unless told not to.
const CACHE_BY_DEFAULT: Readonly<Record<string, string | undefined>> = {
  "actions/cache": undefined,
  "swatinem/rust-cache": undefined,
  "actions/setup-go": "cache",
};
// Actions and commands that publish something others will run.
const PUBLISHING_ACTIONS = new Set([
  "pypa/gh-action-pypi-publish", "softprops/action-gh-release", "ncipollo/release-action", "goreleaser/goreleaser-action",
  "js-devtools/npm-publish", "rubygems/release-gem", "actions/create-release", "svenstaro/upload-release-action",
]);
const PUBLISHING_COMMAND = /\b(npm|pnpm|yarn|cargo|uv|poetry|hatch|flit)\s+(npm\s+)?publish\b|\btwine\s+upload\b|\bgem\s+push\b|\bgh\s+release\s+(create|upload)\b|\bdocker\s+push\b|\bgoreleaser\b/;

export default defineRule({
  id: "cache-poisoning",
  severity: "warning",
  summary: "A release, tag or privileged workflow restores a cache that less trusted runs can write.",
  docs: {
    why: `Caches are shared: a run on a tag or on the default branch restores entries that any workflow of the
default branch saved, and \`pull_request_target\` and \`workflow_run\` save into the default branch's
scope while handling a fork's pull request. One compromised or tricked run that writes a cache entry
— a poisoned \`node_modules\`, a replaced compiler in \`~/.cargo\` — then runs inside the job that
builds and publishes your release, with its tokens.
Caching saves minutes; a release is built rarely and should be built from scratch.
See [caching dependencies: restrictions for accessing a cache](https://docs.github.com/actions/reference/workflows-and-actions/dependency-caching#restrictions-for-accessing-a-cache)
and [the Monsters in Your Build Cache](https://adnanthekhan.com/2024/05/06/the-monsters-in-your-build-cache-github-actions-cache-poisoning/).`,
    invalid: `on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          persist-credentials: false
      - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020
        with:
          node-version: 22
          cache: npm
      - run: npm ci && npm publish --provenance
`,
    valid: `on:
  push:
    tags: ["v*"]
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          persist-credentials: false
      - uses: actions/setup-node@820762786026740c76f36085b0efc47a31fe5020
        with:
          node-version: 22
      - run: npm ci && npm publish --provenance
`,
    fix: "Drop the cache from release and publishing jobs: remove `actions/cache`, the `cache:` input of `setup-*` actions, or set `cache: false` on `actions/setup-go`. In `pull_request_target` and `workflow_run` workflows, do not cache at all.\n\nA workflow is checked when it runs on `release`, on tag pushes, on `pull_request_target` or on `workflow_run`; any other job is checked when it publishes: a step of `pypa/gh-action-pypi-publish`, `softprops/action-gh-release`, `goreleaser`, … or a script with `npm publish`, `twine upload`, `cargo publish`, `gem push`, `gh release create`, `docker push`.",
  },
  job({ job, workflow, report }) {
    const reason = privilegedTrigger(workflow) ?? (publishes(job) ? `job "${job.id}" publishes` : undefined);
    if (!reason) return;
    for (const step of job.steps) {
      for (const at of stepsWithin(step)) {
        const cache = cacheOf(at);
        if (!cache) continue;
        report({
          path: cache.path,
          message: `${reason}, and this step restores a cache (${cache.what}) that other, less trusted runs can write`,
          hint: cache.fix,
        });
      }
    }
  },
});

function privilegedTrigger(workflow: WorkflowView): string | undefined {
  if (workflow.triggers.has("pull_request_target")) return "this workflow runs on pull_request_target";
  if (workflow.triggers.has("workflow_run")) return "this workflow runs on workflow_run";
  if (workflow.triggers.has("release")) return "this workflow builds releases";
  const push = workflow.triggers.get("push");
  if (push?.config && (push.config["tags"] !== undefined || push.config["tags-ignore"] !== undefined)) return "this workflow runs on tag pushes";
  return undefined;
}

function publishes(job: JobView): boolean {
  return job.steps.some((step) =>
    stepsWithin(step).some((at) => {
      const name = actionName(at.raw);
      if (name && PUBLISHING_ACTIONS.has(name)) return true;
      if (name === "docker/build-push-action" && isObject(at.raw["with"]) && isTrue(at.raw["with"]["push"])) return true;
      const run = at.raw["run"];
      return typeof run === "string" && PUBLISHING_COMMAND.test(run);
    }),
  );
}

function cacheOf(at: StepAt): { path: WorkflowPath; what: string; fix: string } | undefined {
  const name = actionName(at.raw);
  if (!name) return undefined;
  const inputs = isObject(at.raw["with"]) ? at.raw["with"] : {};
  const input = CACHE_INPUTS[name];
  if (input !== undefined) {
    const key = inputKey(inputs, input);
    if (key === undefined || !enables(inputs[key])) return undefined;
    return { path: [...at.path, "with", key], what: `${name} with ${input}: ${String(inputs[key])}`, fix: `remove ${input}: from this step` };
  }
  if (name in CACHE_BY_DEFAULT) {
    const off = CACHE_BY_DEFAULT[name];
    const key = off === undefined ? undefined : inputKey(inputs, off);
    if (key !== undefined && !enables(inputs[key])) return undefined;
    return off === undefined
      ? { path: [...at.path, "uses"], what: name, fix: "remove this step" }
      : { path: [...at.path, key === undefined ? "uses" : "with", ...(key === undefined ? [] : [key])], what: `${name}, which caches by default`, fix: `set ${off}: false on this step` };
  }
  return undefined;
}

function actionName(raw: JsonObject): string | undefined {
  const uses = raw["uses"];
  const target = typeof uses === "string" ? parseUses(uses) : undefined;
  if (target?.kind !== "remote") return undefined;
  const name = `${target.owner}/${target.repo}`.toLowerCase();
  // actions/cache/restore and actions/cache/save are the cache too
  return target.subpath === "" || name === "actions/cache" ? name : undefined;
}

function inputKey(inputs: JsonObject, input: string): string | undefined {
  return Object.keys(inputs).find((key) => key.toLowerCase() === input);
}

// An input that turns caching on: a package manager name or true; '' and false turn it off.
function enables(value: Json | undefined): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  return !(typeof value === "string" && value.trim().toLowerCase() === "false");
}

function isTrue(value: Json | undefined): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}
