// Type-checks sources of a temporary repository as a consumer's editor would: strict, NodeNext,
// trunkline resolved through the repository's node_modules. One line per diagnostic.
import path from "node:path";
import ts from "typescript";
import { REPO_ROOT } from "./temp-repo.js";

/** Each diagnostic of `files` (absolute paths) as "<file relative to root>:<line> <first message line>". */
export function consumerTypeErrors(root: string, files: readonly string[], extraOptions: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram([...files], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    verbatimModuleSyntax: true,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    typeRoots: [path.join(REPO_ROOT, "node_modules/@types")],
    ...extraOptions,
  });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file ? `${path.relative(root, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n").split("\n")[0]}`;
  });
}
