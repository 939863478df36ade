// Type-checks fixture files with the TypeScript compiler API and compares the diagnostics with the
// `// error: TSxxxx` markers in the fixtures, so an expected error that disappears fails a test as
// surely as an unexpected one that appears (`@ts-expect-error` alone passes when a whole file breaks).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
// The folders whose types the fixtures exercise: the generated types, typed expressions and the DSL over them.
const TYPE_SOURCES = ["src/types", "src/expressions", "src/dsl"].map((dir) => path.join(REPO_ROOT, dir));

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
  /** Diagnostics outside the fixtures (options, src/types/, src/expressions/, src/dsl/): always a bug. */
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
  // Only the fixtures are checked: the files they import are read for their types, not checked
  // whole (the repository's own `tsc --noEmit` does that), which keeps this to a few seconds.
  // The types they are written against are checked too: an error there (a renamed type, say) would
  // make the fixtures' types `any` and silently drop every expected error.
  const checked = program.getSourceFiles().filter((file) => isInside(folder, file.fileName) || TYPE_SOURCES.some((dir) => isInside(dir, file.fileName)));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  for (const diagnostic of diagnostics) {
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

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, path.resolve(file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
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
