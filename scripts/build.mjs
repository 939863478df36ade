// Bundles the CLI and the public API into dist/, and with `declarations` writes their type
// declarations to dist/types/. Run in full by `npm run build` (so by `npm pack`, through `prepack`)
// and by the tests; bin/trunkline.js rebuilds only the bundles when src/ is newer than dist/.
import { build as esbuild } from "esbuild";
import { execFile } from "node:child_process";
import { cp, readdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));

// Bundled CommonJS dependencies (yaml, ajv's runtime) call require(); give the ESM bundle one.
const requireShim = 'import { createRequire as __trunklineCreateRequire } from "node:module"; const require = __trunklineCreateRequire(import.meta.url);';

/**
 * Builds dist/cli.js, dist/replay.js (the up-to-date fast path), dist/daemon-client.js (the client of
 * the background server of gen and check, which is dist/cli.js run with TRUNKLINE_DAEMON=serve), dist/index.js and dist/templates.js, and dist/lint-worker.js and
 * dist/validate-worker.js (the worker threads of a parallel lint and of a gen's validation, sharing the CLI's chunks). The CLI is split so that what a warm run does not need —
 * GitHub's parser and the schema validator, used only for outputs not validated before — sits in
 * chunks that are never read unless imported.
 */
export async function build({ declarations = false } = {}) {
  const common = { absWorkingDir: root, bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning", legalComments: "none" };
  await rm(`${root}/dist`, { recursive: true, force: true });
  await Promise.all([
    esbuild({ ...common, entryPoints: { cli: "src/cli/run.ts", "lint-worker": "src/validate/lint-worker.ts", "validate-worker": "src/validate/validate-worker.ts" }, outdir: "dist", splitting: true, chunkNames: "chunks/[name]-[hash]", external: ["esbuild"], banner: { js: requireShim }, loader: { ".json": "json" } }),
    esbuild({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", packages: "external" }),
    // read by bin/trunkline.js before the CLI on every gen and check: Node's own modules only, one file
    esbuild({ ...common, entryPoints: ["src/cli/replay.ts"], outfile: "dist/replay.js", packages: "external" }),
    // read by bin/trunkline.js when a gen or check was not replayed: asks the project's background server
    esbuild({ ...common, entryPoints: ["src/daemon/client.ts"], outfile: "dist/daemon-client.js", packages: "external" }),
    esbuild({ ...common, entryPoints: ["src/templates/index.ts"], outfile: "dist/templates.js", packages: "external" }),
    ...(declarations ? [buildDeclarations()] : []),
  ]);
  // data the rules read on first use (with its licence notice): beside the bundles, never inlined,
  // so a run that checks no action does not parse it
  await cp(`${root}/src/rules/data`, `${root}/dist/data`, { recursive: true });
  await writeParserSchema();
}

/**
 * Writes dist/data/parser-schema.json: the workflow definition GitHub's parser reads (corrected),
 * taken from this very build's parser chunk, so that a run rebuilds it instead of reading it.
 */
async function writeParserSchema() {
  const chunk = (await readdir(`${root}/dist/chunks`)).find((name) => /^parser-[A-Z0-9]+\.js$/.test(name));
  if (!chunk) throw new Error("no parser chunk in dist/chunks: the parser-schema snapshot cannot be written");
  const { parserSchemaSnapshot } = await import(pathToFileURL(`${root}/dist/chunks/${chunk}`).href);
  await writeFile(`${root}/dist/data/parser-schema.json`, JSON.stringify(parserSchemaSnapshot()));
}

/**
 * Writes dist/types/**\/*.d.ts for the two public entry points with tsc (tsconfig.build.json), so that
 * a repository that installs trunkline type-checks against declarations, never against its sources.
 */
async function buildDeclarations() {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.build.json", "--pretty", "false"], { cwd: root });
  } catch (error) {
    throw new Error(`type declarations not built:\n${error.stdout || error.stderr || error.message}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build({ declarations: true });
