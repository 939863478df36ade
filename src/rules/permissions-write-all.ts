import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";

export default defineRule({
  id: "permissions-write-all",
  severity: "error",
  summary: "`permissions: write-all` gives the token write access to everything.",
  docs: {
    why: `\`write-all\` lets any step — and any action it runs — push code, change releases, packages and
settings reachable by \`GITHUB_TOKEN\`. A job needs a few scopes; grant those.
See [\`permissions\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#permissions).`,
    invalid: `on: push
permissions: write-all
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: make release
`,
    valid: `on: push
permissions:
  contents: write
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: make release
`,
    fix: "List the scopes the job uses, e.g. `permissions: { contents: write }`, on the job that needs them.",
  },
  workflow({ workflow, report }) {
    check(workflow.raw["permissions"], ["permissions"], "the workflow", report);
  },
  job({ job, path, report }) {
    check(job.raw["permissions"], [...path, "permissions"], `job "${job.id}"`, report);
  },
});

function check(permissions: Json | undefined, path: WorkflowPath, owner: string, report: (finding: Finding) => void): void {
  if (permissions !== "write-all") return;
  report({ path, message: `${owner} gives its token write-all permissions`, hint: "list only the scopes needed, e.g. permissions: { contents: write }" });
}
