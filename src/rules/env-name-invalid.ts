import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import type { Json } from "../model/json.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { findExpressions } from "./_expressions.js";
import { isObject } from "./_workflow-view.js";

// What no environment variable name can hold: "=" ends the name in the process environment, and
// white space or control characters make a name no shell or tool can read back.
const NEVER_IN_NAME = /[=\s\x00-\x1f\x7f]/;

export default defineRule({
  id: "env-name-invalid",
  severity: "error",
  summary: "An `env:` name holds `=`, white space or a control character, so the variable cannot be set or read under that name.",
  docs: {
    why: `An environment variable is passed to a process as \`NAME=value\`: a name with \`=\` is cut at it, so the
step sees another variable than the one written, and a name with white space (\`NODE OPTIONS\`) can be
read by no shell or tool. Names are usually letters, digits and \`_\`; GitHub reserves the \`GITHUB_\`
prefix too.
See [variables](https://docs.github.com/actions/reference/workflows-and-actions/variables#naming-conventions-for-configuration-variables)
and [\`env\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#env).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      NODE OPTIONS: --max-old-space-size=4096
    steps:
      - run: npm run build
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      NODE_OPTIONS: --max-old-space-size=4096
    steps:
      - run: npm run build
`,
    fix: "Name the variable with letters, digits and `_` (`NODE_OPTIONS`); put anything after an `=` in the value.",
  },
  workflow({ workflow, report }) {
    check(workflow.raw["env"], ["env"], report);
  },
  job({ job, report }) {
    check(job.raw["env"], [...job.path, "env"], report);
    const container = job.raw["container"];
    if (isObject(container)) check(container["env"], [...job.path, "container", "env"], report);
    const services = job.raw["services"];
    if (isObject(services)) {
      for (const [name, service] of Object.entries(services)) if (isObject(service)) check(service["env"], [...job.path, "services", name, "env"], report);
    }
  },
  step({ step, report }) {
    check(step.raw["env"], [...step.path, "env"], report);
  },
});

function check(env: Json | undefined, path: WorkflowPath, report: (finding: Finding) => void): void {
  if (!isObject(env)) return;
  for (const name of Object.keys(env)) {
    // an expression in a name is computed at run time: only the text around it is judged
    const written = name.includes("${{") ? withoutExpressions(name) : name;
    const bad = name === "" ? "" : NEVER_IN_NAME.exec(written)?.[0];
    if (bad === undefined) continue;
    const what = name === "" ? "is empty" : bad === "=" ? 'holds "=", where the process environment ends a name' : /\s/.test(bad) ? "holds white space" : "holds a control character";
    report({ path: [...path, name], message: `env name ${JSON.stringify(name)} ${what}: the variable cannot be set or read under this name`, hint: "use letters, digits and _ only, e.g. " + (name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "") || "MY_VARIABLE") });
  }
}

function withoutExpressions(text: string): string {
  let rest = "";
  let offset = 0;
  for (const expression of findExpressions(text)) {
    rest += text.slice(offset, expression.start);
    offset = expression.end;
  }
  return rest + text.slice(offset);
}
