import { defineRule } from "./_define-rule.js";
import { objectAt } from "./_workflow-view.js";

export default defineRule({
  id: "max-parallel-invalid",
  severity: "error",
  summary: "A matrix's `max-parallel` is not a positive whole number, so no job of the matrix can ever start.",
  docs: {
    why: `\`strategy.max-parallel\` caps how many jobs of a matrix run at once. It must be a whole number of at
least 1: with \`0\` or a negative number no job may start, and GitHub refuses a fraction when the run
begins. (A string there, such as a number in quotes, is refused by GitHub's parser, which reports it.)
See [\`jobs.<job_id>.strategy.max-parallel\`](https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstrategymax-parallel).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 0
      matrix:
        node: [20, 22]
    steps:
      - run: npm test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      max-parallel: 1
      matrix:
        node: [20, 22]
    steps:
      - run: npm test
`,
    fix: "Write a whole number of at least 1, or leave `max-parallel` out to run as many jobs at once as runners allow. An expression (`${{ fromJSON(vars.MAX) }}`) is not checked.",
  },
  job({ job, report }) {
    const strategy = objectAt(job.raw, "strategy");
    if (!strategy || !("max-parallel" in strategy)) return;
    const value = strategy["max-parallel"];
    // a string (expression or not) is GitHub's parser's to judge
    if (typeof value !== "number" || (Number.isInteger(value) && value >= 1)) return;
    report({
      path: [...job.path, "strategy", "max-parallel"],
      message: `max-parallel ${value} ${Number.isInteger(value) ? "is less than 1, so no job of the matrix may start" : "is not a whole number"}`,
      hint: "write a whole number of at least 1, or leave max-parallel out",
    });
  },
});
