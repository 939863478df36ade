// README code blocks as tests read them, and a type check of one as a workflow source of this
// repository (importing "trunkline" as a user does), with tsconfig.json's options.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./temp-repo.js";

/** The README's text. */
export const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** The first fenced block of `language` after `heading` in the README. */
export function readmeBlock(heading: string, language: string): string {
  const at = README.indexOf(heading);
  if (at < 0) throw new Error(`README has no "${heading}"`);
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)```").exec(README.slice(at));
  if (!match) throw new Error(`README has no ${language} block after "${heading}"`);
  return match[1]!;
}

/** The messages of every type error in `text`, checked as a file under workflows-src/. */
export function snippetTypeErrors(text: string): string[] {
  const file = path.join(REPO_ROOT, "workflows-src/__readme-snippet__.ts");
  const { config } = ts.readConfigFile(path.join(REPO_ROOT, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile(name, language, ...rest));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram({ rootNames: [file], options: { ...options, noEmit: true }, host });
  const source = program.getSourceFile(file)!;
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}
