import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { DEFAULT_SELF_HOSTED_LABELS, GITHUB_HOSTED_LABEL, retiredImage, runnerRequest } from "./_runners.js";

// Labels to suggest for a typo: the current hosted ones.
const HOSTED_SUGGESTIONS = ["ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-24.04-arm", "ubuntu-22.04-arm", "ubuntu-slim", "windows-latest", "windows-2025", "windows-2022", "windows-11-arm", "macos-latest", "macos-26", "macos-15", "macos-14", "macos-15-intel"];

export default defineRule({
  id: "runner-label-unknown",
  severity: "warning",
  summary: "A `runs-on` label is neither a GitHub-hosted one nor a known self-hosted label, so no runner may ever pick the job up.",
  docs: {
    why: `A job waits until a runner carrying every label it asks for is free. A label no runner has
(\`ubuntu-lastest\`, \`window-latest\`) keeps it queued until it times out after a day. GitHub-hosted
labels have a fixed shape (\`ubuntu-24.04\`, \`windows-latest\`, \`macos-15-intel\`); the labels of your own
runners, and the names of larger runners, are yours: list them in \`lint.selfHostedLabels\` in
\`trunkline.config.ts\`. Without that list, a \`runs-on\` that asks for \`self-hosted\` or names a runner
group is not checked, since its labels cannot be known.
See [choosing the runner for a job](https://docs.github.com/actions/how-tos/write-workflows/choose-where-workflows-run/choose-the-runner-for-a-job).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-lastest
    steps:
      - run: make
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    fix: "Correct the label, or add your runners' labels to the config: `lint: { selfHostedLabels: [\"gpu\", \"linux-arm-large\"] }`. Labels are compared without case.",
    options: "The labels come from `lint.selfHostedLabels` in `trunkline.config.ts` (a list of strings), not from a rule option: the whole project shares one list of runners.",
  },
  job({ job, project, report }) {
    const request = runnerRequest(job);
    if (!request) return;
    const configured = project.selfHostedLabels ?? [];
    const known = new Set(configured);
    const reported = new Set<string>();
    for (const labels of request.labelSets) {
      // without a list of the project's labels, only a request for hosted runners can be judged
      if (configured.length === 0 && (request.hasGroup || labels.some(({ label }) => label.toLowerCase() === "self-hosted"))) continue;
      for (const { label, path } of labels) {
        const lower = label.toLowerCase();
        if (known.has(lower) || DEFAULT_SELF_HOSTED_LABELS.has(lower) || GITHUB_HOSTED_LABEL.test(label) || retiredImage(label)) continue;
        const key = `${lower}\0${path.join("\0")}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const suggestion = suggestName(label, [...HOSTED_SUGGESTIONS, ...configured]);
        report({
          path,
          message: `runs-on label "${label}" is not a GitHub-hosted label${configured.length > 0 ? " nor one of lint.selfHostedLabels" : ""}, so no runner may pick the job up`,
          hint: suggestion ? `did you mean "${suggestion}"? If it is your runners' label, add it to lint.selfHostedLabels in trunkline.config.ts` : "if it is your runners' label, add it to lint.selfHostedLabels in trunkline.config.ts",
        });
      }
    }
  },
});
