import type { WorkflowPath } from "../diagnostics/diagnostic.js";
import { type Finding, defineRule } from "./_define-rule.js";
import { findExpressions } from "./_expressions.js";

export default defineRule({
  id: "if-always-true",
  severity: "error",
  summary: "An `if:` has text around its `${{ }}`, so it is a non-empty string and always true.",
  docs: {
    why: `When an \`if:\` holds anything besides one \`\${{ }}\` — a second expression, an operator outside the
braces, or the newline a block scalar (\`if: |\`) adds — GitHub evaluates it as a string template, and
a non-empty string is true. The job or step then runs every time, whatever the condition says.
See [expressions in \`if:\`](https://docs.github.com/actions/reference/workflows-and-actions/expressions#example-expression-in-an-if-conditional).`,
    invalid: `on: push
jobs:
  deploy:
    if: \${{ github.ref == 'refs/heads/main' }} && \${{ github.event_name == 'push' }}
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    valid: `on: push
jobs:
  deploy:
    if: github.ref == 'refs/heads/main' && github.event_name == 'push'
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    fix: "Write the whole condition as one expression, either bare (`if: a && b`) or in a single `${{ }}`, on one line without a block scalar.",
  },
  job({ job, report }) {
    check(job.raw["if"], [...job.path, "if"], report);
  },
  step({ step, report }) {
    check(step.raw["if"], [...step.path, "if"], report);
  },
});

function check(condition: unknown, path: WorkflowPath, report: (finding: Finding) => void): void {
  if (typeof condition !== "string" || !condition.includes("${{")) return;
  const expressions = findExpressions(condition);
  // an unclosed `${{` is GitHub's parser's to report
  if (expressions.length === 0) return;
  const only = expressions[0]!;
  if (expressions.length === 1 && only.start === 0 && only.end === condition.length) return;
  const outside = expressions.length === 1 ? JSON.stringify(condition.slice(0, only.start) + condition.slice(only.end)) : `${expressions.length} expressions`;
  report({
    path,
    message: `this if: holds ${outside} besides its \${{ }}, so GitHub treats it as a non-empty string: always true`,
    hint: "write the condition as one expression: drop the ${{ }} or put everything inside one, on one line",
  });
}
