import { defineRule } from "./_define-rule.js";
import { actionOfStep } from "./_action-step.js";

export default defineRule({
  id: "action-outdated",
  severity: "warning",
  summary: "A step uses a version of an action built for a Node.js runtime (node12, node16) that GitHub's runners no longer provide.",
  docs: {
    why: `A JavaScript action names the Node.js version it runs on. GitHub has retired node12 and node16 from
its runners: such a release is forced onto a newer Node.js it was never tested with, or refused, and it
gets no fixes any more. Only actions trunkline knows are checked (popular actions, by major version).
See [deprecation of Node 16 on GitHub Actions runners](https://github.blog/changelog/2024-09-25-end-of-life-for-actions-node16/).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`,
    fix: "Move to a current major release of the action (the hint names the newest one trunkline knows), and check its release notes for changed inputs.",
  },
  step({ step, path, project, comment, report }) {
    const used = actionOfStep(step, comment);
    const outdated = used && project.actions.outdated(used.action, used.version);
    if (!used || !outdated) return;
    report({
      path: [...path, "uses"],
      message: `${used.action} ${used.versionSource} (${outdated.spec}) runs on a Node.js runtime GitHub's runners no longer provide`,
      hint: outdated.newest ? `move to ${outdated.newest} or a later release` : "move to a release of the action that runs on a current Node.js",
    });
  },
});
