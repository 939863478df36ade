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
}

/**
 * Adds trunkline as a dev dependency and the gen/check scripts to a package.json (undefined: there
 * is none yet), keeping its indentation and every other key. A dependency on trunkline already
 * there, and a script of the same name, are kept whatever they say. Throws SyntaxError on invalid JSON.
 */
export function editPackageJson(text: string | undefined, version: string): PackageJsonEdit {
  const manifest = (text === undefined ? { private: true } : JSON.parse(text)) as Record<string, unknown>;
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) throw new SyntaxError("package.json is not a JSON object");
  const added: string[] = [];
  const conflicts: PackageJsonEdit["conflicts"] = [];
  const depends = ["dependencies", "devDependencies"].some((field) => isRecord(manifest[field]) && "trunkline" in (manifest[field] as object));
  if (!depends) {
    manifest.devDependencies = { ...(isRecord(manifest.devDependencies) ? manifest.devDependencies : {}), trunkline: `^${version}` };
    added.push(`devDependencies.trunkline ^${version}`);
  }
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
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
