// What the background server loads before its first call, so that the first edit it serves costs
// what the later ones do: esbuild's service, GitHub's parser and the schema validator, each run once.
import { createRequire } from "node:module";

const SAMPLE_FILE = ".github/workflows/warm-up.yml";
const SAMPLE = { name: "warm-up", on: "push", jobs: { build: { "runs-on": "ubuntu-latest", steps: [{ run: "echo ${{ github.sha }}" }] } } };
const SAMPLE_TEXT = 'name: warm-up\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.sha }}\n';

/** Starts esbuild and loads the validators, validating a sample workflow; any failure is left to the calls. */
export async function warmUp(): Promise<void> {
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const [{ validateSchema }, { validateWithParser }] = await Promise.all([import("../validate/schema.js"), import("../validate/parser.js"), esbuild.transform("export {}", { loader: "ts" })]);
  validateSchema(SAMPLE, SAMPLE_FILE);
  await validateWithParser(SAMPLE_TEXT, SAMPLE_FILE);
}
