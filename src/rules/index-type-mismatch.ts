import { type ExpressionScope, defineRule, eachExpressionUse, type Finding } from "./_define-rule.js";
import { type Reference, type Token, formatReference, tokenize } from "./_expressions.js";
import { isListReference, isObjectReference } from "./_github-context.js";
import { textMemo } from "./_text-memo.js";
import { type Kind, type KindsOf, kindsIn } from "./_value-kinds.js";
import type { ExpressionUse } from "./_workflow-view.js";

export default defineRule({
  id: "index-type-mismatch",
  severity: "error",
  summary: "An expression indexes an object with a number or boolean (`env[0]`), or a list with a name (`github.event.pull_request.labels['bug']`), which always gives nothing; or a list with text or a boolean that only sometimes reads an item.",
  docs: {
    why: `\`[ ]\` reads an object's property by its name (\`github['sha']\`) and a list's item by its number
(\`github.event.commits[0]\`). An object indexed with a number or a boolean, or a list indexed with a
name, has nothing there: the value is empty, with no error, and whatever reads it goes on with an
empty string. A pull request's \`labels\` is a list: \`labels['bug']\` is never there, whatever the
labels. Those are errors. A list indexed with text reads an item only when the text is a number
(\`'2'\`), and one indexed with a boolean reads item 1 or 0: warnings. The kind of the index is known
for literals, for declared inputs (\`type: boolean\`, \`type: number\`), and for
\`github.event.inputs\`, which are always text.
See [property dereference](https://docs.github.com/actions/reference/workflows-and-actions/expressions#operators).`,
    invalid: `on: pull_request
jobs:
  e2e:
    if: github.event.pull_request.labels['run-e2e']
    runs-on: ubuntu-latest
    steps:
      - run: npm run e2e
`,
    valid: `on: pull_request
jobs:
  e2e:
    if: contains(github.event.pull_request.labels.*.name, 'run-e2e')
    runs-on: ubuntu-latest
    steps:
      - run: npm run e2e
`,
    fix: "Index an object with a property name (`github['sha']`, or `github.sha`) and a list with a number; look for an item with `contains(list.*.name, 'x')`; read `inputs.<name>`, which keeps a number input a number, rather than `github.event.inputs.<name>`, which is text.",
  },
  ...eachExpressionUse(checkUse),
});

/** `receiver[index]`: what is indexed, and the index as a literal's kind or a reference. */
interface IndexAccess {
  receiver: Reference;
  index: { kind: Kind; text: string } | Reference;
}

function checkUse(use: ExpressionUse, report: (finding: Finding) => void, scope: ExpressionScope): void {
  if (!use.text.includes("[")) return;
  const inScope = kindsIn(scope);
  const kindsOf: KindsOf = (reference) => indexKinds(reference) ?? inScope(reference);
  for (const body of use.bodies) {
    if (!body.includes("[")) continue;
    for (const access of accessesByText(body, () => indexAccesses(tokenize(body)))) {
      const problem = problemOf(access, kindsOf);
      if (problem) report({ path: use.path, ...problem });
    }
  }
}

// Indexes recur little, but the same text is read once per job: each is tokenized once.
const accessesByText = textMemo<readonly IndexAccess[]>(5_000);

// `github.event.inputs.*` holds text whatever the input's type: the payload keeps what was typed.
function indexKinds(reference: Reference): readonly Kind[] | undefined {
  const [first, second, third] = reference.segments;
  return reference.root === "github" && first === "event" && second === "inputs" && typeof third === "string" && reference.segments.length === 3 ? ["string"] : undefined;
}

function problemOf({ receiver, index }: IndexAccess, kindsOf: KindsOf): Omit<Finding, "path"> | undefined {
  const isList = isListReference(receiver);
  const isObject = !isList && isObjectReference(receiver);
  if (!isList && !isObject) return undefined;
  const kinds = "kind" in index ? [index.kind] : kindsOf(index);
  if (!kinds || kinds.length === 0) return undefined;
  const written = "kind" in index ? index.text : formatReference(index);
  const target = formatReference(receiver);
  if (isObject && kinds.every((kind) => kind === "number" || kind === "boolean")) {
    return { message: `${target} is an object, read by property name, and ${written} is a ${kinds[0]}: ${target}[${written}] is always empty`, hint: `index it with a property name, e.g. ${target}['name'], or read ${target}.name` };
  }
  if (!isList) return undefined;
  // GitHub reads a list's item by the index as a number: '2' reads item 2, 'bug' reads nothing
  if ("kind" in index && index.kind === "string") {
    const number = Number(index.text.slice(1, -1));
    if (index.text.slice(1, -1).trim() !== "" && Number.isFinite(number) && number >= 0) return undefined;
    return { message: `${target} is a list, read by item number, and ${written} is not one: ${target}[${written}] is always empty`, hint: `look for an item with contains(${target}.*.name, ${written}), or filter the list with .*` };
  }
  if (kinds.every((kind) => kind === "string")) {
    return { severity: "warning", message: `${target} is a list, read by item number, and ${written} is text: ${target}[${written}] reads an item only when the text is written as a number`, hint: "index it with a number (a number input read as inputs.<name> stays a number)" };
  }
  if (kinds.every((kind) => kind === "boolean")) {
    return { severity: "warning", message: `${target} is a list, read by item number, and ${written} is a boolean: true reads item 1 and false item 0`, hint: "index it with a number" };
  }
  return undefined;
}

// Every `[index]` after a context read, with a literal or a plain reference inside.
function indexAccesses(tokens: readonly Token[]): IndexAccess[] {
  const found: IndexAccess[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== "name" || tokens[i - 1]?.text === "." || tokens[i + 1]?.text === "(") continue;
    const segments: (string | null)[] = [];
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j]!;
      const after = tokens[j + 1];
      if (next.text === "." && after && (after.kind === "name" || after.text === "*")) {
        segments.push(after.text.toLowerCase());
        j += 2;
      } else if (next.text === "[" && after?.kind === "string" && tokens[j + 2]?.text === "]") {
        // a name in brackets reads a property: of a list, it reads nothing (`labels['bug']`)
        const receiver = { root: token.text.toLowerCase(), segments: [...segments] };
        if (isListReference(receiver)) found.push({ receiver, index: { kind: "string", text: `'${after.text}'` } });
        segments.push(after.text.toLowerCase());
        j += 3;
      } else if (next.text === "[") {
        const index = indexAt(tokens, j + 1);
        if (index) found.push({ receiver: { root: token.text.toLowerCase(), segments: [...segments] }, index: index.index });
        // what follows is an item or property not known by name
        segments.push(null);
        j = index ? index.end + 1 : tokens.length;
      } else break;
    }
    i = j - 1;
  }
  return found;
}

// The index between `[` at `start - 1` and its `]`: a number or boolean literal, or a plain reference.
function indexAt(tokens: readonly Token[], start: number): { index: IndexAccess["index"]; end: number } | undefined {
  const first = tokens[start];
  if (!first) return undefined;
  if (first.kind === "number" && tokens[start + 1]?.text === "]") return { index: { kind: "number", text: first.text }, end: start + 1 };
  if (first.kind !== "name") return undefined;
  const lower = first.text.toLowerCase();
  if ((lower === "true" || lower === "false") && tokens[start + 1]?.text === "]") return { index: { kind: "boolean", text: lower }, end: start + 1 };
  const segments: string[] = [];
  let j = start + 1;
  while (tokens[j]?.text === "." && tokens[j + 1]?.kind === "name") {
    segments.push(tokens[j + 1]!.text.toLowerCase());
    j += 2;
  }
  return tokens[j]?.text === "]" ? { index: { root: lower, segments }, end: j } : undefined;
}
