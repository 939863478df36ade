import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli/main.js";
import { createNodeIo } from "../../src/io/node-io.js";

/** The trunkline checkout under test. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** A throw-away repository that uses trunkline the way a user's repository would. */
export interface TempRepo {
  root: string;
  write(file: string, text: string): Promise<void>;
  read(file: string): Promise<string | undefined>;
  remove(file: string): Promise<void>;
  /** Runs the CLI in-process; `env` defaults to a non-CI environment, `cwd` (repo-relative) to the root. */
  run(argv: string[], env?: Record<string, string>, options?: { cwd?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Every file except node_modules and the compile cache, for "nothing changed" assertions. */
  snapshot(): Promise<Record<string, string>>;
  dispose(): Promise<void>;
}

/** Creates a temp repository with `node_modules/trunkline` linked to this checkout. */
export async function createTempRepo(files: Record<string, string> = {}): Promise<TempRepo> {
  const root = await mkdtemp(path.join(tmpdir(), "trunkline-test-"));
  await mkdir(path.join(root, "node_modules"), { recursive: true });
  await symlink(REPO_ROOT, path.join(root, "node_modules", "trunkline"), "dir");
  // A user who writes workflow-ts builders has that library installed too.
  await mkdir(path.join(root, "node_modules", "@github-actions-workflow-ts"), { recursive: true });
  await symlink(path.join(REPO_ROOT, "node_modules", "@github-actions-workflow-ts", "lib"), path.join(root, "node_modules", "@github-actions-workflow-ts", "lib"), "dir");
  // what a user's repository has once trunkline is installed: the marker of a project root
  await writeFile(path.join(root, "package.json"), '{ "type": "module", "devDependencies": { "trunkline": "*" } }\n');
  const repo: TempRepo = {
    root,
    async write(file, text) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    },
    async read(file) {
      return readFile(path.join(root, file), "utf8").catch(() => undefined);
    },
    async remove(file) {
      await rm(path.join(root, file), { force: true });
    },
    async run(argv, env = {}, options = {}) {
      let stdout = "";
      let stderr = "";
      const cwd = path.resolve(root, options.cwd ?? ".");
      const io = createNodeIo(cwd, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, env, { cwd });
      const code = await main(argv, io);
      return { code, stdout, stderr };
    },
    async snapshot() {
      const result: Record<string, string> = {};
      const walk = async (folder: string): Promise<void> => {
        for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
          const relative = folder ? `${folder}/${entry.name}` : entry.name;
          if (relative === "node_modules" || relative === ".trunkline/cache") continue;
          if (entry.isDirectory()) await walk(relative);
          else result[relative] = await readFile(path.join(root, relative), "utf8");
        }
      };
      await walk("");
      return result;
    },
    async dispose() {
      await rm(root, { recursive: true, force: true });
    },
  };
  for (const [file, text] of Object.entries(files)) await repo.write(file, text);
  return repo;
}
