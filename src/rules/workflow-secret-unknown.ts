import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { type WorkflowView, isObject, undeclaredReads } from "./_workflow-view.js";

export default defineRule({
  id: "workflow-secret-unknown",
  severity: "warning",
  summary: "A reusable workflow that lists its secrets reads `secrets.<name>` it does not list.",
  docs: {
    why: `A workflow run only by \`workflow_call\` gets the secrets its caller passes. Once it lists them under
\`on.workflow_call.secrets\`, a caller that passes them one by one can pass only those, so any other name
reads as empty, with no error: a misspelt \`secrets.DEPLOY_TOKNE\` logs in with nothing. A caller with
\`secrets: inherit\` passes all of its own secrets, listed or not, so this is a warning: list what the
workflow reads, and both kinds of caller work. \`GITHUB_TOKEN\` is always there.
See [\`on.workflow_call.secrets\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_callsecrets).`,
    invalid: `on:
  workflow_call:
    secrets:
      deploy-token:
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          TOKEN: \${{ secrets.deploy-tokne }}
`,
    valid: `on:
  workflow_call:
    secrets:
      deploy-token:
        required: true
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: ./deploy.sh
        env:
          TOKEN: \${{ secrets.deploy-token }}
`,
    fix: "Spell the secret as listed (names are compared without case), or list it under `on.workflow_call.secrets`.",
  },
  workflow({ workflow, report }) {
    const declared = declaredSecrets(workflow);
    if (!declared) return;
    const listed = [...declared.values()].filter((known) => known !== "GITHUB_TOKEN");
    for (const { use, reference, name } of undeclaredReads(workflow, "secrets", declared)) {
      const suggestion = suggestName(name, listed);
      report({
        path: use.path,
        message: `${formatReference(reference)} reads secret "${name}", which this reusable workflow does not list, so it is empty unless the caller passes secrets: inherit`,
        hint: suggestion ? `did you mean "secrets.${suggestion}"?` : listed.length > 0 ? `the listed secrets are ${listed.map((known) => `"${known}"`).join(", ")}` : "list it under on.workflow_call.secrets",
      });
    }
  },
});

/**
 * The secrets listed, by lowercased name; undefined unless `workflow_call` is the only trigger and
 * it has a `secrets` key (`secrets:` with nothing under it lists none).
 */
function declaredSecrets(workflow: WorkflowView): Map<string, string> | undefined {
  const call = workflow.triggers.get("workflow_call");
  if (!call || workflow.triggers.size !== 1 || !call.config || !("secrets" in call.config)) return undefined;
  const secrets = call.config["secrets"];
  if (secrets !== null && !isObject(secrets)) return undefined;
  const names = new Map<string, string>([["github_token", "GITHUB_TOKEN"]]);
  for (const name of Object.keys(secrets ?? {})) names.set(name.toLowerCase(), name);
  return names;
}
