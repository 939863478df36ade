/** A JavaScript package manager, told apart by its lockfile. */
export type PackageManager = "npm" | "pnpm" | "yarn";

/** What `trunkline init` found in a repository: the facts the CI it writes is fitted to. */
export interface RepositoryFacts {
  packageManager: PackageManager;
  /** Yarn 2+ (a `.yarnrc.yml`), whose frozen install is `--immutable`. */
  yarnBerry: boolean;
  /** pnpm's version comes from package.json's `packageManager` field; without it the setup action needs one. */
  packageManagerField: boolean;
  /** A JavaScript project of its own, not only the package.json that holds trunkline. */
  node?: { test: boolean; nodeVersionFile?: string };
  python?: { requirements: boolean; pyproject: boolean };
  go: boolean;
  rust: boolean;
  /** The branch pull requests go into. */
  trunk: string;
  /** The command CI runs to compare the generated files with their sources. */
  checkCommand: string;
}

/** The package manager a repository's lockfile names; npm when there is none. */
export function packageManagerOf(files: ReadonlySet<string>): PackageManager {
  if (files.has("pnpm-lock.yaml")) return "pnpm";
  if (files.has("yarn.lock")) return "yarn";
  return "npm";
}

/** `npm run <script>` in the package manager's words. */
export function runScript(manager: PackageManager, script: string): string {
  return manager === "npm" ? `npm run ${script}` : `${manager} run ${script}`;
}

/** Runs the installed trunkline binary without a script. */
export function runBinary(manager: PackageManager, args: string): string {
  return manager === "npm" ? `npx trunkline ${args}` : manager === "pnpm" ? `pnpm exec trunkline ${args}` : `yarn trunkline ${args}`;
}

/** The install that uses the committed lockfile exactly, as CI should. */
export function frozenInstall(facts: Pick<RepositoryFacts, "packageManager" | "yarnBerry">): string {
  if (facts.packageManager === "pnpm") return "pnpm install --frozen-lockfile";
  if (facts.packageManager === "yarn") return facts.yarnBerry ? "yarn install --immutable" : "yarn install --frozen-lockfile";
  return "npm ci";
}

/** The branch `.git/HEAD` points at (`ref: refs/heads/<branch>`), or undefined when detached or unreadable. */
export function branchOfHead(head: string | undefined): string | undefined {
  const match = /^ref: refs\/heads\/(\S+)\s*$/.exec(head ?? "");
  return match?.[1];
}
