import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { TempRepo } from "./temp-repo.js";

/**
 * The diagnostics of a `--format json` run: stdout must be exactly one JSON array (the CLI's
 * contract), so anything else on stdout fails the test instead of being skipped over.
 */
export function diagnosticsOf(result: { stdout: string }): Diagnostic[] {
  const parsed = JSON.parse(result.stdout) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`stdout is not a JSON array:\n${result.stdout}`);
  return parsed as Diagnostic[];
}

/** Runs the CLI in-process with `--format json` and parses its diagnostics from stdout. */
export async function runJson(repo: TempRepo, argv: string[]): Promise<{ code: number; diagnostics: Diagnostic[]; stderr: string }> {
  const result = await repo.run([...argv, "--format", "json"]);
  return { code: result.code, diagnostics: diagnosticsOf(result), stderr: result.stderr };
}
