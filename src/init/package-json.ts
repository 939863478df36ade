/** The scripts `trunkline init` adds, and what each runs. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = { gen: "trunkline gen", check: "trunkline check" };

/** package.json after `init`: its new text (undefined when nothing changes) and what was kept as it was. */
export interface PackageJsonEdit {
  text: string | undefined;
  added: string[];
  /** Existing scripts of the same name that run something else, left alone. */
  conflicts: { script: string; command: string }[];
  /** Whether `npm run check` runs trunkline check, once the edit is made. */
  checkScriptRunsTrunkline: boolean;
  /** Whether package.json lists trunkline as a dependency already. */
  dependsOnTrunkline: boolean;
}

/**
 * Adds the gen/check scripts to a package.json (undefined: there is none yet), keeping its
 * indentation and every other key; a script of the same name is kept whatever it says. The
 * dependency is not written: the name is not on the npm registry, so a version range would not
 * install; the caller says how to install the packed tarball instead. A package.json written from
 * scratch says `"type": "module"`: the sources are ES modules, which tsc's `nodenext` reads only
 * so. Throws SyntaxError on invalid JSON.
 */
export function editPackageJson(text: string | undefined): PackageJsonEdit {
  const manifest = (text === undefined ? { private: true, type: "module" } : JSON.parse(text)) as Record<string, unknown>;
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new SyntaxError("package.json is not a JSON object");
  const added: string[] = [];
  const conflicts: PackageJsonEdit["conflicts"] = [];
  const depends = ["dependencies", "devDependencies"].some((field) => isRecord(manifest[field]) && "trunkline" in (manifest[field] as object));
  const scripts: Record<string, unknown> = isRecord(manifest.scripts) ? { ...manifest.scripts } : {};
  for (const [script, command] of Object.entries(INIT_SCRIPTS)) {
    if (scripts[script] === undefined) {
      scripts[script] = command;
      added.push(`scripts.${script}`);
    } else if (scripts[script] !== command) conflicts.push({ script, command: String(scripts[script]) });
  }
  manifest.scripts = scripts;
  const indent = /^\{\r?\n([ \t]+)"/.exec(text ?? "")?.[1] ?? 2;
  return {
    text: added.length ? `${JSON.stringify(manifest, null, indent)}\n` : undefined,
    added,
    conflicts,
    checkScriptRunsTrunkline: String(scripts.check).includes(INIT_SCRIPTS.check!),
    dependsOnTrunkline: depends,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
