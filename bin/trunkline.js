#!/usr/bin/env node
// Runs the bundled CLI. In a checkout of trunkline itself, rebuilds the bundle first when any
// file under src/ or schema/ is newer than it, so `npm run gen` never runs stale code.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const bundle = path.join(root, "dist", "cli.js");

// Whether any file under `folder` was modified after `builtAt`. Every file is stat'ed: an edit in
// place changes only the file's mtime, never its folder's. Stops at the first newer file, and joins
// paths by hand (path.join normalizes every one): this runs before every command in a checkout.
function hasNewerFile(folder, builtAt) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = `${folder}/${entry.name}`;
    if (entry.isDirectory() ? hasNewerFile(full, builtAt) : statSync(full).mtimeMs > builtAt) return true;
  }
  return false;
}

// A checkout has the build script; an installed package ships dist/ (bundles and declarations) only.
if (existsSync(path.join(root, "scripts", "build.mjs")) && existsSync(path.join(root, "src"))) {
  const builtAt = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const schema = path.join(root, "schema");
  if (hasNewerFile(path.join(root, "src"), builtAt) || (existsSync(schema) && hasNewerFile(schema, builtAt))) await (await import("../scripts/build.mjs")).build();
}
// A gen or check that found nothing to do, called again with nothing changed, prints the same
// again without loading the compiler (src/io/up-to-date.ts).
const argv = process.argv.slice(2);
const replayed = argv.length === 1 && (argv[0] === "gen" || argv[0] === "check") && (await import("../dist/replay.js")).replay(argv);
// Else the project's background server runs it, when one answers (src/daemon/); else this process does.
const served = !replayed && (argv[0] === "gen" || argv[0] === "check") && process.env.TRUNKLINE_DAEMON !== "0" && (await (await import("../dist/daemon-client.js")).serve(argv));
if (!replayed && !served) {
  // V8's optimizing compiler tuned for a one-shot command, before the CLI's code runs (v8-tuning.js);
  // loaded only here, where the work is: a replayed or served run does without it.
  const [{ setFlagsFromString }, { v8FlagsFor }] = await Promise.all([import("node:v8"), import("./v8-tuning.js")]);
  for (const flag of v8FlagsFor(argv, process.env)) setFlagsFromString(flag);
  await (await import("../dist/cli.js")).run();
}
