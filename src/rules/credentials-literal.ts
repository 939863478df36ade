import { jobContainers } from "./_containers.js";
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "credentials-literal",
  severity: "warning",
  summary: "A container or service registry password is written in the workflow instead of read from a secret.",
  docs: {
    why: `\`credentials.password\` of a job container or a service logs in to the image registry. Written in
the workflow, the password is in the repository for everyone who can read it, in every fork and
clone, and in the history after it is changed; GitHub masks only values that come from secrets.
See [\`jobs.<job_id>.container.credentials\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idcontainercredentials)
and [using secrets](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/use-secrets).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/octo-org/build:1@sha256:4f84c9e8d3b9d6c0b0c3d1a8d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3
      credentials:
        username: octo-bot
        password: hunter2
    steps:
      - run: make test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: ghcr.io/octo-org/build:1@sha256:4f84c9e8d3b9d6c0b0c3d1a8d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3
      credentials:
        username: octo-bot
        password: \${{ secrets.REGISTRY_TOKEN }}
    steps:
      - run: make test
`,
    fix: "Store the password as a secret and read it: `password: ${{ secrets.REGISTRY_TOKEN }}` (for GHCR, `${{ secrets.GITHUB_TOKEN }}` with `packages: read`). Then change the password that was written down: it stays in the history.",
  },
  job({ job, report }) {
    for (const { value, path, label } of jobContainers(job)) if (isObject(value)) check(value["credentials"], [...path, "credentials"], label, report);
  },
});

function check(credentials: Json | undefined, path: WorkflowPath, owner: string, report: (finding: Finding) => void): void {
  if (!isObject(credentials)) return;
  const password = credentials["password"];
  // any expression is taken as a read of a secret or variable: where it comes from is not followed
  if (password === undefined || password === null || password === "" || (typeof password === "string" && password.includes("${{"))) return;
  report({
    path: [...path, "password"],
    message: `${owner} has its registry password written in the workflow, readable by everyone who can read the repository`,
    hint: "store it as a secret and write password: ${{ secrets.<NAME> }}; then change the password, which stays in the history",
  });
}
