import { jobContainers } from "./_containers.js";
import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { possibleTemplateValues } from "./_expression-values.js";
import { matrixValues } from "./_matrix.js";
import { parseUses } from "./_uses.js";
import { type JobView, isObject } from "./_workflow-view.js";

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
    severity: "An image by tag (`postgres:16`) is a **warning**; an image with no version at all (`postgres`, `postgres:latest`) is an **error**, since it changes with every release of the image. A level set in `trunkline.config.ts` applies to both.",
    fix: "Append the digest the tag points to today, keeping the tag for readers: `postgres:16@sha256:<digest>`; `docker buildx imagetools inspect postgres:16` prints it.\n\nAn image without a tag (`node`) or tagged `latest` is the worst case — it changes with every release of the image — and the message says so: it is an error, where an image by tag is a warning. An image from a matrix (`image: ${{ matrix.image }}`) is checked for each value the matrix gives it; one computed otherwise is not known, and not reported.",
  },
  job({ job, report }) {
    for (const { value, path, label } of jobContainers(job)) {
      if (typeof value === "string") check(job, value, path, label, report);
      else if (isObject(value)) check(job, value["image"], [...path, "image"], label, report);
    }
  },
  step({ step, job, path, report }) {
    const target = step.uses === undefined ? undefined : parseUses(step.uses);
    if (target?.kind === "docker") check(job, target.image, [...path, "uses"], "this step", report);
  },
});

function check(job: JobView, image: Json | undefined, path: WorkflowPath, owner: string, report: (finding: Finding) => void): void {
  if (typeof image !== "string" || image === "") return;
  // `${{ matrix.image }}`: each value the matrix gives it; anything else is not known here
  const images = image.includes("${{") ? possibleTemplateValues(image, (reference) => (reference.root === "matrix" ? matrixValues(job, reference.segments) : undefined)) : [image];
  if (!images) return;
  const unpinned = [...new Set(images.filter((value): value is string => typeof value === "string" && value !== "" && !value.includes("@sha256:")))];
  if (unpinned.length === 0) return;
  const floating = unpinned.filter((value) => { const tag = tagOf(value); return tag === undefined || tag === "latest"; });
  const named = unpinned.map((value) => `"${value}"`).join(", ");
  report({
    path,
    message:
      floating.length > 0
        ? `${owner} runs image ${named}; ${floating.map((value) => `"${value}"`).join(", ")} has no version (no tag, or latest), so it changes with every release of the image`
        : `${owner} runs image ${named} by tag, which moves whenever the image is rebuilt or replaced`,
    // no version at all changes with every release: graver than a tag, which moves only on a rebuild
    ...(floating.length > 0 ? { severity: "error" as const } : {}),
    hint: `pin its digest: ${unpinned[0]}${tagOf(unpinned[0]!) === undefined ? ":<version>" : ""}@sha256:<digest>`,
  });
}

// The tag of an image reference: after the last `:` of its last path segment (a `:` before that
// is a registry port); undefined when it has none.
function tagOf(image: string): string | undefined {
  const name = image.split("@")[0]!;
  const last = name.slice(name.lastIndexOf("/") + 1);
  const colon = last.lastIndexOf(":");
  return colon < 0 ? undefined : last.slice(colon + 1);
}
