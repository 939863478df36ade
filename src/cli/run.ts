import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createNodeIo } from "../io/node-io.js";
import { main } from "./main.js";

/** The process entry point: the only place that reads process.argv or sets the exit code. */
export async function run(): Promise<void> {
  const io = createNodeIo(process.cwd(), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, process.env, { validatorFingerprint: buildFingerprint(), cwd: process.cwd() });
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (error) {
    // A throw here is a bug in trunkline, not in the user's sources.
    process.stderr.write(`trunkline: internal error: ${(error as Error).stack ?? String(error)}\nPlease report it with the command you ran.\n`);
    process.exitCode = 70;
  }
}

// The bundle this code runs from identifies the validators: a rebuild or an upgrade changes it.
function buildFingerprint(): string | undefined {
  try {
    const bundle = statSync(fileURLToPath(import.meta.url));
    return `${bundle.size}-${bundle.mtimeMs}`;
  } catch {
    return undefined;
  }
}
