import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Reference, type Token, callArguments, formatReference, isCallAt, tokenize } from "./_expressions.js";
import { isObjectReference } from "./_github-context.js";
import { textMemo } from "./_text-memo.js";
import type { ExpressionUse } from "./_workflow-view.js";

// The functions that read an argument as a string, by lowercased name, and which arguments (0-based; -1: all).
const STRING_ARGUMENTS: ReadonlyMap<string, number> = new Map([
  ["startswith", -1],
  ["endswith", -1],
  ["format", 0],
  ["fromjson", 0],
]);

export default defineRule({
  id: "function-argument-object",
  severity: "error",
  summary: "A function that reads a string (`startsWith`, `endsWith`, `format`, `fromJSON`) is given an object (`github.event`, `needs.build`).",
  docs: {
    why: `\`startsWith\`, \`endsWith\`, the format string of \`format\` and the text of \`fromJSON\` are strings. An object
such as \`github.event\` or \`needs.build\` has no string value to give them, so \`startsWith(github.event, 'refs/tags/')\`
never looks at anything in the event: the value meant is one of its string properties
(\`github.ref\`, \`needs.build.result\`).
See [functions](https://docs.github.com/actions/reference/workflows-and-actions/expressions#functions).`,
    invalid: `on: push
jobs:
  release:
    if: startsWith(github.event, 'refs/tags/')
    runs-on: ubuntu-latest
    steps:
      - run: make release
`,
    valid: `on: push
jobs:
  release:
    if: startsWith(github.ref, 'refs/tags/')
    runs-on: ubuntu-latest
    steps:
      - run: make release
`,
    fix: "Pass a string property of the object (`github.ref`, `github.event_name`, `needs.<id>.result`), or `toJSON(…)` of it if its text is meant.",
  },
  ...eachExpressionUse(checkUse),
});

// What one text gives depends on the text alone, and texts recur across jobs and files.
const problemsByText = textMemo<readonly Omit<Finding, "path">[]>(5_000);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  // most expressions call none of these functions
  if (!use.expressions.some((facts) => [...STRING_ARGUMENTS.keys()].some((name) => facts.functions.has(name)))) return;
  const problems = problemsByText(`${use.isCondition ? "if" : "value"}\0${use.text}`, () => problemsOf(use));
  for (const problem of problems) report({ path: use.path, ...problem });
}

function problemsOf(use: ExpressionUse): Omit<Finding, "path">[] {
  const problems: Omit<Finding, "path">[] = [];
  for (const body of use.bodies) {
    const tokens = tokenize(body);
    tokens.forEach((token, index) => {
      const which = isCallAt(tokens, index) ? STRING_ARGUMENTS.get(token.text.toLowerCase()) : undefined;
      if (which === undefined) return;
      callArguments(tokens, index + 2).forEach((argument, position) => {
        if (which !== -1 && which !== position) return;
        const reference = wholeReference(argument);
        if (!reference || !isObjectReference(reference)) return;
        problems.push({
          message: `${token.text}() reads argument ${position + 1} as a string, but ${formatReference(reference)} is an object, so its content is never looked at`,
          hint: reference.root === "github" && reference.segments.length === 1 ? "did you mean github.ref or github.event_name?" : "pass one of its string properties, or toJSON(…) of it",
        });
      });
    });
  }
  return problems;
}

// An argument that is a reference and nothing more: `github.event`, `needs['build']`.
function wholeReference(tokens: readonly Token[]): Reference | undefined {
  const root = tokens[0];
  if (root?.kind !== "name") return undefined;
  const segments: string[] = [];
  let index = 1;
  for (;;) {
    if (tokens[index]?.text === "." && tokens[index + 1]?.kind === "name") {
      segments.push(tokens[index + 1]!.text.toLowerCase());
      index += 2;
    } else if (tokens[index]?.text === "[" && tokens[index + 1]?.kind === "string" && tokens[index + 2]?.text === "]") {
      segments.push(tokens[index + 1]!.text.toLowerCase());
      index += 3;
    } else break;
  }
  return index === tokens.length ? { root: root.text.toLowerCase(), segments } : undefined;
}
