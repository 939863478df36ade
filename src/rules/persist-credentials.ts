import type { Json } from "../model/json.js";
import { defineRule } from "./_define-rule.js";
import { isCheckout } from "./_uses.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "persist-credentials",
  severity: "warning",
  summary: "`actions/checkout` leaves the token in `.git/config` in a job whose token can write.",
  docs: {
    why: `By default \`actions/checkout\` writes \`GITHUB_TOKEN\` into \`.git/config\` so later git commands can push.
Every later step — build scripts, dependencies' install hooks, an uploaded artifact of the workspace
— can read it from there, and with write permissions it can push code or publish.
See [actions/checkout \`persist-credentials\`](https://github.com/actions/checkout#usage).`,
    invalid: `on: push
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
      - run: make release
`,
    valid: `on: push
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1
        with:
          persist-credentials: false
      - run: make release
`,
    fix: "Set `with: { persist-credentials: false }` on the checkout, and give the token to the one step that pushes (e.g. `git push https://x-access-token:${TOKEN}@github.com/…`).",
  },
  step({ step, job, workflow, path, report }) {
    if (!isCheckout(step.uses)) return;
    const persist = isObject(step.raw["with"]) ? step.raw["with"]["persist-credentials"] : undefined;
    if (persist === false || persist === "false") return;
    const scopes = writeScopes(job.raw["permissions"] ?? workflow.raw["permissions"]);
    if (scopes.length === 0) return;
    report({
      path: [...path, "uses"],
      message: `this checkout keeps the job's token in .git/config, where every later step can read it, and the token can write ${scopes.join(", ")}`,
      hint: "set with: { persist-credentials: false }",
    });
  },
});

// Scopes the persisted GITHUB_TOKEN can write; id-token only mints OIDC tokens, it is not the token's.
function writeScopes(permissions: Json | undefined): string[] {
  if (permissions === "write-all") return ["everything"];
  if (!isObject(permissions)) return [];
  return Object.entries(permissions)
    .filter(([scope, level]) => level === "write" && scope !== "id-token")
    .map(([scope]) => scope);
}
