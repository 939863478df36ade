import { defineRule } from "./_define-rule.js";
import { specOfStep } from "./_action-step.js";

export default defineRule({
  id: "action-input-missing",
  severity: "error",
  summary: "A step leaves out an input that the action it uses requires and gives no default for.",
  docs: {
    why: `An input an action declares \`required: true\` without a \`default\` has no value unless the step sets
it. GitHub starts the action anyway; it fails at run time, or worse, runs with an empty value. Only actions
trunkline knows are checked (popular actions, by major version).
See [metadata syntax: \`inputs.<input_id>.required\`](https://docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#inputsinput_idrequired).`,
    invalid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/create-github-app-token@v2
        with:
          owner: octo-org
`,
    valid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/create-github-app-token@v2
        with:
          app-id: \${{ vars.APP_ID }}
          private-key: \${{ secrets.APP_PRIVATE_KEY }}
          owner: octo-org
`,
    fix: "Set every input the hint names under the step's `with:` (in TypeScript, in the `with` of the step).",
  },
  step({ step, path, project, comment, report }) {
    const found = specOfStep(step, project.actions, comment);
    if (!found) return;
    const { spec, inputs, used } = found;
    const given = new Set(Object.keys(inputs ?? {}).map((key) => key.toLowerCase()));
    const missing = [...spec.inputs.values()].filter((input) => input.required && !given.has(input.name.toLowerCase())).map((input) => input.name);
    if (missing.length === 0) return;
    const names = missing.map((name) => `"${name}"`).join(", ");
    report({
      path: [...path, inputs ? "with" : "uses"],
      message: `${used.action} (${spec.spec}, from ${used.versionSource}) requires ${missing.length === 1 ? "the input" : "the inputs"} ${names}, which this step does not set`,
      hint: `set ${names} under with:`,
    });
  },
});
