import { defineRule } from "./_define-rule.js";

// The replacement of each retired workflow command: https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/
// and https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "set-output": 'echo "name=value" >> "$GITHUB_OUTPUT"',
  "save-state": 'echo "name=value" >> "$GITHUB_STATE"',
  "set-env": 'echo "NAME=value" >> "$GITHUB_ENV"',
  "add-path": 'echo "/some/dir" >> "$GITHUB_PATH"',
};
const COMMAND = /::(set-output|save-state|set-env|add-path)[\s:]/g;

export default defineRule({
  id: "deprecated-command",
  severity: "error",
  summary: "A `run:` script uses a retired workflow command (`::set-output`, `::set-env`, …).",
  docs: {
    why: `\`::set-env\` and \`::add-path\` were disabled because any text printed to the log could change the
environment; \`::set-output\` and \`::save-state\` are deprecated for the same reason and stop working
when GitHub removes them. The environment files replace all four.
See [workflow commands](https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#setting-an-output-parameter).`,
    invalid: `on: push
jobs:
  version:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "::set-output name=value::1.2.3"
`,
    valid: `on: push
jobs:
  version:
    runs-on: ubuntu-latest
    steps:
      - id: version
        run: echo "value=1.2.3" >> "$GITHUB_OUTPUT"
`,
    fix: "Append `name=value` lines to `$GITHUB_OUTPUT` (outputs), `$GITHUB_STATE` (state), `$GITHUB_ENV` (environment) or a folder to `$GITHUB_PATH`.",
  },
  step({ step, path, report }) {
    if (step.run === undefined || !step.run.includes("::")) return;
    const commands = new Set<string>();
    for (const match of step.run.matchAll(COMMAND)) commands.add(match[1]!);
    for (const command of commands) {
      report({
        path: [...path, "run"],
        message: `this script uses the retired workflow command "::${command}"`,
        hint: `write ${REPLACEMENTS[command]} instead`,
      });
    }
  },
});
