#!/usr/bin/env node
// Runs the bundled CLI. In a checkout of trunkline itself, rebuilds the bundle first when any
// file under src/ or schema/ is newer than it, so `npm run gen` never runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = path.join(root, "dist", "cli.js");

function newestMtime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

// A checkout has the build script; an installed package ships dist/ (bundles and declarations) only.
if (existsSync(path.join(root, "scripts", "build.mjs")) && existsSync(path.join(root, "src"))) {
  const builtAt = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(root, "src")), existsSync(path.join(root, "schema")) ? newestMtime(path.join(root, "schema")) : 0);
  if (sources > builtAt) await (await import("../scripts/build.mjs")).build();
}
// A gen or check that found nothing to do, called again with nothing changed, prints the same
// again without loading the compiler (src/io/up-to-date.ts).
const argv = process.argv.slice(2);
const replayed = argv.length === 1 && (argv[0] === "gen" || argv[0] === "check") && (await import("../dist/replay.js")).replay(argv);
if (!replayed) await (await import("../dist/cli.js")).run();
