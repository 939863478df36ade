// Type-checks fixture files with the TypeScript compiler API and compares the diagnostics with the
// `// error: TSxxxx` markers in the fixtures, so an expected error that disappears fails a test as
// surely as an unexpected one that appears (`@ts-expect-error` alone passes when a whole file breaks).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** One diagnostic, as the comparison sees it: where, and which error. */
export interface TypeError {
  /** The fixture's file name, relative to its folder. */
  file: string;
  /** 1-based. */
  line: number;
  /** "TS2353", … */
  code: string;
}

/** What the compiler reported and what the fixtures expect, for every fixture in a folder. */
export interface FixtureCheck {
  files: string[];
  actual: TypeError[];
  expected: TypeError[];
  /** Marked errors whose quoted text is in none of the compiler's messages at that line, as "file:line: text". */
  unmatchedTexts: string[];
  /** Diagnostics outside the fixtures (options, the project's own files): always a bug. */
  elsewhere: string[];
}

// At the end of a line: `// error: TS2353`, `// error: TS2322 TS2353`, or with a text the compiler's
// message must contain, to pin the reason: `// error: TS2322 "Types of property 'run'"`.
const MARKER = /\/\/\s*error:\s*((?:TS\d+\s*)+)(?:"(.*)")?$/;

/** Checks every `.ts` file in `folder` with one Program and the repository's compiler options. */
export function checkFixtures(folder: string): FixtureCheck {
  const files = readdirSync(folder).filter((name) => name.endsWith(".ts")).sort();
  const program = ts.createProgram({
    rootNames: files.map((name) => path.join(folder, name)),
    options: { ...repositoryOptions(), noEmit: true },
  });
  const actual: TypeError[] = [];
  const messages = new Map<string, string[]>();
  const elsewhere: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file ? path.relative(folder, diagnostic.file.fileName) : undefined;
    if (!diagnostic.file || !file || file.startsWith("..")) {
      elsewhere.push(ts.formatDiagnostic(diagnostic, { getCanonicalFileName: (name) => name, getCurrentDirectory: () => REPO_ROOT, getNewLine: () => "\n" }));
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const error = { file, line: line + 1, code: `TS${diagnostic.code}` };
    actual.push(error);
    const key = keyOf(error);
    messages.set(key, [...(messages.get(key) ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")]);
  }
  const marked = files.flatMap((file) => markedErrors(file, readFileSync(path.join(folder, file), "utf8")));
  const unmatchedTexts = marked
    .filter(({ error, text }) => text !== undefined && !(messages.get(keyOf(error)) ?? []).some((message) => message.includes(text)))
    .map(({ error, text }) => `${error.file}:${error.line}: ${text}`);
  return { files, actual: sortErrors(actual), expected: sortErrors(marked.map(({ error }) => error)), unmatchedTexts, elsewhere };
}

function markedErrors(file: string, text: string): { error: TypeError; text: string | undefined }[] {
  return text.split("\n").flatMap((content, index) => {
    const match = MARKER.exec(content.trimEnd());
    const codes = match?.[1]?.trim().split(/\s+/) ?? [];
    return codes.map((code) => ({ error: { file, line: index + 1, code }, text: match?.[2] }));
  });
}

function keyOf(error: TypeError): string {
  return `${error.file}:${error.line}:${error.code}`;
}

function sortErrors(errors: TypeError[]): TypeError[] {
  return errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.code.localeCompare(b.code));
}

// The options `npx tsc --noEmit` uses, so the fixtures are checked as sources in the repository are.
function repositoryOptions(): ts.CompilerOptions {
  const configFile = path.join(REPO_ROOT, "tsconfig.json");
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config, ts.sys, REPO_ROOT, undefined, configFile).options;
}
