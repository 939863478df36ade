// The typed forms of `${{ }}`: what they write is what a careful person writes by hand.
import { always, job, step, workflow, and, contains, eq, expr, format, github, hashFiles, inputsOf, not, runner, secrets, steps, success, defineTriggers, vars } from "../../../src/index.js";

const on = defineTriggers({
  push: { branches: ["main"] },
  workflow_dispatch: {
    inputs: {
      dryrun: { type: "boolean", default: true },
      channel: { type: "choice", options: ["stable", "beta"] },
      retries: { type: "number", default: 2 },
      note: { type: "string" },
    },
  },
});
const inputs = inputsOf(on);

const build = job({
  "runs-on": "ubuntu-latest",
  "timeout-minutes": 10,
  outputs: { version: "${{ steps.version.outputs.value }}", digest: steps.image!.outputs.digest! },
  steps: [
    step({ id: "version", run: expr`echo "value=${github.sha}" >> "$GITHUB_OUTPUT"` }),
    step({ id: "image", run: 'echo "digest=$(make image)" >> "$GITHUB_OUTPUT"' }),
    step({ uses: "actions/cache@v4", with: { path: "~/.npm", key: expr`npm-${runner.os}-${hashFiles("package-lock.json")}` } }),
    step({ if: contains(github.event.pull_request.labels, "skip"), run: "exit 0" }),
  ],
});

const test = job.using(
  {
    needs: { build },
    strategy: { matrix: { os: ["ubuntu-latest", "macos-latest"], node: [{ version: 20 }, { version: 22 }], include: [{ os: "ubuntu-latest", experimental: true }] } },
  },
  ({ needs, matrix }) => ({
    name: expr`Test ${matrix.os} / node ${matrix.node.version}`,
    "runs-on": matrix.os,
    "timeout-minutes": 15,
    "continue-on-error": matrix.experimental,
    if: and(success(), not(inputs.dryrun)),
    env: { VERSION: needs.build.outputs.version, CHANNEL: inputs.channel, TOKEN: secrets.NPM_TOKEN! },
    steps: [
      step({ env: { DIGEST: needs.build.outputs.digest }, run: expr`npm test -- --retries ${inputs.retries} --tag "$DIGEST"` }),
      step({ if: eq(github.event.pull_request.number, 42), env: { HEAD_REF: github.event.pull_request.head.ref }, run: 'echo "$HEAD_REF"' }),
      step({ if: eq(inputs.channel, "beta"), env: { NOTE: inputs.note }, run: expr`echo "$NOTE" ${format("{0}-{1}", inputs.channel, github.run_number)}` }),
    ],
  }),
);

const report = job.using({ needs: { build, test } }, ({ needs }) => ({
  "runs-on": vars.RUNNER!,
  "timeout-minutes": 5,
  if: always(),
  steps: [step({ env: { VERSION: needs.build.outputs.version }, run: expr`echo ${needs.test.result} "$VERSION"` })],
}));

export default workflow("release", { on, permissions: { contents: "read" }, jobs: { build, test, report } });
