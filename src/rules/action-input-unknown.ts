import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { specOfStep } from "./_action-step.js";

// Docker actions take these two beside their declared inputs (they override the image's CMD and
// ENTRYPOINT); the data set does not say which actions run in Docker, so they are never reported.
const DOCKER_KEYS = new Set(["args", "entrypoint"]);

export default defineRule({
  id: "action-input-unknown",
  severity: "error",
  summary: "A step passes an input that the action it uses does not declare, usually a misspelt one.",
  docs: {
    why: `GitHub does not reject an input the action does not declare: it prints a warning in the run's log
and the action runs without the setting, so \`fetch-dpeth: 0\` silently fetches one commit. Only actions
trunkline knows are checked (popular actions, by major version).
See [\`jobs.<job_id>.steps[*].with\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepswith).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-dpeth: 0
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
`,
    fix: "Spell the input as the action's `action.yml` declares it (the hint names the closest one), or remove it; input names are compared case-insensitively.",
  },
  step({ step, path, project, comment, report }) {
    const found = specOfStep(step, project.actions, comment);
    if (!found || found.spec.anyInputs || !found.inputs) return;
    const { spec, inputs, used } = found;
    for (const key of Object.keys(inputs)) {
      if (spec.inputs.has(key.toLowerCase()) || DOCKER_KEYS.has(key.toLowerCase())) continue;
      const names = [...spec.inputs.values()].map((input) => input.name);
      const suggestion = suggestName(key, names);
      report({
        path: [...path, "with", key],
        message: `${used.action} (${spec.spec}, from ${used.versionSource}) has no input "${key}": GitHub ignores it with a warning and the step runs without it`,
        hint: suggestion ? `did you mean "${suggestion}"?` : names.length ? `its inputs are ${names.map((name) => `"${name}"`).join(", ")}` : "it takes no inputs: remove `with:`",
      });
    }
  },
});
