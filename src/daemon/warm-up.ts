// What the background server loads before its first call, so that the first edit it serves costs
// what the later ones do: esbuild's service, and the validators readied as the validation worker
// readies them (their code loaded and run once on a sample workflow).
import { createRequire } from "node:module";
import { prepareValidators } from "../validate/default-validators.js";

/** Starts esbuild and readies the validators; any failure is left to the calls. */
export async function warmUp(): Promise<void> {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  await Promise.all([prepareValidators(), esbuild.transform("export {}", { loader: "ts" })]);
}
