import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { stepsWithin } from "./_nested-steps.js";
import { isObject } from "./_workflow-view.js";

const VARIABLE = "ACTIONS_ALLOW_UNSECURE_COMMANDS";
// The variable written to the environment file by a script: `echo "ACTIONS_ALLOW_UNSECURE_COMMANDS=true" >> "$GITHUB_ENV"`.
const WRITTEN = /ACTIONS_ALLOW_UNSECURE_COMMANDS\s*=\s*["']?true\b[^\n]*GITHUB_ENV/i;

export default defineRule({
  id: "insecure-commands",
  severity: "error",
  summary: "`ACTIONS_ALLOW_UNSECURE_COMMANDS` turns the retired `::set-env` and `::add-path` log commands back on.",
  docs: {
    why: `GitHub disabled the \`::set-env\` and \`::add-path\` workflow commands because anything a step prints to the
log — a pull request title, a file of the repository, a dependency's output — could set environment
variables (\`NODE_OPTIONS\`, \`LD_PRELOAD\`) or the \`PATH\` of every later step, which is running code.
Setting \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` to \`true\` turns them back on for the job or step.
See [the deprecation of set-env and add-path](https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/)
and [workflow commands](https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#setting-an-environment-variable).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      ACTIONS_ALLOW_UNSECURE_COMMANDS: true
    steps:
      - run: echo "::add-path::/opt/tool/bin"
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "/opt/tool/bin" >> "$GITHUB_PATH"
`,
    fix: "Remove the variable. Write `NAME=value` lines to `$GITHUB_ENV` and folders to `$GITHUB_PATH` instead of printing `::set-env` / `::add-path`; an action that still prints them needs a newer version or a replacement.",
  },
  workflow({ workflow, report }) {
    checkEnv(workflow.raw["env"], ["env"], "the whole workflow", report);
  },
  job({ job, path, report }) {
    checkEnv(job.raw["env"], [...path, "env"], `job "${job.id}"`, report);
    const container = job.raw["container"];
    if (isObject(container)) checkEnv(container["env"], [...path, "container", "env"], `job "${job.id}"'s container`, report);
  },
  step({ step, report }) {
    for (const at of stepsWithin(step)) {
      checkEnv(at.raw["env"], [...at.path, "env"], "this step", report);
      const run = at.raw["run"];
      if (typeof run === "string" && WRITTEN.test(run)) {
        report({
          path: [...at.path, "run"],
          message: `this script writes ${VARIABLE}=true to $GITHUB_ENV, which turns the retired ::set-env and ::add-path commands back on for every later step`,
          hint: "remove that line; write to $GITHUB_ENV and $GITHUB_PATH directly instead of printing ::set-env or ::add-path",
        });
      }
    }
  },
});

function checkEnv(env: Json | undefined, path: WorkflowPath, scope: string, report: (finding: Finding) => void): void {
  if (!isObject(env)) return;
  for (const [name, value] of Object.entries(env)) {
    if (name.toUpperCase() !== VARIABLE || !isTrue(value)) continue;
    report({
      path: [...path, name],
      message: `${VARIABLE} is true for ${scope}: any text printed to the log can then set environment variables or PATH with ::set-env and ::add-path`,
      hint: "remove it; write to $GITHUB_ENV and $GITHUB_PATH instead of printing ::set-env or ::add-path",
    });
  }
}

function isTrue(value: Json | undefined): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}
