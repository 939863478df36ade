// Bundles the CLI and the public API into dist/. Run by `npm run build`, by `prepare` on install,
// and by bin/trunkline.js when src/ is newer than dist/ in a checkout.
import { build as esbuild } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Bundled CommonJS dependencies (yaml, ajv's runtime) call require(); give the ESM bundle one.
const requireShim = 'import { createRequire as __trunklineCreateRequire } from "node:module"; const require = __trunklineCreateRequire(import.meta.url);';

/** Builds dist/cli.js (everything bundled: one file loads fastest) and dist/index.js. */
export async function build() {
  const common = { absWorkingDir: root, bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning", legalComments: "none" };
  await Promise.all([
    esbuild({ ...common, entryPoints: ["src/cli/run.ts"], outfile: "dist/cli.js", external: ["esbuild"], banner: { js: requireShim }, loader: { ".json": "json" } }),
    esbuild({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/index.js", packages: "external" }),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();
