import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { matchesPartially, staticMatrix } from "./_matrix.js";

export default defineRule({
  id: "matrix-exclude-unmatched",
  severity: "error",
  summary: "A matrix `exclude` entry names a key the matrix lacks, or a value no combination has, so it excludes nothing.",
  docs: {
    why: `An \`exclude\` entry removes the combinations it matches: each of its keys must be a key of the
matrix, and each value one the key takes (for an object value, a partial match is enough). A key the
matrix lacks makes GitHub reject the run; a misspelt value (\`windows-lastest\`) silently excludes
nothing, so the combination meant to be skipped runs — and usually fails.
See [excluding matrix configurations](https://docs.github.com/actions/how-tos/write-workflows/choose-what-workflows-do/run-job-variations#excluding-matrix-configurations).`,
    invalid: `on: push
jobs:
  test:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest, windows-latest]
        node: [20, 22]
        exclude:
          - os: windows-lastest
            node: 20
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
        exclude:
          - os: windows-latest
            node: 20
    steps:
      - run: npm test
`,
    fix: "Spell the key and value as the matrix does (`exclude` is applied to the matrix's own keys, before `include`). Matrices, keys or values computed by an expression are not checked.",
  },
  job({ job, report }) {
    const matrix = staticMatrix(job);
    if (matrix === undefined || matrix === "none" || matrix.exclude === undefined) return;
    matrix.exclude.forEach((row, index) => {
      for (const [key, pattern] of Object.entries(row)) {
        const path = [...job.path, "strategy", "matrix", "exclude", index, key];
        const axis = matrix.axes.get(key.toLowerCase());
        if (!axis) {
          const suggestion = suggestName(key, [...matrix.axes.values()].map((known) => known.key));
          report({
            path,
            message: `exclude entry ${index} of job "${job.id}" names "${key}", which is not a key of the matrix, so GitHub rejects the run`,
            hint: suggestion ? `did you mean "${suggestion}"?` : matrix.axes.size > 0 ? `the matrix's keys are ${[...matrix.axes.values()].map((known) => `"${known.key}"`).join(", ")}` : "exclude only filters the matrix's own keys; remove this entry",
          });
        } else if (!axis.values.some((value) => matchesPartially(pattern, value))) {
          report({
            path: atValue(path, pattern),
            message: `exclude entry ${index} of job "${job.id}" wants ${key}: ${JSON.stringify(pattern)}, which no value of "${axis.key}" matches, so it excludes nothing`,
            hint: `use one of the values of "${axis.key}": ${axis.values.map((value) => JSON.stringify(value)).join(", ")}`,
          });
        }
      }
    });
  },
});

// An object value is reported where it starts (its first key's line), not at the key above it: the
// value is what matches nothing.
function atValue(path: WorkflowPath, value: unknown): WorkflowPath {
  const first = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value)[0] : undefined;
  return first === undefined ? path : [...path, first];
}
