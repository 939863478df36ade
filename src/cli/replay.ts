import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { findReplay } from "../io/up-to-date.js";

/**
 * The fast path of `gen` and `check` (bundled on its own as dist/replay.js, read before the CLI):
 * when the same call found nothing to do and nothing it read has changed since, prints what it
 * printed and returns true; the process then ends without loading the compiler.
 */
export function replay(argv: readonly string[]): boolean {
  const found = findReplay({ argv, cwd: process.cwd(), build: buildOf(new URL("./cli.js", import.meta.url)), env: process.env, terminals: [process.stdout.isTTY === true, process.stderr.isTTY === true] });
  if (!found) return false;
  if (found.stdout) process.stdout.write(found.stdout);
  if (found.stderr) process.stderr.write(found.stderr);
  return true;
}

/** The size and mtime of the CLI bundle: a rebuild or an upgrade changes it. */
export function buildOf(bundle: URL): string | undefined {
  try {
    const info = statSync(fileURLToPath(bundle));
    return `${info.size}-${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}
