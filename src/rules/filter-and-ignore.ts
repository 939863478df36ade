import { defineRule } from "./_define-rule.js";
import { FILTERED_EVENTS, laterKey } from "./_filters.js";

// The ref filters GitHub takes either as a list to run for or as a list to skip, never both.
const PAIRS = [
  ["branches", "branches-ignore"],
  ["tags", "tags-ignore"],
] as const;

export default defineRule({
  id: "filter-and-ignore",
  severity: "error",
  summary: "One event has both `branches` and `branches-ignore` (or `tags` and `tags-ignore`), which GitHub does not allow.",
  docs: {
    why: `GitHub takes a branch or tag filter either as the names to run for or as the names to skip, never both
for one event; with both, the workflow does not run for that event. Exclusions belong in \`branches\`
(or \`tags\`) as \`!\` patterns.
See [\`on.<push|pull_request|pull_request_target>.<branches|tags|branches-ignore|tags-ignore>\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onpull_requestpull_request_targetbranchesbranches-ignore).`,
    invalid: `on:
  push:
    branches:
      - main
      - "release/**"
    branches-ignore:
      - "release/**-beta"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    valid: `on:
  push:
    branches:
      - main
      - "release/**"
      - "!release/**-beta"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    fix: "Keep `branches` (or `tags`) and turn each `-ignore` entry into a `!` pattern after the patterns it excludes from.",
  },
  workflow({ workflow, report }) {
    for (const trigger of workflow.triggers.values()) {
      if (!FILTERED_EVENTS.has(trigger.name) || !trigger.config) continue;
      for (const [only, ignore] of PAIRS) {
        if (trigger.config[only] === undefined || trigger.config[ignore] === undefined) continue;
        report({
          path: [...trigger.path, laterKey(trigger.config, only, ignore)],
          message: `${trigger.name} has both ${only} and ${ignore}; GitHub does not run the workflow for it`,
          hint: `move the ${ignore} entries into ${only} as "!pattern" entries, after the patterns they exclude from`,
        });
      }
    }
  },
});
