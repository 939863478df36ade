import { defineRule } from "./_define-rule.js";
import { combinationsAfterExclude, isComputed, matchesExactly, staticMatrix } from "./_matrix.js";

export default defineRule({
  id: "matrix-include-no-effect",
  severity: "warning",
  summary: "A matrix `include` entry repeats a combination the matrix already has, so it adds nothing.",
  docs: {
    why: `An \`include\` entry either extends the combinations it matches with keys the matrix lacks, or adds
a combination of its own. An entry whose keys are all matrix keys, with values a remaining combination
already has, does neither: it is usually a new key misspelt as an old one, or a combination meant to
be new that is not (\`os: ubuntu-latest\` where \`ubuntu-24.04-arm\` was meant).
See [expanding or adding matrix configurations](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations#expanding-or-adding-matrix-configurations).`,
    invalid: `on: push
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22]
        include:
          - os: ubuntu-latest
            node: 22
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
        include:
          - os: ubuntu-latest
            node: 24
    steps:
      - run: npm test
`,
    fix: "Give the entry a key the matrix lacks (to extend the matching combinations) or a value no combination has (to add one), or remove it. An entry that adds back a combination `exclude` removed is not reported, since `include` is applied after `exclude`. Matrices or entries computed by an expression are not checked.",
  },
  job({ job, report }) {
    const matrix = staticMatrix(job);
    if (matrix === undefined || matrix === "none" || matrix.include === undefined || matrix.axes.size === 0) return;
    // a computed axis value may differ from every entry: nothing can be said
    if ([...matrix.axes.values()].some((axis) => axis.values.some(isComputed))) return;
    const combinations = combinationsAfterExclude(matrix);
    if (!combinations) return;
    matrix.include.forEach((row, index) => {
      const entries = Object.entries(row);
      if (entries.length === 0 || isComputed(row) || !entries.every(([key]) => matrix.axes.has(key.toLowerCase()))) return;
      const repeats = combinations.some((combination) => entries.every(([key, value]) => matchesExactly(value, combination.get(key.toLowerCase())!)));
      if (!repeats) return;
      report({
        path: [...job.path, "strategy", "matrix", "include", index],
        message: `include entry ${index} of job "${job.id}" only names matrix keys, with values a combination already has, so it adds nothing`,
        hint: "add a key the matrix lacks, change a value to make a new combination, or remove the entry",
      });
    });
  },
});
