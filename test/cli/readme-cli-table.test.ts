// The README's CLI table is the contract: every exit code it lists for a command is produced here
// by a scenario, and no scenario produces a code the table does not list.
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASIC, fixtureFiles } from "../cost/_fixtures.js";
import { REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const SOURCE = `import { job, step, workflow } from "trunkline";
const test = job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "npm test" })] });
export default workflow("ci", { name: "CI", on: { pull_request: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { test } });
`;
const WITH_RULESET = `import { job, ruleset, step, workflow } from "trunkline";
const test = job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step({ run: "npm test" })] });
export const ci = workflow("ci", { name: "CI", on: { pull_request: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { test } });
export const main = ruleset("main", { conditions: { ref_name: { include: ["refs/heads/main"] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [test] } }] });
`;
const CLEAN_YAML = "on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: make\n";
const BAD_YAML = CLEAN_YAML.replace("- run: make", "- uses: octo-org/lint-action@v2");

interface Scenario {
  files?: Record<string, string>;
  /** Commands run before the one under test (e.g. a gen), and edits after them. */
  before?: string[][];
  edit?: Record<string, string | ((text: string) => string)>;
  argv: string[];
  /** A command that runs until stopped (--watch): Ctrl-C, as the SIGINT event, until it ends. */
  stopWithCtrlC?: boolean;
  /** Started before the command, in the repository; what it returns is called after it. */
  setup?: (root: string) => Promise<() => Promise<void>>;
}

// A background server's note whose socket accepts calls and never answers (a server stuck in a
// source's code); the pid noted is this process's, which is alive.
const silentServer = async (root: string) => {
  const address = path.join(tmpdir(), `trunkline-silent-${process.pid}-${Date.now()}.sock`);
  // read (and ignored), so that the client's hang-up ends the connection and the listener can close
  const listener = createServer((socket) => socket.resume());
  await new Promise<void>((resolve) => listener.listen(address, resolve));
  await mkdir(path.join(root, ".trunkline/cache/servers"), { recursive: true });
  await writeFile(path.join(root, ".trunkline/cache/servers/silent.json"), JSON.stringify({ pid: process.pid, cwd: root, address, started: new Date().toISOString() }));
  return () => new Promise<void>((resolve) => listener.close(() => resolve()));
};

const GENERATED = { "workflows-src/ci.ts": SOURCE };
// A metadata folder as `actions add --metadata` reads it: the tags, and the action.yml at a commit.
const METADATA = {
  "meta/octo-org/lint-action/refs.json": '{ "tags": { "v2": "1111111111111111111111111111111111111111", "v2.1.0": "1111111111111111111111111111111111111111" } }\n',
  "meta/octo-org/lint-action/1111111111111111111111111111111111111111/action.yml": "name: Lint\ninputs:\n  config:\n    required: true\nruns:\n  using: node24\n  main: index.js\n",
};
const broken = { "workflows-src/ci.ts": SOURCE, "workflows-src/broken.ts": "export default 1;\n" };
// Recorded REST responses of workflow runs and their jobs, for `cost --from`.
const COST_DATA = Object.fromEntries(fixtureFiles(BASIC).map((file) => [`cost-data/${file.name}`, file.text]));

// Keyed by the command cell of the table; each exit code → a scenario producing it.
const SCENARIOS: Record<string, Record<number, Scenario>> = {
  "trunkline init [--yes]": {
    0: { files: { "go.mod": "module example.com/app\n" }, argv: ["init", "--yes"] },
    2: { files: { "package.json": "{ nope" }, argv: ["init"] },
    3: { files: {}, argv: ["init", "--force"] },
  },
  "trunkline gen": { 0: { files: GENERATED, argv: ["gen"] }, 2: { files: broken, argv: ["gen"] }, 3: { files: GENERATED, argv: ["gen", "extra"] } },
  "trunkline gen --force": {
    0: { files: GENERATED, before: [["gen"]], edit: { ".github/workflows/ci.yml": (text) => `${text}# edited\n` }, argv: ["gen", "--force"] },
    2: { files: broken, argv: ["gen", "--force"] },
    3: { files: GENERATED, argv: ["gen", "--force", "--replace"] },
  },
  "trunkline gen --watch [--force] [--format f]": {
    0: { files: GENERATED, argv: ["gen", "--watch"], stopWithCtrlC: true },
    3: { files: GENERATED, argv: ["gen", "--watch", "--format", "sarif"] },
  },
  "trunkline check --watch [--format f]": {
    0: { files: GENERATED, before: [["gen"]], argv: ["check", "--watch"], stopWithCtrlC: true },
    3: { files: GENERATED, argv: ["check", "--watch", "--format", "sarif"] },
  },
  "trunkline gen --dry-run": {
    0: { files: GENERATED, argv: ["gen", "--dry-run"] },
    2: { files: broken, argv: ["gen", "--dry-run"] },
    3: { files: GENERATED, argv: ["gen", "--dry-run", "--quiet", "--verbose"] },
  },
  "trunkline check": {
    0: { files: GENERATED, before: [["gen"]], argv: ["check"] },
    1: { files: GENERATED, argv: ["check"] },
    2: { files: broken, argv: ["check"] },
    3: { files: GENERATED, argv: ["check", "--force"] },
  },
  "trunkline lint [paths…]": {
    0: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["lint"] },
    1: { files: { ".github/workflows/x.yml": BAD_YAML }, argv: ["lint"] },
    2: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["lint", "nope.yml"] },
    3: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["lint", "--force"] },
  },
  "trunkline lint --baseline": {
    0: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["lint", "--baseline"] },
    1: { files: { ".github/workflows/x.yml": BAD_YAML }, argv: ["lint", "--baseline"] },
    2: { files: { "trunkline.config.ts": "export default { lint: { rules: { nope: 'off' } } };\n" }, argv: ["lint", "--baseline"] },
    3: { files: {}, argv: ["lint", "--baseline", "--out", "x"] },
  },
  "trunkline lint --fix": {
    0: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["lint", "--fix"] },
    1: { files: { ".github/workflows/x.yml": BAD_YAML }, argv: ["lint", "--fix"] },
    2: { files: { "trunkline.config.ts": "export default { lint: { rules: { nope: 'off' } } };\n" }, argv: ["lint", "--fix"] },
    3: { files: {}, argv: ["lint", "--fix", "--out", "x"] },
  },
  "trunkline rulesets plan [--target name]": {
    0: { files: { "workflows-src/ci.ts": WITH_RULESET }, before: [["gen"]], argv: ["rulesets", "plan"] },
    1: { files: { "workflows-src/ci.ts": WITH_RULESET }, before: [["gen"]], edit: { ".github/rulesets/main.json": (text) => text.replace('"active"', '"disabled"') }, argv: ["rulesets", "plan"] },
    2: { files: broken, argv: ["rulesets", "plan"] },
    3: { files: { "workflows-src/ci.ts": WITH_RULESET }, argv: ["rulesets", "plan", "--target", "nope"] },
  },
  "trunkline graph <workflow.yml>": {
    0: { files: { "w/x.yml": CLEAN_YAML }, argv: ["graph", "w/x.yml"] },
    2: { files: {}, argv: ["graph", "w/nope.yml"] },
    3: { files: {}, argv: ["graph"] },
  },
  "trunkline import <paths…> [--out dir] [--target name] [--replace] [--force]": {
    0: { files: { ".github/workflows/x.yml": CLEAN_YAML }, argv: ["import", ".github/workflows/x.yml"] },
    2: { files: {}, argv: ["import", "nope.yml"] },
    3: { files: {}, argv: ["import"] },
  },
  "trunkline actions add <owner/repo[/path]@ref…> [--metadata dir] [--offline]": {
    0: { files: { ...GENERATED, ...METADATA }, argv: ["actions", "add", "octo-org/lint-action@v2", "--metadata", "meta", "--offline"] },
    2: { files: { ...GENERATED, ...METADATA }, argv: ["actions", "add", "octo-org/nope@v1", "--metadata", "meta", "--offline"] },
    3: { files: GENERATED, argv: ["actions", "add", "checkout"] },
  },
  "trunkline actions outdated [--metadata dir] [--offline] [--format f]": {
    0: { files: { ...GENERATED, ...METADATA }, before: [["actions", "add", "octo-org/lint-action@v2", "--metadata", "meta", "--offline"]], argv: ["actions", "outdated", "--metadata", "meta", "--offline", "--format", "json"] },
    2: { files: { ...GENERATED, "trunkline.actions.lock.json": "{ nope" }, argv: ["actions", "outdated", "--offline"] },
    3: { files: GENERATED, argv: ["actions", "outdated", "--major"] },
  },
  "trunkline actions update [owner/repo…] [--major] [--to ref] [--dry-run] [--metadata dir] [--offline] [--format f]": {
    0: { files: { ...GENERATED, ...METADATA }, before: [["actions", "add", "octo-org/lint-action@v2", "--metadata", "meta", "--offline"]], argv: ["actions", "update", "--metadata", "meta", "--offline"] },
    2: { files: { ...GENERATED, ...METADATA }, before: [["actions", "add", "octo-org/lint-action@v2", "--metadata", "meta", "--offline"]], argv: ["actions", "update", "octo-org/nope", "--metadata", "meta", "--offline"] },
    3: { files: GENERATED, argv: ["actions", "update", "--to", "v2"] },
  },
  "trunkline cost [--repo owner/name] [--since 7d] [--workflow file] [--from dir] [--save dir] [--budget limits]… [--format f]": {
    0: { files: COST_DATA, argv: ["cost", "--from", "cost-data"] },
    1: { files: { ...COST_DATA, "trunkline.config.ts": "export default { cost: { budgets: [{ occupancyHoursPerWeek: 0 }] } };\n" }, argv: ["cost", "--from", "cost-data"] },
    2: { files: { ...COST_DATA, "cost-data/bad.json": "{" }, argv: ["cost", "--from", "cost-data"] },
    3: { files: COST_DATA, argv: ["cost", "--from", "cost-data", "--since", "yesterday"] },
  },
  "trunkline server [status] [--format f]": {
    0: { files: GENERATED, argv: ["server", "--format", "json"] },
    2: { files: GENERATED, setup: silentServer, argv: ["server"] },
    3: { files: GENERATED, argv: ["server", "restart"] },
  },
  "trunkline server stop [--format f]": {
    0: { files: GENERATED, argv: ["server", "stop"] },
    2: { files: GENERATED, setup: silentServer, argv: ["server", "stop"] },
    3: { files: GENERATED, argv: ["server", "stop", "now"] },
  },
  "trunkline --version": { 0: { argv: ["--version"] } },
};

// Emits SIGINT on this process (what Ctrl-C delivers) until the command ends, bounded.
async function stoppedWithCtrlC<T>(running: Promise<T>): Promise<T> {
  let done = false;
  void running.finally(() => (done = true));
  for (let tries = 0; !done && tries < 200; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!done) process.emit("SIGINT");
  }
  return running;
}

/** The rows of the README's CLI table: the first code span of the command cell, and its exit codes. */
function cliTable(): { command: string; codes: number[] }[] {
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("\n## CLI\n"), readme.indexOf("\n## ", readme.indexOf("\n## CLI\n") + 1));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.map((row) => {
    const [commandCell, , codesCell] = row.slice(1, -1).split(" | ");
    const command = /`([^`]+)`/.exec(commandCell!)![1]!;
    const codes = [...codesCell!.matchAll(/(?:^|·)\s*(\d)\b/g)].map((match) => Number(match[1]));
    return { command, codes };
  });
}

describe("the README's CLI table", () => {
  const table = cliTable();

  it("lists every command of the CLI, and only those this test knows", () => {
    expect(table.map((row) => row.command).sort()).toEqual(Object.keys(SCENARIOS).sort());
  });

  for (const { command, codes } of table) {
    it(`${command}: exits ${codes.join(", ")}, each in a scenario`, async () => {
      const scenarios = SCENARIOS[command] ?? {};
      expect(Object.keys(scenarios).map(Number).sort()).toEqual([...codes].sort());
      for (const [code, scenario] of Object.entries(scenarios)) {
        const repo = await createTempRepo(scenario.files ?? {});
        try {
          for (const argv of scenario.before ?? []) await repo.run(argv);
          for (const [file, edit] of Object.entries(scenario.edit ?? {})) {
            const text = await repo.read(file);
            await repo.write(file, typeof edit === "string" ? edit : edit(text ?? ""));
          }
          const teardown = await scenario.setup?.(repo.root);
          const running = repo.run(scenario.argv);
          const result = scenario.stopWithCtrlC ? await stoppedWithCtrlC(running) : await running;
          await teardown?.();
          expect(result.code, `${scenario.argv.join(" ")}\n${result.stderr}`).toBe(Number(code));
        } finally {
          await repo.dispose();
        }
      }
    });
  }
});
