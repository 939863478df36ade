import { defineRule } from "./_define-rule.js";
import { FILTERED_EVENTS, FILTER_KEYS, filterPatternProblem, filterPatterns } from "./_filters.js";
import { isObject } from "./_workflow-view.js";

// Lists that include: one made only of `!` patterns includes nothing (the cheat sheet's rule).
const INCLUDING_KEYS = new Set(["branches", "tags", "paths"]);

export default defineRule({
  id: "glob-invalid",
  severity: "error",
  summary: "A branch, tag or path filter pattern (or an `image_version` or `snapshot` version pattern) is malformed or can never match.",
  docs: {
    why: `Filter patterns are GitHub's own glob syntax: \`*\`, \`**\`, \`?\` and \`+\` (repeat the character before),
\`[a-z]\`, \`!\` to exclude, \`\\\\\` to escape. A malformed pattern, a branch pattern with a character no
git ref can hold, a path starting with \`./\`, or a list of only \`!\` patterns matches nothing: the
workflow silently never runs for the changes it was meant for. So does a regular expression written
where a glob goes (\`/.*-stable/\`, \`^release\`, a branch \`.*\`), a path with a \`.\` or \`..\` part or a
leading \`/\` (paths are matched relative and normalized), and a pattern with leading or trailing
white space, which is matched as part of the name. \`\\d\`, \`\\w\` or \`\\s\` in a branch or tag pattern is a
regular expression's class; in a glob it matches one letter. The same glob syntax is checked in
\`on.image_version\`'s \`names\` and \`versions\` and in a job's \`snapshot.version\`.
See the [filter pattern cheat sheet](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet).`,
    invalid: `on:
  push:
    paths:
      - "./src/**"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    valid: `on:
  push:
    paths:
      - "src/**"
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
`,
    fix: "Write paths from the repository root without `./`, close every `[`, escape a literal `+` or `?` as `\\+`, and put at least one pattern without `!` in `branches`, `tags` and `paths` (or use the `-ignore` form).",
  },
  workflow({ workflow, report }) {
    for (const trigger of workflow.triggers.values()) {
      if (trigger.name === "image_version" && trigger.config) {
        for (const key of IMAGE_VERSION_KEYS) {
          for (const { pattern, path } of filterPatterns(trigger, key) ?? []) {
            const problem = filterPatternProblem(pattern, "name");
            if (problem) report({ path, message: `image_version.${key} pattern ${JSON.stringify(pattern)} ${problem}`, hint: GLOB_HINT });
          }
        }
      }
      if (!FILTERED_EVENTS.has(trigger.name) || !trigger.config) continue;
      for (const [key, kind] of Object.entries(FILTER_KEYS)) {
        const patterns = filterPatterns(trigger, key);
        if (!patterns) continue;
        for (const { pattern, path } of patterns) {
          const problem = filterPatternProblem(pattern, kind);
          if (problem) report({ path, message: `${trigger.name}.${key} pattern ${JSON.stringify(pattern)} ${problem}`, hint: GLOB_HINT });
        }
        if (INCLUDING_KEYS.has(key) && patterns.length > 0 && patterns.every(({ pattern }) => pattern.startsWith("!"))) {
          report({
            path: [...trigger.path, key],
            message: `${trigger.name}.${key} has only "!" patterns, which exclude from nothing: no ${kind === "ref" ? key.replace(/s$/, "") : "change"} matches`,
            hint: `add a pattern that includes, e.g. "**" first, or use ${key}-ignore`,
          });
        }
      }
    }
  },
  job({ job, report }) {
    // a custom image's version is matched as a glob too (`1.*`)
    const snapshot = job.raw["snapshot"];
    const version = isObject(snapshot) ? snapshot["version"] : undefined;
    if (typeof version !== "string" || version.includes("${{")) return;
    const problem = filterPatternProblem(version, "name");
    if (problem) report({ path: [...job.path, "snapshot", "version"], message: `snapshot version pattern ${JSON.stringify(version)} ${problem}`, hint: GLOB_HINT });
  },
});

const GLOB_HINT = "see the filter pattern cheat sheet: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#filter-pattern-cheat-sheet";
// The lists of on.image_version, matched as globs against the image's name and version.
const IMAGE_VERSION_KEYS = ["names", "versions"];
