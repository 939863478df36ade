import { suggestName } from "./_closest-match.js";
import { defineRule } from "./_define-rule.js";
import { formatReference } from "./_expressions.js";
import { matrixValues } from "./_matrix.js";
import { type JobView, isObject } from "./_workflow-view.js";

export default defineRule({
  id: "matrix-key-unknown",
  severity: "error",
  summary: "An expression reads `matrix.<key>` (or `matrix.<key>.<nested>`) where the job's matrix has no such key.",
  docs: {
    why: `A key the matrix does not define evaluates to an empty string, without an error: a typo in
\`matrix.nodee\` runs every combination with no Node version set.
See [the \`matrix\` context](https://docs.github.com/actions/reference/workflows-and-actions/contexts#matrix-context).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - run: npm test
        env:
          NODE_VERSION: \${{ matrix.nodee }}
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [20, 22]
    steps:
      - run: npm test
        env:
          NODE_VERSION: \${{ matrix.node }}
`,
    fix: "Read a key the matrix defines (its own keys and those added by `include`), or add the key to the matrix. When a key's values are objects (`config: [{ os: …, r: … }]`), read a property they have (`matrix.config.os`). Matrices built from an expression (`fromJSON(…)`) are not checked.",
  },
  job({ job, report }) {
    const keys = matrixKeys(job);
    if (keys === "dynamic") return;
    const seen = new Set<string>();
    for (const use of job.expressions) {
      if (use.path[2] === "strategy") continue;
      for (const expression of use.expressions) {
        for (const reference of expression.references) {
          const [key] = reference.segments;
          if (reference.root !== "matrix" || typeof key !== "string" || key === "*") continue;
          if (keys.has(key)) {
            const missing = missingNestedKey(job, reference.segments);
            const nestedKey = `${use.path.join("\0")}\0${formatReference(reference)}`;
            if (!missing || seen.has(nestedKey)) continue;
            seen.add(nestedKey);
            const suggestion = suggestName(missing.name, missing.known);
            report({
              path: use.path,
              message: `${formatReference(reference)} reads "${missing.name}", which no value of matrix.${missing.parent} has, so it is always empty`,
              hint: suggestion ? `did you mean "matrix.${missing.parent}.${suggestion}"?` : `the values of matrix.${missing.parent} have ${[...missing.known].map((name) => `"${name}"`).join(", ") || "no keys"}`,
            });
            continue;
          }
          const seenKey = `${use.path.join("\0")}\0${key}`;
          if (seen.has(seenKey)) continue;
          seen.add(seenKey);
          const suggestion = suggestName(key, keys);
          report({
            path: use.path,
            message: keys.size === 0 ? `${formatReference(reference)} is read, but job "${job.id}" has no matrix` : `${formatReference(reference)} is not a key of the matrix of job "${job.id}", so it is always empty`,
            hint: suggestion ? `did you mean "matrix.${suggestion}"?` : keys.size ? `the matrix defines ${[...keys].map((name) => `"${name}"`).join(", ")}` : "define it under strategy.matrix",
          });
        }
      }
    }
  },
});

/**
 * The first nested key of `matrix.a.b…` that no value at its level has, when every value there is
 * a written-out object (`config: [{ os: … }, { os: … }]`); undefined when it may exist.
 */
function missingNestedKey(job: JobView, segments: readonly (string | null)[]): { name: string; parent: string; known: Set<string> } | undefined {
  for (let depth = 1; depth < segments.length; depth++) {
    const name = segments[depth];
    if (typeof name !== "string" || name === "*") return undefined;
    const parents = matrixValues(job, segments.slice(0, depth));
    if (!parents || parents.length === 0 || !parents.every(isObject)) return undefined;
    const known = new Set(parents.flatMap((parent) => Object.keys(parent)));
    if (![...known].some((candidate) => candidate.toLowerCase() === name)) return { name, parent: segments.slice(0, depth).join("."), known };
  }
  return undefined;
}

/** The matrix keys (lowercased), or "dynamic" when an expression decides them. */
function matrixKeys(job: JobView): Set<string> | "dynamic" {
  const strategy = job.raw["strategy"];
  if (strategy === undefined) return new Set();
  if (!isObject(strategy)) return "dynamic";
  const matrix = strategy["matrix"];
  if (matrix === undefined) return new Set();
  if (!isObject(matrix)) return "dynamic";
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(matrix)) {
    if (key === "exclude") continue;
    if (key !== "include") {
      keys.add(key.toLowerCase());
      continue;
    }
    if (!Array.isArray(value)) return "dynamic";
    for (const row of value) {
      if (!isObject(row)) return "dynamic";
      for (const rowKey of Object.keys(row)) keys.add(rowKey.toLowerCase());
    }
  }
  return keys;
}
