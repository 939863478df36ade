import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateWithParser } from "../../src/validate/parser.js";
import { validateSchema } from "../../src/validate/schema.js";
import { actionlint } from "../support/actionlint.js";
import { REPO_ROOT } from "../support/temp-repo.js";

// test/fixtures/consumer-repo is another repository, as it is before it installs trunkline (its
// committed outputs are what `npm run gen` then writes). This file does what its user does: packs
// trunkline, runs the README's install commands, generates, checks and lints with the installed
// command, and type-checks with the installed declarations and nothing else: no link to this
// checkout, no @types/node, no diagnostic left uncounted.
const FIXTURE = path.join(REPO_ROOT, "test/fixtures/consumer-repo");
// What `gen` writes into the fixture; the copy starts without them.
const OUTPUTS = [".github/workflows/ci.yml", ".github/workflows/deploy.yml", ".github/workflows/hello.yml", ".github/workflows/release.yml", "RELEASING.md"];
const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
const SHARING = README.slice(README.indexOf("## Sharing across repositories"), README.indexOf("\n## CLI"));

// npm and tsc run as the user runs them: none of the npm_* variables of the `npm test` around us
// (npm_config_local_prefix would point npm at this checkout), audit and funding notes off.
const CHILD_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$|GITHUB_ACTIONS$)/i.test(name))),
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
  // What is in npm's cache already (this checkout's own install) is not asked for again.
  npm_config_prefer_offline: "true",
};

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end. It runs in a process group of its own, killed whole after `timeoutMs`
 * (npm and npx start further processes); a command that cannot start or times out rejects.
 */
function run(command: string, args: readonly string[], cwd: string, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: CHILD_ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} in ${cwd} did not finish within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Splits one shell command line into words: double and single quotes, a trailing `#` comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      word ??= "";
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === "#" && word === undefined) {
      break;
    } else {
      word = (word ?? "") + char;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The commands "Sharing across repositories" tells another repository to run, as words. */
function readmeInstallCommands(): string[][] {
  const block = /```sh\n([\s\S]*?)```/.exec(SHARING)?.[1];
  if (!block) throw new Error('README\'s "Sharing across repositories" has no sh block');
  return block
    .split("\n")
    .map(shellWords)
    .filter((words) => words.length > 0);
}

/** The diagnostics of `tsc --pretty false` output: each starts on a line of its own, continuations are indented. */
function diagnosticsOf(output: string): string[] {
  return output.split(/\n(?=\S)/).filter((text) => text.trim() !== "");
}

// Each variant is a tsconfig beside the one `tsc --init` wrote, and what `tsc --showConfig` must say of
// it. TypeScript 5.9's `--init` already turns on exactOptionalPropertyTypes; the bundler variant also
// turns skipLibCheck off, so trunkline's declarations are checked themselves (a superset of the
// diagnostics with it on; under node16/nodenext it would also check @github-actions-workflow-ts/lib's
// own declarations, whose relative imports lack extensions).
const VARIANTS: { name: string; compilerOptions: Record<string, unknown>; expect: Record<string, unknown> }[] = [
  { name: "tsc --init defaults", compilerOptions: {}, expect: { module: "nodenext", strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, types: [] } },
  { name: "module and moduleResolution node16", compilerOptions: { module: "node16", moduleResolution: "node16" }, expect: { module: "node16", moduleResolution: "node16", exactOptionalPropertyTypes: true } },
  { name: "moduleResolution bundler, module preserve, skipLibCheck off", compilerOptions: { module: "preserve", moduleResolution: "bundler", skipLibCheck: false }, expect: { module: "preserve", moduleResolution: "bundler", skipLibCheck: false, exactOptionalPropertyTypes: true } },
];

describe("a repository that installs trunkline as the README says", () => {
  let scratch: string;
  let consumer: string;
  let packed: { filename: string; files: { path: string }[] };
  let installs: { command: string[]; finished: Finished }[];
  let generated: Finished;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "trunkline-consumer-"));
    consumer = path.join(scratch, "consumer");
    await cp(FIXTURE, consumer, { recursive: true, filter: (source) => !OUTPUTS.includes(path.relative(FIXTURE, source).split(path.sep).join("/")) });
    await mkdir(path.join(consumer, "vendor"));

    // `npm pack` runs `prepack`, which rebuilds dist/ from scratch: done in this checkout, it would
    // pull dist/ from under the test files running beside this one. A copy of the checkout (its
    // installed node_modules linked, as after `npm ci`) packs exactly the same files.
    const checkout = path.join(scratch, "trunkline");
    const notCopied = new Set(["node_modules", ".git", "dist", ".trunkline"]);
    await cp(REPO_ROOT, checkout, { recursive: true, filter: (source) => !notCopied.has(path.relative(REPO_ROOT, source)) && !source.endsWith(".tgz") });
    await symlink(path.join(REPO_ROOT, "node_modules"), path.join(checkout, "node_modules"), "dir");
    const pack = await run("npm", ["pack", "--json", "--pack-destination", path.join(consumer, "vendor")], checkout, 180_000);
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;

    installs = [];
    for (const command of readmeInstallCommands()) {
      installs.push({ command, finished: await run(command[0]!, command.slice(1), consumer, 180_000) });
    }
    const init = await run("npx", ["tsc", "--init"], consumer);
    if (init.status !== 0) throw new Error(`tsc --init failed:\n${init.stdout}${init.stderr}`);
    generated = await run("npm", ["run", "gen"], consumer);
  }, 600_000);

  afterAll(async () => {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("issue 9.23: the README's install commands succeed, and npm prints nothing to act on", async () => {
    for (const { command, finished } of installs) {
      expect({ command: command.join(" "), status: finished.status }).toEqual({ command: command.join(" "), status: 0 });
      // npm's warnings (unreviewed install scripts, deprecations) and errors are what a user must act on.
      expect(finished.stderr.split("\n").filter((line) => /^npm (warn|error)/i.test(line)), command.join(" ")).toEqual([]);
    }
    const manifest = JSON.parse(await readFile(path.join(consumer, "package.json"), "utf8")) as { devDependencies: Record<string, string>; scripts: Record<string, string> };
    expect(manifest.devDependencies.trunkline).toBe(`file:vendor/${packed.filename}`);
    expect(manifest.scripts).toEqual({ gen: "trunkline gen", check: "trunkline check" });
  });

  it("issue 9.23: the tarball has a LICENSE and no script that runs when it is installed", async () => {
    expect(packed.files.map((file) => file.path)).toContain("LICENSE");
    expect(await readFile(path.join(consumer, "node_modules/trunkline/LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the trunkline authors\n/);
    const installed = JSON.parse(await readFile(path.join(consumer, "node_modules/trunkline/package.json"), "utf8")) as { license: string; scripts?: Record<string, string> };
    expect(installed.license).toBe("MIT");
    const installTime = ["preinstall", "install", "postinstall", "prepare"];
    expect(Object.keys(installed.scripts ?? {}).filter((name) => installTime.includes(name))).toEqual([]);
  });

  const npmListsInstallScripts = spawnSync("npm", ["install-scripts", "--help"], { env: CHILD_ENV, timeout: 30_000, stdio: "ignore" }).status === 0;
  // npm versions before the install-script policy run esbuild's script without a word.
  it.runIf(npmListsInstallScripts)("issue 9.23: every dependency install script is decided in package.json, here and in the consumer", async () => {
    const listings = await Promise.all([REPO_ROOT, consumer].map((folder) => run("npm", ["install-scripts", "ls", "--json"], folder)));
    for (const listed of listings) {
      expect(listed.status, listed.stderr).toBe(0);
      expect((JSON.parse(listed.stdout) as { allowScripts: unknown[] }).allowScripts).toEqual([]);
    }
  });

  it("issue 9.22: the package ships built JavaScript and declarations, not its TypeScript sources", async () => {
    const installedRoot = path.join(consumer, "node_modules/trunkline");
    const installed = JSON.parse(await readFile(path.join(installedRoot, "package.json"), "utf8")) as { exports: Record<string, string | { types: string; default: string }> };
    const entryPoints = Object.values(installed.exports).filter((entry) => typeof entry !== "string");
    expect(entryPoints).toHaveLength(2);
    for (const { types, default: code } of entryPoints) {
      expect(types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
      expect(code).toMatch(/^\.\/dist\/.*\.js$/);
      expect(existsSync(path.join(installedRoot, types)), types).toBe(true);
      expect(existsSync(path.join(installedRoot, code)), code).toBe(true);
    }
    const shipped = packed.files.map((file) => file.path);
    expect(shipped.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(await readdir(installedRoot)).not.toContain("src");
  });

  describe("tsc --noEmit", () => {
    // The variants share nothing but the installed packages: all run at once.
    let results: Map<string, { shown: Finished; checked: Finished }>;
    beforeAll(async () => {
      const checks = VARIANTS.map(async (variant, index) => {
        const config = `tsconfig.${index}.json`;
        await writeFile(path.join(consumer, config), JSON.stringify({ extends: "./tsconfig.json", compilerOptions: variant.compilerOptions }, null, 2));
        const shown = await run("npx", ["tsc", "--showConfig", "-p", config], consumer);
        const checked = await run("npx", ["tsc", "--noEmit", "--pretty", "false", "-p", config], consumer, 120_000);
        return [variant.name, { shown, checked }] as const;
      });
      results = new Map(await Promise.all(checks));
    }, 300_000);

    it.each(VARIANTS)("issue 9.22: type-checks with zero diagnostics under $name", (variant) => {
      const { shown, checked } = results.get(variant.name)!;
      expect(shown.status, shown.stderr).toBe(0);
      expect((JSON.parse(shown.stdout) as { compilerOptions: Record<string, unknown> }).compilerOptions).toMatchObject(variant.expect);
      expect({ status: checked.status, diagnostics: diagnosticsOf(checked.stdout + checked.stderr) }).toEqual({ status: 0, diagnostics: [] });
    });
  });

  it("issue 9.22: the installed declarations are real: a wrong option is the one diagnostic, in the consumer's file", async () => {
    await writeFile(path.join(consumer, "workflows-src/wrong.ts"), 'import { trunkBasedCi } from "trunkline/templates";\nexport const ci = trunkBasedCi({ checks: {} });\n');
    try {
      const checked = await run("npx", ["tsc", "--noEmit", "--pretty", "false"], consumer, 120_000);
      const diagnostics = diagnosticsOf(checked.stdout + checked.stderr);
      expect(checked.status).toBe(2);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]).toMatch(/^workflows-src\/wrong\.ts\(2,\d+\): error TS\d+: .*runsOn/s);
    } finally {
      await rm(path.join(consumer, "workflows-src/wrong.ts"));
    }
  });

  it("issue 9.22: a CommonJS package (npm init's default) set up by `trunkline init`, run from the tarball as the README says, type-checks with `tsc --init` defaults", async () => {
    // another repository beside the consumer, with the tarball in vendor/ and nothing installed yet
    const commonJs = path.join(scratch, "commonjs");
    await mkdir(path.join(commonJs, "vendor"), { recursive: true });
    await cp(path.join(consumer, "vendor", packed.filename), path.join(commonJs, "vendor", packed.filename));
    await writeFile(path.join(commonJs, "package.json"), '{\n  "name": "app",\n  "type": "commonjs",\n  "scripts": { "test": "node --test" }\n}\n');
    const readmeInit = /`(npx --package \.\/vendor\/\S+\.tgz trunkline init)`/.exec(README)?.[1];
    expect(readmeInit?.split(" ")).toEqual(["npx", "--package", `./vendor/${packed.filename}`, "trunkline", "init"]);
    const init = await run("npx", ["--yes", ...readmeInit!.split(" ").slice(1), "--yes"], commonJs, 180_000);
    expect(init.status, init.stdout + init.stderr).toBe(0);
    expect(init.stdout).toContain(`Next: npm pkg set allowScripts.esbuild=false --json && npm install --save-dev ./vendor/${packed.filename}`);
    // the packages the consumer installed stand for that install
    await symlink(path.join(consumer, "node_modules"), path.join(commonJs, "node_modules"), "dir");
    const tsconfig = await run("npx", ["tsc", "--init"], commonJs);
    expect(tsconfig.status, tsconfig.stdout).toBe(0);
    const checked = await run("npx", ["tsc", "--noEmit", "--pretty", "false"], commonJs, 120_000);
    expect({ status: checked.status, diagnostics: diagnosticsOf(checked.stdout + checked.stderr) }).toEqual({ status: 0, diagnostics: [] });
    const gen = await run("npx", ["trunkline", "gen"], commonJs);
    expect(gen.status, gen.stderr).toBe(0);
  });

  it("`npm run gen` writes its workflows and RELEASING.md, as committed beside the fixture", async () => {
    expect(generated.status, generated.stderr).toBe(0);
    for (const file of OUTPUTS) await expect(await readFile(path.join(consumer, file), "utf8")).toMatchFileSnapshot(path.join(FIXTURE, file));
    const workflows = await readdir(path.join(consumer, ".github/workflows"));
    expect(workflows.map((file) => `.github/workflows/${file}`).sort()).toEqual(OUTPUTS.filter((file) => file.endsWith(".yml")));
  });

  it("`npm run check` passes right after gen, and `npx trunkline check` fails on a hand edit", async () => {
    const check = await run("npm", ["run", "check"], consumer);
    expect(check.status, check.stderr).toBe(0);
    const file = path.join(consumer, ".github/workflows/hello.yml");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("echo hello", "echo edited"));
    try {
      expect((await run("npx", ["trunkline", "check"], consumer)).status).toBe(1);
    } finally {
      await writeFile(file, original);
    }
  });

  it("`npx trunkline lint` passes the generated workflows, and reports a hand-written one's findings as JSON", async () => {
    const clean = await run("npx", ["trunkline", "lint"], consumer);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
    await writeFile(path.join(consumer, "unpinned.yml"), "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - uses: octo-org/lint-action@v2\n");
    try {
      const found = await run("npx", ["trunkline", "lint", "unpinned.yml", "--format", "json"], consumer);
      expect(found.status).toBe(1);
      const findings = JSON.parse(found.stdout) as { rule: string; file: string; severity: string }[];
      expect(findings).toContainEqual(expect.objectContaining({ rule: "unpinned-action", file: "unpinned.yml", severity: "error" }));
    } finally {
      await rm(path.join(consumer, "unpinned.yml"));
    }
  });

  it("the generated workflows pass the schema, GitHub's parser and actionlint", async () => {
    const workflows = await Promise.all(OUTPUTS.filter((file) => file.endsWith(".yml")).map(async (file) => ({ path: file, text: await readFile(path.join(consumer, file), "utf8") })));
    for (const { path: file, text } of workflows) {
      expect(validateSchema(parse(text), file), file).toEqual([]);
      expect(await validateWithParser(text, file), file).toEqual([]);
    }
    expect(await actionlint(workflows)).toEqual([]);
  });

  it("the templates did what the sources asked", async () => {
    const ci = parse(await readFile(path.join(consumer, ".github/workflows/ci.yml"), "utf8"));
    expect(ci.on.pull_request.branches).toEqual(["main", "prod"]);
    expect(ci.jobs.gate.if).toBe("always()");
    expect(ci.jobs.gate.needs).toEqual(["changes", "web", "api"]);
    expect(parse(await readFile(path.join(consumer, ".github/workflows/deploy.yml"), "utf8")).on.push).toEqual({ branches: ["prod"] });
    expect(await readFile(path.join(consumer, "RELEASING.md"), "utf8")).toContain("gh pr create --base prod --head main");
  });

  it("is the worked example the README shows", () => {
    const example = /```ts\n([\s\S]*?)```/.exec(SHARING)?.[1];
    expect(example).toBe(readFileSync(path.join(FIXTURE, "workflows-src/ci.ts"), "utf8"));
  });
});
