import { defineRule } from "./_define-rule.js";
import { FILTERED_EVENTS, laterKey } from "./_filters.js";

export default defineRule({
  id: "paths-and-paths-ignore",
  severity: "error",
  summary: "One event has both `paths` and `paths-ignore`, which GitHub does not allow.",
  docs: {
    why: `GitHub refuses an event that filters with both \`paths\` and \`paths-ignore\`; the workflow does not run
for that event. Exclusions belong in \`paths\` as \`!\` patterns.
See [\`on.<push|pull_request>.paths\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onpushpull_requestpull_request_targetpathspaths-ignore).`,
    invalid: `on:
  pull_request:
    paths:
      - "src/**"
    paths-ignore:
      - "src/**/*.md"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    valid: `on:
  pull_request:
    paths:
      - "src/**"
      - "!src/**/*.md"
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: make test
`,
    fix: "Keep `paths` and turn each `paths-ignore` entry into a `!` pattern after the patterns it excludes from.",
  },
  workflow({ workflow, report }) {
    for (const trigger of workflow.triggers.values()) {
      if (!FILTERED_EVENTS.has(trigger.name) || !trigger.config) continue;
      if (trigger.config["paths"] === undefined || trigger.config["paths-ignore"] === undefined) continue;
      report({
        path: [...trigger.path, laterKey(trigger.config, "paths", "paths-ignore")],
        message: `${trigger.name} has both paths and paths-ignore; GitHub does not run the workflow for it`,
        hint: "move the paths-ignore entries into paths as \"!pattern\" entries, after the patterns they exclude from",
      });
    }
  },
});
