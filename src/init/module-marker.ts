import path from "node:path";
import type { Io } from "../io/io.js";

/** The text of the package.json that makes a folder's `.ts` files ES modules for tsc and Node. */
export const MODULE_MARKER = '{ "type": "module" }\n';

/**
 * Sources are ES modules (`import`, `export default`); in a CommonJS package `tsc --init`'s defaults
 * (`nodenext`, `verbatimModuleSyntax`) reject every one with TS1295. When the package.json nearest
 * to `sourceDir` (a project path) does not say `"type": "module"`, writes `sourceDir/package.json`
 * saying it, and returns its path; undefined when nothing was needed.
 */
export async function markSourcesAsModules(io: Io, sourceDir: string): Promise<string | undefined> {
  const marker = path.posix.join(sourceDir, "package.json");
  for (let folder = sourceDir; ; folder = path.posix.dirname(folder)) {
    const text = await io.readText(path.posix.join(folder, "package.json"));
    if (text !== undefined) {
      if (typeOf(text) === "module") return undefined;
      break;
    }
    if (folder === "." || folder === "") break;
  }
  // a package.json of the user's in the folder itself is theirs to change
  if ((await io.kindOf(marker)) !== undefined) return undefined;
  await io.writeAtomic(marker, MODULE_MARKER);
  return marker;
}

function typeOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { type?: unknown }).type;
  } catch {
    return undefined;
  }
}
