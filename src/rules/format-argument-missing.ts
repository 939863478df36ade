import { defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Token, callArguments, isCallAt, tokenize } from "./_expressions.js";
import { textMemo } from "./_text-memo.js";
import type { ExpressionUse } from "./_workflow-view.js";

export default defineRule({
  id: "format-argument-missing",
  severity: "error",
  summary: "`format('{0} {1}', x)` has a placeholder with no value to put there, or a brace that is not a placeholder (`'{0'`), which fails the step or job.",
  docs: {
    why: `\`format(string, value0, value1, …)\` puts \`value0\` where the string says \`{0}\`, \`value1\` at \`{1}\`, and so
on. A placeholder past the last value given is an error when the expression is evaluated: the step
or job that reads it fails. \`{{\` and \`}}\` stand for plain braces and are not placeholders; any other
brace that does not make a placeholder (\`'{0'\`, \`'{x}'\`, a lone \`}\`) makes the format string invalid,
which fails the same way.
See [\`format\`](https://docs.github.com/actions/reference/workflows-and-actions/expressions#format).`,
    invalid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ format('{0}-{1}', github.ref_name) }}"
`,
    valid: `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ format('{0}-{1}', github.ref_name, github.sha) }}"
`,
    fix: "Give a value for every placeholder, in order, or remove the placeholders that have none; close each placeholder, and write `{{` and `}}` for plain braces.",
  },
  ...eachExpressionUse(checkUse),
});

interface MissingArgument {
  format: string;
  /** The placeholder past the values given, or undefined when the format string itself is invalid. */
  placeholder: number | undefined;
  given: number;
}

// The verdict for one expression text: the same ones recur across jobs and files.
const verdicts = textMemo<MissingArgument[]>(5_000);

function checkUse(use: ExpressionUse, report: (finding: Finding) => void): void {
  // most expressions call no format(): skip those without scanning them again
  if (!use.expressions.some((facts) => facts.functions.has("format"))) return;
  for (const body of use.bodies) {
    for (const missing of verdicts(body, () => missingArguments(tokenize(body)))) {
      if (missing.placeholder === undefined) {
        report({
          path: use.path,
          message: `format('${missing.format}', …) has a brace that is not a placeholder, so the format string is invalid and evaluating it fails`,
          hint: `close each placeholder as {0}, {1}, …, and write "{{" and "}}" for literal braces`,
        });
        continue;
      }
      report({
        path: use.path,
        message: `format('${missing.format}', …) has placeholder {${missing.placeholder}} but ${missing.given === 1 ? "only 1 value is" : `${missing.given} values are`} given after the string, so evaluating it fails`,
        hint: `pass a value for each placeholder up to {${missing.placeholder}}, or write "{{" and "}}" for literal braces`,
      });
    }
  }
}

// Every `format(` whose first argument is a string literal with a placeholder past its arguments.
function missingArguments(tokens: readonly Token[]): MissingArgument[] {
  const found: MissingArgument[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!isCallAt(tokens, i, "format")) continue;
    const format = tokens[i + 2]!;
    if (format.kind !== "string") continue;
    const given = callArguments(tokens, i + 2).length - 1;
    if (!isValidFormat(format.text)) {
      found.push({ format: format.text, placeholder: undefined, given });
      continue;
    }
    const placeholder = highestPlaceholder(format.text);
    if (placeholder !== undefined && placeholder >= given) found.push({ format: format.text, placeholder, given });
  }
  return found;
}

// The highest `{N}` of a format string, reading `{{` and `}}` as literal braces; undefined for none.
function highestPlaceholder(format: string): number | undefined {
  let highest: number | undefined;
  for (let i = 0; i < format.length; i++) {
    const char = format[i];
    if ((char === "{" || char === "}") && format[i + 1] === char) {
      i++;
      continue;
    }
    if (char !== "{") continue;
    const match = /^\{(\d+)\}/.exec(format.slice(i));
    if (!match) continue;
    const index = Number(match[1]);
    highest = highest === undefined ? index : Math.max(highest, index);
    i += match[0].length - 1;
  }
  return highest;
}

// Whether every brace of a format string is part of `{N}`, `{{` or `}}`, as GitHub's format() requires.
function isValidFormat(format: string): boolean {
  for (let i = 0; i < format.length; i++) {
    const char = format[i];
    if (char !== "{" && char !== "}") continue;
    if (format[i + 1] === char) {
      i++;
      continue;
    }
    if (char === "}") return false;
    // a format specifier after the index is left alone: not claimed invalid
    const match = /^\{\d+(:[^{}]*)?\}/.exec(format.slice(i));
    if (!match) return false;
    i += match[0].length - 1;
  }
  return true;
}
