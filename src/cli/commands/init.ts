import path from "node:path";
import { CI_SOURCE, ciSource } from "../../init/ci-source.js";
import { editPackageJson } from "../../init/package-json.js";
import { type PackageManager, type RepositoryFacts, branchOfHead, packageManagerOf, runBinary, runScript } from "../../init/repository.js";
import type { Io } from "../../io/io.js";
import { ExitCode } from "../exit-code.js";
import { VERSION } from "../version.js";
import { YAML_EXTENSIONS } from "../../io/workflow-files.js";
import { type Asker, DEFAULTS, createAsker } from "../../init/ask.js";
import { MANIFEST_FILE, parseManifest } from "../../sync/manifest.js";
import { importCommand } from "./import.js";
import { markSourcesAsModules } from "../../init/module-marker.js";

/** The `.gitattributes` lines that mark what trunkline generates (README "Where sources and outputs go"). */
export const GENERATED_ATTRIBUTES = [
  ".github/workflows/*.yml eol=lf linguist-generated",
  ".github/rulesets/*.json eol=lf linguist-generated",
  "generated/** eol=lf linguist-generated",
  ".trunkline/manifest.json eol=lf linguist-generated",
  ".trunkline/baseline.json eol=lf linguist-generated",
] as const;

// The folder init writes its source into, and import its sources.
const SOURCE_DIR = "workflows-src";
const LOCKFILES = ["package-lock.json", "pnpm-lock.yaml", "yarn.lock"];
const PROBED = [...LOCKFILES, ".yarnrc.yml", ".nvmrc", ".node-version", "requirements.txt", "pyproject.toml", "go.mod", "Cargo.toml"];
// What `npm init` writes as the test script: not a test suite.
const NPM_DEFAULT_TEST = 'echo "Error: no test specified" && exit 1';

/** Options of `trunkline init`. */
export interface InitOptions {
  /** The repository's root (the folder holding `.git`), when there is one. */
  gitRoot: string | undefined;
  /** Ask nothing: take every default, as when there is no terminal to ask on. */
  yes?: boolean;
}

/**
 * `trunkline init`: sets trunkline up in the repository at `io.root` — the
 * gen/check scripts, a CI source fitted to what the repository holds (unless it has workflows,
 * which it imports, baseline included), the generated files' `.gitattributes`. On a terminal it
 * asks the branch, the package manager when the lockfiles disagree, and whether to import. Never
 * overwrites a file it did not write; a second run changes nothing.
 */
export async function init(options: InitOptions, io: Io): Promise<ExitCode> {
  // questions only when someone can answer them: stdin and stderr both terminals
  const interactive = !options.yes && io.terminal?.stdin === true && io.terminal.stderr && io.openStdin !== undefined;
  const asker = interactive ? createAsker(io.openStdin!(), io.stderr) : DEFAULTS;
  try {
    return await setUp(options, io, asker);
  } finally {
    asker.close();
  }
}

async function setUp(options: InitOptions, io: Io, asker: Asker): Promise<ExitCode> {
  const present = new Set<string>();
  for (const file of PROBED) if ((await io.kindOf(file)) === "file") present.add(file);
  const packageText = await io.readText("package.json");

  let edit;
  try {
    edit = editPackageJson(packageText);
  } catch (error) {
    io.stderr(`trunkline init: package.json: ${(error as Error).message}\n  hint: fix package.json so that it is a JSON object, then run "trunkline init" again; nothing was written\n`);
    return ExitCode.SourceErrors;
  }
  // more than one lockfile (or none): which manager CI installs with is the user's call
  const lockfiles = LOCKFILES.filter((file) => present.has(file));
  const guessed = packageManagerOf(present);
  const manager = lockfiles.length === 1 ? guessed : ((await asker.ask({ text: lockfiles.length ? `${lockfiles.join(" and ")} found: which package manager does CI install with?` : "No lockfile found: which package manager will this repository use?", default: guessed, choices: ["npm", "pnpm", "yarn"] })) as PackageManager);
  const report: string[] = [];
  let changed = false;

  if (edit.text !== undefined) {
    await io.writeAtomic("package.json", edit.text);
    report.push(`${packageText === undefined ? "wrote" : "updated"} package.json: ${edit.added.join(", ")}`);
    changed = true;
  }
  for (const conflict of edit.conflicts) {
    report.push(`kept package.json's "${conflict.script}" script ("${conflict.command}"); it does not run trunkline ${conflict.script}: run "${runBinary(manager, conflict.script)}" instead, or add it to that script`);
  }

  const workflows = (await io.kindOf(".github/workflows")) === "folder" ? await io.listFiles(".github/workflows", YAML_EXTENSIONS) : [];
  // a workflow trunkline generates is imported already: a second init leaves it alone
  const generated = parseManifest(await io.readText(MANIFEST_FILE)).files;
  const handWritten = workflows.filter((file) => !(file in generated));
  let exitCode: ExitCode = ExitCode.Ok;
  const importCommandLine = runBinary(manager, "import --replace .github/workflows");
  let importPending = false;
  if (handWritten.length > 0) {
    const count = `${handWritten.length} workflow${handWritten.length === 1 ? "" : "s"}`;
    const wanted = (await asker.ask({ text: `.github/workflows holds ${count} trunkline does not generate. Import them into sources, and generate them from now on?`, default: "yes", choices: ["yes", "no"] })) === "yes";
    if (!wanted) {
      report.push(`.github/workflows holds ${count}: no ${CI_SOURCE} written; turn them into sources with "${importCommandLine}"`);
    } else if (!(await isTrunklineInstalled(io))) {
      // the imported sources import "trunkline": they load only once it is installed
      report.push(`.github/workflows holds ${count}: no ${CI_SOURCE} written; they are imported once trunkline is installed (see Next)`);
      importPending = true;
    } else {
      const imported = await importCommand({ paths: handWritten.map((file) => path.join(io.root, file)), replace: true, force: false, format: "pretty" }, io);
      report.push(imported === ExitCode.Ok ? `imported ${count} from .github/workflows into sources (lint findings accepted in the baseline); gen writes them from now on` : `imported .github/workflows only in part: see above; fix what it names, then run "${importCommandLine}" again`);
      changed = true;
      exitCode = imported;
    }
  } else if (workflows.length === 0) {
    const existing = await io.readText(CI_SOURCE);
    const head = await headBranch(io, options.gitRoot);
    // asked only when the source is to be written: a kept file is never rewritten anyway
    const trunk = existing === undefined ? await asker.ask({ text: "The branch pull requests go into", default: head ?? "main", check: (answer) => (/^[\w./-]+$/.test(answer) ? undefined : "a branch name has no spaces or special characters") }) : head;
    const facts = repositoryFacts(present, manager, packageText, trunk, edit.checkScriptRunsTrunkline);
    const source = ciSource(facts);
    if (existing === undefined) {
      await io.writeAtomic(CI_SOURCE, source);
      const found = [facts.node && "Node", facts.python && "Python", facts.go && "Go", facts.rust && "Rust"].filter(Boolean);
      report.push(`wrote ${CI_SOURCE}: trunkBasedCi into ${facts.trunk}${found.length ? ` with ${found.join(", ")}` : ""}, and a step running "${facts.checkCommand}"`);
      changed = true;
    } else if (existing !== source) {
      report.push(`kept ${CI_SOURCE}: it exists already`);
    }
  }

  // `export`/`import` in a CommonJS package are TS1295 under `tsc --init`'s defaults, in every source
  const marker = await markSourcesAsModules(io, SOURCE_DIR);
  if (marker !== undefined) {
    report.push(`wrote ${marker}: "type": "module", so that tsc and editors read the sources as the ES modules they are (package.json is CommonJS)`);
    changed = true;
  }

  const attributes = await io.readText(".gitattributes");
  const presentLines = new Set((attributes ?? "").split(/\r?\n/).map((line) => line.trim()));
  const missing = GENERATED_ATTRIBUTES.filter((line) => !presentLines.has(line));
  if (missing.length > 0) {
    const before = attributes === undefined || attributes === "" ? "" : attributes.endsWith("\n") ? attributes : `${attributes}\n`;
    await io.writeAtomic(".gitattributes", `${before}# generated by trunkline: LF on every platform, collapsed in diffs\n${missing.join("\n")}\n`);
    report.push(`${attributes === undefined ? "wrote" : "updated"} .gitattributes: ${missing.length} line${missing.length === 1 ? "" : "s"} for generated files`);
    changed = true;
  }

  if (!changed) report.push("nothing to change: trunkline is set up here already");
  io.stdout(`${report.map((line) => `trunkline init: ${line}\n`).join("")}`);
  // README "Sharing across repositories": trunkline installs from its packed tarball, not by name
  // npm warns of esbuild's install script until allowScripts decides it; its API needs no install step
  const allowScripts = manager === "npm" && record(parsedManifest(packageText).allowScripts).esbuild === undefined ? "npm pkg set allowScripts.esbuild=false --json && " : "";
  const install = edit.dependsOnTrunkline ? `${manager} install` : `${allowScripts}${manager} ${manager === "npm" ? "install --save-dev" : "add -D"} ./vendor/trunkline-${VERSION}.tgz`;
  if (!edit.dependsOnTrunkline) report.push(`trunkline is not a dependency in package.json yet: copy trunkline-${VERSION}.tgz (made by "npm pack" in a clone of trunkline) to vendor/ and install it, as README "Sharing across repositories" shows`);
  const importStep = importPending ? ` && ${importCommandLine}` : "";
  if (changed || importPending || !edit.dependsOnTrunkline) io.stdout(`\nNext: ${install}${importStep} && ${runScript(manager, "gen")} && ${runScript(manager, "check")}, then commit the lockfile and the generated files.\n`);
  return exitCode;
}

// Where Node would find the package "trunkline" from the project: node_modules here or above.
async function isTrunklineInstalled(io: Io): Promise<boolean> {
  for (let folder = io.root; ; folder = path.dirname(folder)) {
    if ((await io.kindOf(path.join(folder, "node_modules", "trunkline", "package.json"))) === "file") return true;
    if (path.dirname(folder) === folder) return false;
  }
}

function repositoryFacts(present: ReadonlySet<string>, manager: PackageManager, packageText: string | undefined, branch: string | undefined, checkScriptRunsTrunkline: boolean): RepositoryFacts {
  const manifest = parsedManifest(packageText);
  const scripts = record(manifest.scripts);
  const ownDependencies = [...Object.keys(record(manifest.dependencies)), ...Object.keys(record(manifest.devDependencies))].filter((name) => name !== "trunkline");
  const test = typeof scripts.test === "string" && scripts.test !== NPM_DEFAULT_TEST;
  // The package.json that only holds trunkline (init's own, or one made for it) is no Node project.
  const node = ownDependencies.length > 0 || test;
  const nodeVersionFile = [".nvmrc", ".node-version"].find((file) => present.has(file));
  const python = present.has("requirements.txt") || present.has("pyproject.toml");
  return {
    packageManager: manager,
    yarnBerry: present.has(".yarnrc.yml"),
    packageManagerField: typeof manifest.packageManager === "string",
    node: node ? { test, ...(nodeVersionFile ? { nodeVersionFile } : {}) } : undefined,
    python: python ? { requirements: present.has("requirements.txt"), pyproject: present.has("pyproject.toml") } : undefined,
    go: present.has("go.mod"),
    rust: present.has("Cargo.toml"),
    trunk: branch ?? "main",
    checkCommand: checkScriptRunsTrunkline ? runScript(manager, "check") : runBinary(manager, "check"),
  };
}

// `.git` is a folder, or in a worktree or submodule a file naming the real one.
async function headBranch(io: Io, gitRoot: string | undefined): Promise<string | undefined> {
  if (gitRoot === undefined) return undefined;
  const dotGit = path.join(gitRoot, ".git");
  const pointer = /^gitdir: (.+)$/m.exec((await io.readText(dotGit).catch(() => undefined)) ?? "")?.[1];
  const gitDir = pointer ? path.resolve(gitRoot, pointer.trim()) : dotGit;
  return branchOfHead(await io.readText(path.join(gitDir, "HEAD")).catch(() => undefined));
}

function parsedManifest(text: string | undefined): Record<string, unknown> {
  try {
    return record(text === undefined ? {} : JSON.parse(text));
  } catch {
    return {};
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
