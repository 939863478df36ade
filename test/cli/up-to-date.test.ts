import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");

// A source that notes each time it is imported: a replayed run imports nothing.
const source = (run: string) =>
  `import { appendFileSync } from "node:fs";\nimport { job, workflow } from "trunkline";\nimport { command } from "./lib/command.js";\nappendFileSync(process.env.IMPORT_LOG!, "ci\\n");\nconst t = job({ "runs-on": "ubuntu-latest", steps: [{ run: command("${run}") }] });\nexport default workflow("ci", { on: "push", jobs: { t } });\n`;
const HELPER = 'export const command = (name: string) => `make ${name}`;\n';

// Replaying a `gen` or `check` whose inputs are unchanged, as a process (the fast path is in bin/).
describe("issue 13.3: gen and check replay a run that found nothing to do, and never a stale one", () => {
  let repo: TempRepo;
  let logDir: string;
  let log: string;
  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: repo.root, encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL", env: { ...process.env, GITHUB_ACTIONS: "", IMPORT_LOG: log, ...env } });
    if (result.error) throw result.error;
    return result;
  };
  const imports = async () => (await readFile(log, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
  // gen twice: the first writes, the second finds nothing to do and is recorded
  const settle = async () => {
    expect(run(["gen"]).status).toBe(0);
    const second = run(["gen"]);
    expect(second.status).toBe(0);
    expect(second.stderr).toContain("0 written, 0 removed, 1 unchanged");
    return second;
  };
  // the next `gen` is replayed: nothing imported, the same summary
  const expectReplayed = async (args = ["gen"], env: Record<string, string> = {}) => {
    const before = await imports();
    const result = run(args, env);
    expect(await imports()).toBe(before);
    return result;
  };
  const expectRunInFull = async (args = ["gen"], env: Record<string, string> = {}) => {
    const before = await imports();
    const result = run(args, env);
    expect(await imports()).toBe(before + 1);
    return result;
  };

  beforeEach(async () => {
    logDir = await mkdtemp(path.join(tmpdir(), "trunkline-imports-"));
    log = path.join(logDir, "imports.log");
    repo = await createTempRepo({ "workflows-src/ci.ts": source("build"), "workflows-src/lib/command.ts": HELPER });
  });
  afterEach(async () => {
    await repo.dispose();
    await rm(logDir, { recursive: true, force: true });
  });

  it("issue 13.3: a second gen with nothing changed replays the first's output without importing a source", async () => {
    const recorded = await settle();
    const replayed = await expectReplayed();
    expect(replayed.status).toBe(0);
    // warnings included: the same state gives the same findings
    expect(replayed.stderr).toBe(recorded.stderr);
    expect(replayed.stdout).toBe(recorded.stdout);
    // check keeps a record of its own
    expect((await expectRunInFull(["check"])).status).toBe(0);
    const checked = await expectReplayed(["check"]);
    expect(checked.status).toBe(0);
    expect(checked.stderr).toContain("every generated file is up to date");
  });

  it("issue 13.3: an edited source or imported helper, or a new source, is generated in full", async () => {
    await settle();
    await repo.write("workflows-src/ci.ts", source("test"));
    expect((await expectRunInFull()).stderr).toContain("1 written");
    expect(await repo.read(".github/workflows/ci.yml")).toContain("make test");
    // the run that wrote is not replayed: the next one does the whole work again, and is recorded
    await expectRunInFull();
    await expectReplayed();
    await repo.write("workflows-src/lib/command.ts", HELPER.replace("make", "just"));
    await expectRunInFull();
    expect(await repo.read(".github/workflows/ci.yml")).toContain("just test");
    await expectRunInFull();
    await repo.write("workflows-src/release.ts", 'import { job, workflow } from "trunkline";\nconst r = job({ "runs-on": "ubuntu-latest", steps: [{ run: "make release" }] });\nexport default workflow("release", { on: "push", jobs: { r } });\n');
    const added = await expectRunInFull();
    expect(added.stderr).toContain("1 written");
    expect(await repo.read(".github/workflows/release.yml")).toContain("make release");
  });

  it("issue 13.3: a generated file edited by hand or deleted is seen by gen and by check", async () => {
    await settle();
    expect(run(["check"]).status).toBe(0);
    const generated = (await repo.read(".github/workflows/ci.yml"))!;
    await repo.write(".github/workflows/ci.yml", `${generated}# edited\n`);
    expect((await expectRunInFull(["check"])).status).toBe(1);
    const blocked = await expectRunInFull(["gen"]);
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toContain("ci.yml");
    // the same size and content, a new mtime: still not trusted
    await repo.write(".github/workflows/ci.yml", generated);
    await settle();
    await repo.remove(".github/workflows/ci.yml");
    expect((await expectRunInFull(["check"])).status).toBe(1);
    expect((await expectRunInFull(["gen"])).stderr).toContain("1 written");
    expect(await repo.read(".github/workflows/ci.yml")).toBe(generated);
  });

  it("issue 13.3: a hand-written workflow beside the outputs, the config, the lockfile, a variable or a package upgrade ends the replay", async () => {
    await settle();
    // each of these changes no output: the full run is recorded in turn, and the next replayed
    await repo.write(".github/workflows/by-hand.yml", "on: push\njobs: {}\n");
    await expectRunInFull();
    await expectReplayed();
    await repo.write("trunkline.config.ts", 'import { defineConfig } from "trunkline";\nexport default defineConfig({});\n');
    await expectRunInFull();
    await expectReplayed();
    await repo.write("trunkline.actions.lock.json", "{");
    const lockfile = await expectRunInFull();
    expect(lockfile.status).toBe(2);
    await repo.remove("trunkline.actions.lock.json");
    await settle();
    // sources may read the environment
    await expectRunInFull(["gen"], { SOME_SETTING: "1" });
    await expectReplayed(["gen"], { SOME_SETTING: "1" });
    // a package the sources import is rebuilt or upgraded: its entry file changes (a package of the
    // repository's own, not trunkline's dist/, which other test files' processes are using)
    await repo.write("node_modules/acme-steps/package.json", JSON.stringify({ name: "acme-steps", type: "module", main: "index.js" }));
    await repo.write("node_modules/acme-steps/index.js", "export const prefix = 'make';\n");
    await repo.write("workflows-src/lib/command.ts", 'import { prefix } from "acme-steps";\nexport const command = (name: string) => `${prefix} ${name}`;\n');
    await expectRunInFull();
    await expectReplayed();
    const entry = path.join(repo.root, "node_modules/acme-steps/index.js");
    const later = new Date(Date.now() + 5_000);
    await utimes(entry, later, later);
    await expectRunInFull();
  });

  // A source that reads, lists, spawns or asks the network at run time: `imports` is what it prints.
  const reading = (imports: string, run: string) =>
    `import { appendFileSync } from "node:fs";\nimport { job, workflow } from "trunkline";\nappendFileSync(process.env.IMPORT_LOG!, "ci\\n");\n${imports}\nconst t = job({ "runs-on": "ubuntu-latest", steps: [{ run: ${run} }] });\nexport default workflow("ci", { on: "push", jobs: { t } });\n`;
  const generated = async () => (await repo.read(".github/workflows/ci.yml")) ?? "";

  it("issue 13.3: a data file a source reads for itself, through any fs call, is part of the record", async () => {
    await repo.write("data/images.txt", "node:20\n");
    await repo.write("data/tags.txt", "latest\n");
    await repo.write("data/arch.txt", "amd64\n");
    await repo.write(
      "workflows-src/ci.ts",
      reading(
        'import { createReadStream, readFile, readFileSync, promises } from "node:fs";\nimport { text } from "node:stream/consumers";\nimport { pathToFileURL } from "node:url";\nconst viaCallback = await new Promise<string>((done) => readFile("data/tags.txt", "utf8", (_error, value) => done(value)));\nconst viaPromise = await promises.readFile(pathToFileURL("data/arch.txt"), "utf8");\nconst viaStream = await text(createReadStream("data/images.txt"));\nconst viaSync = readFileSync("data/images.txt", "utf8");',
        '`docker pull ${viaSync.trim()}:${viaCallback.trim()}-${viaPromise.trim()} ${viaStream.length}`',
      ),
    );
    await settle();
    expect(await generated()).toContain("docker pull node:20:latest-amd64");
    await expectReplayed();
    for (const [file, text, expected] of [
      ["data/images.txt", "node:22\n", "node:22:latest-amd64"],
      ["data/tags.txt", "slim\n", "node:22:slim-amd64"],
      ["data/arch.txt", "arm64\n", "node:22:slim-arm64"],
    ] as const) {
      await repo.write(file, text);
      const changed = await expectRunInFull();
      expect(changed.stderr).toContain("1 written");
      expect(await generated()).toContain(`docker pull ${expected}`);
      // check sees its own record go stale the same way
      await expectRunInFull(["check"]);
      await expectReplayed(["check"]);
      await expectRunInFull();
      await expectReplayed();
    }
    // removed: the run in full reports the source's failure
    await repo.remove("data/arch.txt");
    expect((await expectRunInFull()).status).toBe(2);
  });

  it("issue 13.3: a folder a source lists or probes is part of the record", async () => {
    await repo.write("data/a.txt", "");
    await repo.write(
      "workflows-src/ci.ts",
      reading('import { existsSync, readdirSync, statSync } from "node:fs";\nconst listed = readdirSync("data").join(" ");\nconst optional = existsSync("extra.txt") ? "extra" : "plain";\nconst size = statSync("data/a.txt").size;', '`list ${listed} ${optional} ${size}`'),
    );
    await settle();
    expect(await generated()).toContain("list a.txt plain 0");
    await expectReplayed();
    await repo.write("data/b.txt", "");
    expect((await expectRunInFull()).stderr).toContain("1 written");
    expect(await generated()).toContain("list a.txt b.txt plain 0");
    await expectRunInFull();
    await expectReplayed();
    await repo.write("extra.txt", "");
    await expectRunInFull();
    expect(await generated()).toContain("list a.txt b.txt extra 0");
    await expectRunInFull();
    await repo.write("data/a.txt", "grown");
    await expectRunInFull();
    expect(await generated()).toContain("list a.txt b.txt extra 5");
  });

  it("issue 13.3: a source that spawns a program, asks the network or reads the clock is never replayed", async () => {
    const untrackable = [
      ['import { execFileSync } from "node:child_process";\nconst out = execFileSync(process.execPath, ["-e", "process.stdout.write(\'v1\')"], { encoding: "utf8" });', "`spawned ${out}`"],
      ['const reached = await fetch("http://127.0.0.1:9/").then(() => "yes", () => "no");', "`fetched ${reached}`"],
      ['import { get } from "node:http";\nconst asked = await new Promise<string>((done) => get("http://127.0.0.1:9/", () => done("yes")).on("error", () => done("no")));', "`asked ${asked}`"],
      ["const stamp = new Date().getFullYear() > 2000 ? \"now\" : \"then\";", "`clock ${stamp}`"],
      ["const roll = Math.random() < 2 ? \"rolled\" : \"never\";", "`random ${roll}`"],
    ];
    for (const [imports, value] of untrackable) {
      await repo.write("workflows-src/ci.ts", reading(imports!, value!));
      expect(run(["gen"]).status).toBe(0);
      for (const args of [["gen"], ["gen"], ["check"], ["check"]]) expect((await expectRunInFull(args)).status).toBe(0);
    }
    // a fixed date is no clock: replayed as before
    await repo.write("workflows-src/ci.ts", reading('const fixed = new Date(0).toISOString();', "`fixed ${fixed}`"));
    await settle();
    await expectReplayed();
  });
});
