import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { parseUses } from "./_uses.js";
import { isObject } from "./_workflow-view.js";

export default defineRule({
  id: "unpinned-image",
  severity: "warning",
  summary: "A container, service or `docker://` image is used by tag instead of by digest.",
  docs: {
    why: `An image tag (\`postgres:16\`, \`node:20\`) is moved whenever the image is rebuilt, so the job runs other
software than it was tested with, and a compromised registry account changes it silently. A digest
(\`@sha256:…\`) names exactly one image.
See [\`jobs.<job_id>.container.image\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idcontainerimage).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres:16
    steps:
      - run: make test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    services:
      db:
        image: postgres:16@sha256:4f84c9e8d3b9d6c0b0c3d1a8d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3
    steps:
      - run: make test
`,
    fix: "Append the digest the tag points to today, keeping the tag for readers: `postgres:16@sha256:<digest>`; `docker buildx imagetools inspect postgres:16` prints it.",
  },
  job({ job, path, report }) {
    const container = job.raw["container"];
    if (typeof container === "string") check(container, [...path, "container"], "the job's container", report);
    else if (isObject(container)) check(container["image"], [...path, "container", "image"], "the job's container", report);
    const services = job.raw["services"];
    if (isObject(services)) {
      for (const [name, service] of Object.entries(services)) {
        if (isObject(service)) check(service["image"], [...path, "services", name, "image"], `service "${name}"`, report);
      }
    }
  },
  step({ step, path, report }) {
    const target = step.uses === undefined ? undefined : parseUses(step.uses);
    if (target?.kind === "docker") check(target.image, [...path, "uses"], "this step", report);
  },
});

function check(image: Json | undefined, path: WorkflowPath, owner: string, report: (finding: Finding) => void): void {
  if (typeof image !== "string" || image === "" || image.includes("${{") || image.includes("@sha256:")) return;
  report({
    path,
    message: `${owner} runs image "${image}" by tag, which moves whenever the image is rebuilt or replaced`,
    hint: `pin its digest: ${image}@sha256:<digest>`,
  });
}
