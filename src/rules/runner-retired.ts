import { defineRule } from "./_define-rule.js";
import { DEFAULT_SELF_HOSTED_LABELS, RETIRED_IMAGES, retiredImage, runnerRequest } from "./_runners.js";

const RETIRED_LIST = [...RETIRED_IMAGES].map(([image, facts]) => `\`${image}\` (${facts.retired})`).join(", ");

export default defineRule({
  id: "runner-retired",
  severity: "error",
  summary: "A job asks for a GitHub-hosted runner image that GitHub has retired, so it never starts.",
  docs: {
    why: `GitHub keeps the two newest versions of each hosted image and retires the older ones; after the
retirement date a job that asks for the label fails (or waits for a runner that never comes).
Retired so far, with the date jobs stopped running: ${RETIRED_LIST}. Each was announced in
[actions/runner-images](https://github.com/actions/runner-images/issues) (for instance
[ubuntu-20.04](https://github.com/actions/runner-images/issues/11101),
[windows-2019](https://github.com/actions/runner-images/issues/12045),
[macos-13](https://github.com/actions/runner-images/issues/13046)); the size variants
(\`macos-13-large\`, \`macos-12-xlarge\`) went with their image.
See [GitHub-hosted runners](https://docs.github.com/actions/reference/runners/github-hosted-runners#standard-github-hosted-runners-for-public-repositories) for the labels GitHub runs today.
A \`runs-on\` that also asks for \`self-hosted\`, or a label listed in \`lint.selfHostedLabels\`, is your own runner's label and not reported.`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-20.04
    steps:
      - run: make
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: make
`,
    fix: "Move to a current image: `ubuntu-24.04` (or `ubuntu-latest`), `windows-2025`, `macos-15` (`macos-15-intel` for x64). Values in the matrix that feed `runs-on` are followed and reported at `runs-on`.",
  },
  job({ job, project, report }) {
    const request = runnerRequest(job);
    if (!request || request.hasGroup) return;
    const selfHosted = new Set([...(project.selfHostedLabels ?? [])]);
    const reported = new Set<string>();
    for (const labels of request.labelSets) {
      // a self-hosted runner may carry any label, an old image name included
      if (labels.some(({ label }) => label.toLowerCase() === "self-hosted")) continue;
      for (const { label, path } of labels) {
        const retired = selfHosted.has(label.toLowerCase()) || DEFAULT_SELF_HOSTED_LABELS.has(label.toLowerCase()) ? undefined : retiredImage(label);
        const key = `${label}\0${path.join("\0")}`;
        if (!retired || reported.has(key)) continue;
        reported.add(key);
        report({
          path,
          message: `runs-on "${label}" is a GitHub-hosted image retired on ${retired.facts.retired}: the job never gets a runner`,
          hint: `use ${retired.facts.replacement}`,
        });
      }
    }
  },
});
