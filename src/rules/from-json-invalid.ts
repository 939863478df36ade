import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Token, isCallAt, tokenize } from "./_expressions.js";
import { textMemo } from "./_text-memo.js";
import type { ExpressionUse } from "./_workflow-view.js";

export default defineRule({
  id: "from-json-invalid",
  severity: "error",
  summary: "`fromJSON('…')` is given a literal text that cannot be JSON, which fails the step or job.",
  docs: {
    why: `\`fromJSON\` parses its text when the expression is evaluated; a text that is not JSON fails the step or
job that reads it. A literal text can be judged before it runs. GitHub's reader is lenient (single
quotes, names without quotes), so only texts no JSON reader takes are reported: unbalanced brackets or
quotes, or a bare word.
See [\`fromJSON\`](https://docs.github.com/actions/reference/workflows-and-actions/expressions#fromjson).`,
    invalid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: \${{ fromJSON('[20, 22') }}
    steps:
      - run: npm test
`,
    valid: `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: \${{ fromJSON('[20, 22]') }}
    steps:
      - run: npm test
`,
    fix: "Write the text as JSON: close every bracket and quote, and quote words that are strings.",
  },
  ...eachExpressionUse(checkUse),
});

// The broken literals of one expression text: the same ones recur across jobs and files.
const verdicts = textMemo<string[]>(5_000);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  if (!use.expressions.some((facts) => facts.functions.has("fromjson"))) return;
  for (const body of use.bodies) {
    for (const text of verdicts(body, () => brokenLiterals(tokenize(body)))) {
      report({
        path: use.path,
        message: `fromJSON('${text}') is given a text that is not JSON, so evaluating it fails`,
        hint: "close every bracket and quote, and quote words that are strings",
      });
    }
  }
}

// `fromJSON(` + one string literal + `)`, whose text no JSON reader takes.
function brokenLiterals(tokens: readonly Token[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (!isCallAt(tokens, i, "fromjson")) continue;
    const literal = tokens[i + 2]!;
    if (literal.kind !== "string" || tokens[i + 3]!.text !== ")") continue;
    if (!couldBeJson(literal.text)) found.push(literal.text);
  }
  return found;
}

const BARE_VALUES = /^(?:true|false|null|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/i;

// False only when no reader, however lenient, takes the text: brackets or quotes that do not
// balance, or a bare word that is no number, true, false or null. An empty text is left alone.
function couldBeJson(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "") return true;
  if (!/^[[{"']/.test(trimmed)) return BARE_VALUES.test(trimmed);
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < trimmed.length; i++) {
    const char = trimmed[i]!;
    if (quote) {
      if (char === "\\") i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "[" || char === "{") open.push(char === "[" ? "]" : "}");
    else if (char === "]" || char === "}") {
      if (open.pop() !== char) return false;
    }
  }
  return quote === undefined && open.length === 0;
}
