import { parseDocument } from "yaml";
import { CONFIG_FILE } from "../../config/resolve-config.js";
import { type Diagnostic, hasErrors, sortDiagnostics } from "../../diagnostics/diagnostic.js";
import { type Format, formatDiagnostics } from "../../diagnostics/format/index.js";
import { createLocator } from "../../diagnostics/locate.js";
import type { Io } from "../../io/io.js";
import { discover } from "../../load/discover.js";
import { defaultValidators } from "../../validate/default-validators.js";
import type { JsonObject } from "../../model/json.js";
import { ExitCode } from "../exit-code.js";

/** Options of `trunkline lint`. */
export interface LintOptions {
  /** Files or folders; by default every target's output folder and `.github/workflows`. */
  paths: string[];
  format: Format;
}

/** `trunkline lint`: validate YAML workflows, generated or hand-written, with YAML line and column. */
export async function lint(options: LintOptions, io: Io): Promise<ExitCode> {
  const files = await lintTargets(options.paths, io);
  const validators = await defaultValidators();
  const diagnostics: Diagnostic[] = [];
  await Promise.all(
    files.map(async (file) => {
      const text = await io.readText(file);
      if (text === undefined) {
        diagnostics.push({ rule: "load", severity: "error", file, message: `${file} does not exist`, hint: "pass a YAML file or a folder of them" });
        return;
      }
      const document = parseDocument(text);
      if (document.errors.length) {
        diagnostics.push(...document.errors.map((error) => ({ rule: "parser", severity: "error" as const, file, line: error.linePos?.[0].line, column: error.linePos?.[0].col, message: error.message.split("\n")[0]! })));
        return;
      }
      const model = document.toJS({ maxAliasCount: 1000 }) as JsonObject;
      const found = (await Promise.all(validators.map((validate) => validate({ model, text, file })))).flat();
      const locator = found.some((diagnostic) => diagnostic.line === undefined) ? createLocator(text) : undefined;
      diagnostics.push(...found.map((diagnostic) => (diagnostic.line === undefined && diagnostic.path ? { ...diagnostic, ...locator!.positionOf(diagnostic.path) } : diagnostic)));
    }),
  );
  const sorted = sortDiagnostics(diagnostics);
  if (sorted.length) io.stdout(formatDiagnostics(sorted, options.format));
  io.stderr(`trunkline: ${files.length} file${files.length === 1 ? "" : "s"} checked, ${sorted.filter((diagnostic) => diagnostic.severity === "error").length} error(s).\n`);
  return hasErrors(sorted) ? ExitCode.Problems : ExitCode.Ok;
}

async function lintTargets(paths: readonly string[], io: Io): Promise<string[]> {
  const folders = paths.length ? paths : [".github/workflows", ...(await outputFolders(io))];
  const files = new Set<string>();
  for (const entry of folders) {
    const clean = entry.replace(/\\/g, "/").replace(/\/+$/, "");
    if (/\.ya?ml$/.test(clean)) files.add(clean);
    else for (const file of await io.listFiles(clean, [".yml", ".yaml"])) files.add(file);
  }
  return [...files].sort();
}

async function outputFolders(io: Io): Promise<string[]> {
  if ((await io.readText(CONFIG_FILE)) === undefined) {
    const folders = await io.listFolders("workflows-src/targets");
    return folders.map((name) => `generated/${name}/.github/workflows`);
  }
  const discovery = await discover(io);
  return discovery.targets.map((entry) => entry.target.outDir);
}
