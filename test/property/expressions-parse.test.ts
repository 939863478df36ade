import { Lexer, Parser } from "@actions/expressions";
import { Binary, ContextAccess, type Expr, FunctionCall, Grouping, IndexAccess, Literal, Logical, Unary } from "@actions/expressions/ast";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type TypedExpression, always, and, cancelled, contains, endsWith, eq, expr, failure, format, fromJSON, hashFiles, join, ne, not, or, startsWith, success, toJSON } from "../../src/expressions/index.js";
import { contextOf } from "../../src/expressions/_context.js";
import { isRendered, renderedTextOf } from "../../src/expressions/_expression.js";

const RUNS = { numRuns: 1000 };
const CONTEXTS = ["github", "env", "vars", "secrets", "inputs", "needs", "steps", "matrix", "strategy", "job", "jobs", "runner"];
// The status functions and hashFiles are added by the workflow parser, not the expression language.
const WORKFLOW_FUNCTIONS = ["always", "success", "failure", "cancelled"].map((name) => ({ name, minArgs: 0, maxArgs: 0 })).concat([{ name: "hashFiles", minArgs: 1, maxArgs: 255 }]);

/** What was built, as a tree to compare with the tree GitHub's parser reads back. */
type Node = { call: string; args: Node[] } | { op: string; args: Node[] } | { context: string } | { index: Node; key: string } | { literal: string | number | boolean | null };

interface Built {
  value: TypedExpression | string | number | boolean | null;
  node: Node;
}

// Property names of every kind: plain, with '-', reserved words, digits first, quotes, spaces, unicode.
const propertyName = fc.oneof(
  fc.constantFrom("os", "pull_request", "my-job", "true", "null", "NaN", "Infinity", "1st", "it's", "a b", "ünï", "_x", "A-1", "outputs"),
  fc.string({ minLength: 1, maxLength: 8 }),
).filter((name) => !["toString", "toJSON", "valueOf", "then", "constructor", "inspect"].includes(name));

const literal: fc.Arbitrary<Built> = fc
  .oneof(fc.string({ maxLength: 10 }), fc.constantFrom("it's", "}}", "${{ x }}", "''"), fc.integer({ min: -1e6, max: 1e6 }), fc.boolean(), fc.constant(null))
  .map((value) => ({ value, node: { literal: value } }));

const contextPath: fc.Arbitrary<Built> = fc.tuple(fc.constantFrom(...CONTEXTS), fc.array(propertyName, { maxLength: 4 })).map(([name, keys]) => {
  let value = contextOf<string, unknown>(name) as unknown as Record<string, unknown>;
  let node: Node = { context: name };
  for (const key of keys) {
    value = value[key] as Record<string, unknown>;
    node = { index: node, key };
  }
  return { value: value as unknown as TypedExpression, node };
});

// Built by the public functions, typed loosely: the property is about the text, not the types.
type Builder = (...args: never[]) => TypedExpression;
const built = (fn: Builder, args: Built[], node: (args: Node[]) => Node): Built => ({ value: (fn as (...args: unknown[]) => TypedExpression)(...args.map((arg) => arg.value)), node: node(args.map((arg) => arg.node)) });
const call = (name: string) => (args: Node[]): Node => ({ call: name, args });
const op = (name: string) => (args: Node[]): Node => ({ op: name, args });

const { expression } = fc.letrec<{ expression: Built; operand: Built }>((tie) => ({
  operand: fc.oneof({ depthSize: "small", withCrossShrink: true }, literal, contextPath, tie("expression")),
  expression: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    contextPath,
    fc.constantFrom<[string, Builder]>(["always", always], ["success", success], ["failure", failure], ["cancelled", cancelled]).map(([name, fn]) => built(fn, [], call(name))),
    fc.tuple(tie("operand"), tie("operand")).chain(([a, b]) => fc.constantFrom<[string, Builder]>(["contains", contains], ["startsWith", startsWith], ["endsWith", endsWith]).map(([name, fn]) => built(fn, [a, b], call(name)))),
    fc.tuple(tie("operand"), tie("operand")).map(([a, b]) => built(eq, [a, b], op("=="))),
    fc.tuple(tie("operand"), tie("operand")).map(([a, b]) => built(ne, [a, b], op("!="))),
    fc.array(tie("operand"), { minLength: 2, maxLength: 4 }).map((args) => built(and, args, op("&&"))),
    fc.array(tie("operand"), { minLength: 2, maxLength: 4 }).map((args) => built(or, args, op("||"))),
    tie("operand").map((a) => built(not, [a], op("!"))),
    fc.tuple(fc.string({ maxLength: 10 }), fc.array(tie("operand"), { maxLength: 3 })).map(([template, args]) => ({
      value: format(template, ...(args.map((arg) => arg.value) as never[])),
      node: { call: "format", args: [{ literal: template }, ...args.map((arg) => arg.node)] },
    })),
    fc.tuple(tie("operand"), fc.option(tie("operand"), { nil: undefined })).map(([list, separator]) => built(join, separator ? [list, separator] : [list], call("join"))),
    tie("operand").map((a) => built(toJSON, [a], call("toJSON"))),
    tie("operand").map((a) => built(fromJSON, [a], call("fromJSON"))),
    fc.array(tie("operand"), { minLength: 1, maxLength: 3 }).map((args) => built(hashFiles, args, call("hashFiles"))),
  ),
}));

/** Reads an expression body with GitHub's lexer and parser, as the runner does. */
function parseBody(body: string): Expr {
  const { tokens } = new Lexer(body).lex();
  return new Parser(tokens, CONTEXTS, WORKFLOW_FUNCTIONS).parse();
}

// The parser's tree in the shape of `Node`: groupings dropped, `a.b` and `a['b']` both an index.
function toNode(expression: Expr): Node {
  if (expression instanceof Grouping) return toNode(expression.group);
  if (expression instanceof Literal) {
    // The string as lexed, unescaped here: this library's lexer turns only the first '' into '
    // (the runner turns every one), so its value would differ from GitHub's for "it''s ''ok''".
    const { lexeme } = expression.token;
    if (lexeme.startsWith("'")) return { literal: lexeme.slice(1, -1).replaceAll("''", "'") };
    return { literal: (expression.literal as { value?: string | number | boolean }).value ?? null };
  }
  if (expression instanceof ContextAccess) return { context: expression.name.lexeme };
  if (expression instanceof IndexAccess) {
    const key = toNode(expression.index);
    if (!("literal" in key)) throw new Error("an index that is not a literal");
    return { index: toNode(expression.expr), key: String(key.literal) };
  }
  if (expression instanceof FunctionCall) return { call: expression.functionName.lexeme, args: expression.args.map(toNode) };
  if (expression instanceof Unary) return { op: expression.operator.lexeme, args: [toNode(expression.expr)] };
  if (expression instanceof Binary) return { op: expression.operator.lexeme, args: [toNode(expression.left), toNode(expression.right)] };
  if (expression instanceof Logical) return { op: expression.operator.lexeme, args: expression.args.map(toNode) };
  throw new Error(`unexpected node ${expression.constructor.name}`);
}

// `a && b && c` may be read as one node of three or two nested nodes: compare them flattened.
function flatten(node: Node): Node {
  if ("op" in node && (node.op === "&&" || node.op === "||")) {
    return { op: node.op, args: node.args.map(flatten).flatMap((arg) => ("op" in arg && arg.op === node.op ? arg.args : [arg])) };
  }
  if ("args" in node) return { ...node, args: node.args.map(flatten) };
  if ("index" in node) return { ...node, index: flatten(node.index) };
  return node;
}

const BODY = /^\$\{\{ ([\s\S]*) \}\}$/;

describe("typed expressions, read back by GitHub's expression parser", () => {
  it("issue 10.2: every expression built parses, and GitHub reads the tree that was built", () => {
    fc.assert(
      fc.property(expression, ({ value, node }) => {
        if (!isRendered(value)) return;
        const body = BODY.exec(renderedTextOf(value))?.[1];
        expect(body).toBeDefined();
        expect(flatten(toNode(parseBody(body!)))).toEqual(flatten(node));
      }),
      RUNS,
    );
  });

  it("issue 10.2: expr`…` puts each expression in ${{ }} and the text around it as it is", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }).filter((text) => !text.includes("${{")), expression), { maxLength: 3 }), fc.string({ maxLength: 6 }), (pieces, tail) => {
        const strings = Object.assign([...pieces.map(([text]) => text), tail], { raw: [] }) as unknown as TemplateStringsArray;
        const text = renderedTextOf(expr(strings, ...(pieces.map(([, part]) => part.value) as never[])));
        let expected = "";
        for (const [prefix, part] of pieces) expected += prefix + (isRendered(part.value) ? renderedTextOf(part.value) : String(part.value));
        expect(text).toBe(expected + tail);
        for (const [, part] of pieces) if (isRendered(part.value)) parseBody(BODY.exec(renderedTextOf(part.value))![1]!);
      }),
      RUNS,
    );
  });
});
