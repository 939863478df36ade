import type { ActionSpec } from "./_action-catalog.js";
import { defineRule } from "./_define-rule.js";
import { specOfStep } from "./_action-step.js";

export default defineRule({
  id: "action-input-deprecated",
  severity: "warning",
  summary: "A step passes an input that the action it uses has deprecated.",
  docs: {
    why: `An action deprecates an input before it removes it: the input may already do nothing, and a later
release drops it, at which point the step silently runs without the setting. Only actions trunkline
knows are checked (popular actions, by major version).
See [metadata syntax: \`inputs.<input_id>.deprecationMessage\`](https://docs.github.com/actions/reference/workflows-and-actions/metadata-syntax#inputsinput_iddeprecationmessage).`,
    invalid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: ncipollo/release-action@v1
        with:
          artifact: dist/app.tar.gz
`,
    valid: `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: ncipollo/release-action@v1
        with:
          artifacts: dist/app.tar.gz
`,
    fix: "Use the input that replaces it (the hint names it when the action declares one spelt alike; otherwise its README says), or remove it.",
  },
  step({ step, path, project, comment, report }) {
    const found = specOfStep(step, project.actions, comment);
    if (!found || !found.inputs) return;
    const { spec, inputs, used } = found;
    for (const key of Object.keys(inputs)) {
      if (!spec.inputs.get(key.toLowerCase())?.deprecated) continue;
      const replacement = replacementOf(key, spec);
      report({
        path: [...path, "with", key],
        message: `${used.action} (${spec.spec}, from ${used.versionSource}) has deprecated its input "${key}"; a later release may ignore or drop it`,
        hint: replacement ? `use "${replacement}" instead` : "remove it, or use what the action's README names in its place",
      });
    }
  },
});

// The current input spelt like the deprecated one, the usual rename: `app_id` → `app-id`,
// `artifact` → `artifacts`.
function replacementOf(deprecated: string, spec: ActionSpec): string | undefined {
  const shape = (name: string) => name.toLowerCase().replace(/[-_]/g, "");
  const current = [...spec.inputs.values()].filter((input) => !input.deprecated);
  return current.find((input) => shape(input.name) === shape(deprecated))?.name ?? current.find((input) => shape(input.name) === `${shape(deprecated)}s`)?.name;
}
