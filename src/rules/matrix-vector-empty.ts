import { defineRule } from "./_define-rule.js";
import { listedAxes } from "./_matrix.js";

export default defineRule({
  id: "matrix-vector-empty",
  severity: "error",
  summary: "A matrix key lists no values (`os: []`), which GitHub refuses when the job is to run.",
  docs: {
    why: `A matrix runs the job once per combination of its keys' values; a key with no values leaves no
combination to run. GitHub does not run the job: it fails the run with "Matrix vector … does not
contain any values". An empty list is usually a value that was meant to be filled in later.
See [using a matrix](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations).`,
    invalid: `on: push
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: []
    steps:
      - run: npm test
`,
    valid: `on: push
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22]
    steps:
      - run: npm test
`,
    fix: "Give the key at least one value, or remove it.",
  },
  job({ job, report }) {
    // an empty include or exclude adds or removes nothing, which GitHub accepts: not an axis
    for (const { key, values } of listedAxes(job)) {
      if (values.length > 0) continue;
      report({
        path: [...job.path, "strategy", "matrix", key],
        message: `matrix key "${key}" has no values, so the job has no combination to run and GitHub fails the run`,
        hint: "give it at least one value, or remove the key",
      });
    }
  },
});
