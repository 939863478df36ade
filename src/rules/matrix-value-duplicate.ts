import { defineRule } from "./_define-rule.js";
import { isComputed, listedAxes } from "./_matrix.js";

export default defineRule({
  id: "matrix-value-duplicate",
  severity: "warning",
  summary: "A matrix axis lists the same value twice, so a combination is repeated or a different value was meant.",
  docs: {
    why: `Each value of a matrix axis makes its own jobs. The same value listed twice asks for every job of that
value twice, and is most often a copy that was meant to be changed (\`node: [18, 20, 20]\` where \`22\`
was meant), so one version is never tested.
See [using a matrix for your jobs](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20, 20]
    steps:
      - run: npx -y node@\${{ matrix.node }} --version
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20, 22]
    steps:
      - run: npx -y node@\${{ matrix.node }} --version
`,
    fix: "Remove the repeated value, or change it to the value that was meant.",
  },
  job({ job, report }) {
    for (const { key, values } of listedAxes(job)) {
      if (values.length < 2) continue;
      const seen = new Map<string, number>();
      values.forEach((value, index) => {
        // a value computed at run time may differ from one that reads the same
        if (isComputed(value)) return;
        const text = JSON.stringify(value);
        const first = seen.get(text);
        if (first === undefined) {
          seen.set(text, index);
          return;
        }
        report({
          path: [...job.path, "strategy", "matrix", key, index],
          message: `matrix ${key} lists ${text} twice (entries ${first + 1} and ${index + 1})`,
          hint: "remove the repeated value, or change it to the one that was meant",
        });
      });
    }
  },
});
