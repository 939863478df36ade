import { readdir } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";

/**
 * Files under `root` matching any of `patterns` (repo-relative, "/" separated, sorted). Walks only
 * below each pattern's static base folder; skips node_modules, hidden folders and `.d.ts` files.
 */
export async function glob(root: string, patterns: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  await Promise.all(
    patterns.map(async (pattern) => {
      const { base, glob: rest, isGlob } = picomatch.scan(pattern);
      if (!isGlob) {
        found.add(pattern);
        return;
      }
      const matches = picomatch(rest, { dot: false });
      for (const file of await walk(root, base, rest.includes("**") || rest.includes("/"))) {
        if (matches(file.slice(base ? base.length + 1 : 0))) found.add(file);
      }
    }),
  );
  return [...found].filter((file) => !file.endsWith(".d.ts")).sort();
}

async function walk(root: string, folder: string, deep: boolean): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isFile()) files.push(relative);
    else if (deep && entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith(".")) files.push(...(await walk(root, relative, deep)));
  }
  return files;
}

/**
 * The folders {@link glob} reads for `patterns` (repo-relative; "" is the root): a file or folder
 * added to or removed from any of them can change what the patterns match.
 */
export async function globFolders(root: string, patterns: readonly string[]): Promise<string[]> {
  const folders = new Set<string>();
  const visit = async (folder: string, deep: boolean): Promise<void> => {
    folders.add(folder);
    if (!deep) return;
    const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries
        .filter((entry) => entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."))
        .map((entry) => visit(folder ? `${folder}/${entry.name}` : entry.name, deep)),
    );
  };
  await Promise.all(
    patterns.map(async (pattern) => {
      const { base, glob: rest, isGlob } = picomatch.scan(pattern);
      // a plain path: its folder, where it may appear or vanish
      if (!isGlob) folders.add(pattern.includes("/") ? pattern.slice(0, pattern.lastIndexOf("/")) : "");
      else await visit(base, rest.includes("**") || rest.includes("/"));
    }),
  );
  return [...folders].sort();
}
