import { defineRule } from "./_define-rule.js";
import { FILTERED_EVENTS, filterPatterns } from "./_filters.js";

// The lists where `!` takes back what an earlier pattern let in.
const NEGATABLE_KEYS = ["branches", "tags", "paths"];

export default defineRule({
  id: "filter-negation-first",
  severity: "warning",
  summary: "A filter list starts with a `!` pattern, which has nothing before it to take back, so it excludes nothing.",
  docs: {
    why: `GitHub reads a filter list in order: a pattern lets names in, a later \`!pattern\` takes back the ones
it matches. A \`!\` pattern that comes first has nothing to take back, so it does nothing, and the
names it was meant to keep out still trigger the workflow when a later pattern lets them in.
See [patterns to match branches and tags](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onpushpull_requestpull_request_targetpathspaths-ignore)
and the [filter pattern cheat sheet](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet).
A list made only of \`!\` patterns is \`glob-invalid\`'s.`,
    invalid: `on:
  push:
    paths:
      - "!docs/**"
      - "**"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    valid: `on:
  push:
    paths:
      - "**"
      - "!docs/**"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    fix: "Move the `!` pattern after the patterns whose matches it should take back, or use the `-ignore` form (`paths-ignore: [docs/**]`).",
  },
  workflow({ workflow, report }) {
    for (const trigger of workflow.triggers.values()) {
      if (!FILTERED_EVENTS.has(trigger.name) || !trigger.config) continue;
      for (const key of NEGATABLE_KEYS) {
        const patterns = filterPatterns(trigger, key) ?? [];
        // a list of only `!` patterns is glob-invalid's
        if (patterns.every(({ pattern }) => pattern.startsWith("!"))) continue;
        for (const { pattern, path } of patterns) {
          if (!pattern.startsWith("!")) break;
          report({
            path,
            message: `${trigger.name}.${key} pattern ${JSON.stringify(pattern)} comes before any pattern that lets names in, so it takes nothing back`,
            hint: `move ${JSON.stringify(pattern)} after the patterns it should exclude from`,
          });
        }
      }
    }
  },
});
