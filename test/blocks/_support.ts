// Helpers for block, template and target tests: compile DSL values the way `trunkline gen` does,
// read the YAML back as data, and evaluate GitHub expressions with GitHub's own evaluator.
import { spawnSync } from "node:child_process";
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { parse } from "yaml";
import type { Workflow } from "../../src/dsl/types.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { parseHeader } from "../../src/emit/header.js";
import { normalizeSource } from "../../src/normalize/normalize-source.js";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { emitBodyWithYamlLibrary } from "../emit/_yaml-library-emit.js";

/** A workflow as `gen` writes it, and as data read back from that text. */
export interface Emitted {
  fileName: string;
  text: string;
  // Parsed YAML: tests navigate it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/** Normalizes and emits DSL workflows exactly as `trunkline gen` does; fails on any diagnostic. */
export function emitWorkflows(workflows: Record<string, Workflow>, sourceFile = "workflows-src/test.ts"): Emitted[] {
  const { workflows: normalized, diagnostics } = normalizeSource({ file: sourceFile, exports: workflows });
  if (diagnostics.length) throw new Error(`normalize reported: ${JSON.stringify(diagnostics, null, 2)}`);
  return normalized.map((workflow) => {
    const text = emitYaml(workflow.model, sourceFile);
    // every block and template is also a case of the YAML writer against the yaml package
    if (parseHeader(text)?.body !== emitBodyWithYamlLibrary(workflow.model)) throw new Error(`${workflow.fileName}: the YAML writer and the yaml package differ`);
    return { fileName: workflow.fileName, text, data: parse(text) };
  });
}

/** Emits one workflow. */
export function emitWorkflow(workflow: Workflow): Emitted {
  return emitWorkflows({ default: workflow })[0]!;
}

/** Schema and GitHub-parser problems of an emitted file, as "rule: message" strings. */
export async function validationProblems(file: { fileName: string; text: string; data: unknown }): Promise<string[]> {
  const found = [...validateSchema(file.data as never, file.fileName), ...(await validateWithParser(file.text, file.fileName))];
  return found.map((diagnostic) => `${diagnostic.rule}: ${diagnostic.message}`);
}

/**
 * Evaluates a GitHub expression (with or without `${{ }}`) against contexts given as plain JSON,
 * using GitHub's evaluator; returns the result's truthiness and its string form.
 */
export function evaluate(expression: string, contexts: Record<string, unknown>): { truthy: boolean; text: string } {
  const body = expression.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, "$1").trim();
  const lexed = new Lexer(body).lex();
  const parsed = new Parser(lexed.tokens, Object.keys(contexts), []).parse();
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
  const result = new Evaluator(parsed, context).evaluate();
  return { truthy: truthy(result), text: result.coerceString() };
}

/** Runs a bash script with the given environment; returns its exit code and output. */
export function runBash(script: string, env: Record<string, string>): { code: number; stdout: string; stderr: string } {
  const result = spawnSync("bash", ["-c", script], { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env }, encoding: "utf8" });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs one bash script once per environment, all in a single bash process (a subshell per case, so
 * an `exit` ends only that case); returns the exit codes in order. Much cheaper than a process each.
 */
export function runBashCases(script: string, cases: readonly Record<string, string>[]): number[] {
  const quote = (value: string) => `'${value.replace(/'/g, "'\\''")}'`;
  const driver = cases
    .map((env) => `( ${Object.entries(env).map(([name, value]) => `export ${name}=${quote(value)}; `).join("")}eval "$SCRIPT_UNDER_TEST" ) > /dev/null 2>&1; echo "$?"`)
    .join("\n");
  const { code, stdout, stderr } = runBash(driver, { SCRIPT_UNDER_TEST: script });
  if (code !== 0) throw new Error(`the test driver failed: ${stderr}`);
  return stdout.trim().split("\n").map(Number);
}

/** Every `${{ … }}` in a text. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((match) => match[1]!.trim());
}
