import { defineRule } from "./_define-rule.js";
import { type Token, isCallAt, tokenize } from "./_expressions.js";

export default defineRule({
  id: "unsound-contains",
  severity: "warning",
  summary: "`contains('a b c', x)` with a literal string as the haystack matches any substring of it, not just the listed values.",
  docs: {
    why: `\`contains(search, item)\` on a string is a substring test: \`contains('refs/heads/main refs/heads/dev', github.ref)\`
is true for \`refs/heads/main\`, but also for \`refs/heads/ma\`, \`refs/heads/\` or \`n r\` — any branch
or tag name a contributor picks that is part of the text. A condition meant to allow two branches
lets others through, which matters when it guards secrets or a deployment.
See [\`contains\`](https://docs.github.com/actions/reference/workflows-and-actions/expressions#contains).`,
    invalid: `on: push
jobs:
  deploy:
    if: contains('refs/heads/main refs/heads/release', github.ref)
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    valid: `on: push
jobs:
  deploy:
    if: contains(fromJSON('["refs/heads/main", "refs/heads/release"]'), github.ref)
    runs-on: ubuntu-latest
    steps:
      - run: make deploy
`,
    fix: "Search a list, not a string: `contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)`, which compares whole values; or compare with `==` joined by `||`.",
  },
  job({ job, report }) {
    for (const use of job.expressions) {
      for (const body of use.bodies) {
        if (!/contains\s*\(/i.test(body)) continue;
        for (const call of unsoundCalls(tokenize(body))) {
          report({
            path: use.path,
            message: `contains('${call.haystack}', ${call.needle}) tests whether ${call.needle} is any part of that text, so values that are only a piece of it (${example(call.haystack)}) match too`,
            hint: `search a list instead: contains(fromJSON('${JSON.stringify(call.haystack.split(/[\s,]+/).filter(Boolean))}'), ${call.needle})`,
          });
        }
      }
    }
  },
});

const LITERALS = new Set(["true", "false", "null"]);

interface UnsoundCall {
  haystack: string;
  /** The second argument as written, tokens joined. */
  needle: string;
}

// `contains(` + a string literal + `,` + an argument that reads a context: a literal needle is a
// constant test, not an unsound one.
function unsoundCalls(tokens: readonly Token[]): UnsoundCall[] {
  const found: UnsoundCall[] = [];
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (!isCallAt(tokens, i, "contains")) continue;
    const haystack = tokens[i + 2]!;
    if (haystack.kind !== "string" || tokens[i + 3]!.text !== ",") continue;
    let depth = 0;
    const needle: Token[] = [];
    for (let j = i + 4; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (token.text === "(" || token.text === "[") depth++;
      if (token.text === ")" || token.text === "]") {
        if (depth === 0) break;
        depth--;
      }
      needle.push(token);
    }
    const readsContext = needle.some((token, index) => token.kind === "name" && needle[index - 1]?.text !== "." && needle[index + 1]?.text !== "(" && !LITERALS.has(token.text.toLowerCase()));
    if (!readsContext) continue;
    found.push({ haystack: haystack.text, needle: needle.map((token) => (token.kind === "string" ? `'${token.text}'` : token.text)).join("") });
  }
  return found;
}

// A piece of the haystack that is not one of its words: what an attacker's branch could be named.
function example(haystack: string): string {
  const first = haystack.split(/[\s,]+/).find(Boolean) ?? haystack;
  return first.length > 1 ? `'${first.slice(0, -1)}'` : "''";
}
