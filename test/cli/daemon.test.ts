import { spawn } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { type Server, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildOf } from "../../src/cli/replay.js";
import { isPrivateFolder, serverKey, socketFolder, socketPath } from "../../src/daemon/address.js";
import { type TempRepo, REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const LOG = ".trunkline/cache/daemon.log";

// Each source notes the process that imports it: a served call imports in the server's process,
// and imports again only what changed. One without a helper is plain JavaScript, imported as it is
// (no esbuild); one with a helper is compiled.
const source = (name: string, run: string, helper: boolean) =>
  `import { appendFileSync } from "node:fs";\nimport { job, workflow } from "trunkline";\n${helper ? 'import { command } from "./lib/command.js";\n' : ""}appendFileSync(process.env.IMPORT_LOG${helper ? "!" : ""}, \`\${process.pid} ${name}\\n\`);\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: ${helper ? `command("${run}")` : `"${run}"`} }] });\nexport default workflow("${name}", { on: "push", permissions: { contents: "read" }, jobs: { t } });\n`;
const HELPER = "export const command = (name: string) => `make ${name}`;\n";
const FILES = { "workflows-src/ci.ts": source("ci", "build", true), "workflows-src/other.ts": source("other", "lint", false), "workflows-src/lib/command.ts": HELPER };

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// `node bin/trunkline.js`, ended with SIGKILL after `timeoutMs` at the latest.
function runBin(args: string[], cwd: string, env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => (stderr += text));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("issue 13.3: a background server runs one-shot gen and check as the process would", () => {
  let repo: TempRepo;
  let copy: TempRepo | undefined;
  let logDir: string;
  let importLog: string;
  const servers = new Set<number>();
  const killed = new Set<number>();
  let fake: Server | undefined;
  // the environment of a person's gen: no CI, and TRUNKLINE_DAEMON=1 standing in for a terminal
  const envOf = (extra: Record<string, string | undefined> = {}) => ({ ...process.env, GITHUB_ACTIONS: "", CI: "", IMPORT_LOG: importLog, TRUNKLINE_DAEMON: "1", ...extra });
  const gen = (args: string[] = ["gen"], extra: Record<string, string | undefined> = {}, at = repo) => runBin(args, at.root, envOf(extra));
  // who imported what since `from` lines: [pid, source]
  const importsSince = async (from: number) => (await readFile(importLog, "utf8").catch(() => "")).split("\n").filter(Boolean).slice(from).map((line) => line.split(" ") as [string, string]);
  const importCount = async () => (await importsSince(0)).length;
  // the pid of the server serving `at`, once it listens
  const serverOf = async (at = repo) => {
    const pid = await until("a server", async () => {
      const lines = (await readFile(path.join(at.root, LOG), "utf8").catch(() => "")).split("\n");
      const serving = lines.filter((line) => line.includes(": serving ")).at(-1);
      return serving ? Number(/pid (\d+)/.exec(serving)![1]) : undefined;
    });
    servers.add(pid);
    return pid;
  };
  // a repository and a copy of it, both generated once; the first leaves a server behind
  const withServer = async () => {
    expect((await gen()).status).toBe(0);
    const pid = await serverOf();
    copy = await createTempRepo(FILES);
    expect((await gen(["gen"], { TRUNKLINE_DAEMON: "0" }, copy)).status).toBe(0);
    return pid;
  };
  // the same edit in both, then gen in both: served in one, in its own process in the other
  const both = async (edit: (at: TempRepo) => Promise<void>, args: string[] = ["gen"]) => {
    await edit(repo);
    await edit(copy!);
    const from = await importCount();
    const served = await gen(args);
    const imported = await importsSince(from);
    const alone = await gen(args, { TRUNKLINE_DAEMON: "0" }, copy);
    return { served, alone, imported };
  };
  const expectSameRun = async ({ served, alone }: { served: Run; alone: Run }) => {
    expect(served.stderr).toBe(alone.stderr);
    expect(served.stdout).toBe(alone.stdout);
    expect(served.status).toBe(alone.status);
    expect(await repo.snapshot()).toEqual(await copy!.snapshot());
  };

  beforeEach(async () => {
    logDir = await mkdtemp(path.join(tmpdir(), "trunkline-imports-"));
    importLog = path.join(logDir, "imports.log");
    repo = await createTempRepo(FILES);
  });
  afterEach(async () => {
    // every server the repository's log names (a run in its own process may have started another)
    const log = (await repo.read(LOG)) ?? "";
    for (const [, pid] of log.matchAll(/pid (\d+): serving/g)) servers.add(Number(pid));
    // one that ended (or was killed here) is not asked again: its pid may be another process's by now
    for (const [, pid] of log.matchAll(/pid (\d+): ended/g)) servers.delete(Number(pid));
    for (const pid of killed) servers.delete(pid);
    killed.clear();
    // stopped as a user would (it removes its socket), and killed when it does not end soon
    for (const pid of servers) if (isAlive(pid)) process.kill(pid, "SIGTERM");
    for (const pid of servers) await until("a stopped server's end", () => (isAlive(pid) ? undefined : true), 5_000).catch(() => process.kill(pid, "SIGKILL"));
    servers.clear();
    await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
    fake = undefined;
    await repo.dispose();
    await copy?.dispose();
    copy = undefined;
    await rm(logDir, { recursive: true, force: true });
  });

  it("issue 13.3: an edited source is served: the same output, files and exit code as a gen in its own process, and only that source imported again", async () => {
    const pid = await withServer();
    const run = await both((at) => at.write("workflows-src/other.ts", source("other", "lint --fix", false)));
    await expectSameRun(run);
    expect(run.served.stderr).toContain("1 written");
    expect(run.imported).toEqual([[String(pid), "other"]]);
    // check, in a machine format, likewise
    const checked = await both(async () => undefined, ["check", "--format", "json"]);
    await expectSameRun(checked);
    expect(JSON.parse(checked.served.stdout)).toEqual([]);
    expect(checked.imported).toEqual([]);
  });

  it("issue 13.3: an edited helper rewrites only its importers", async () => {
    const pid = await withServer();
    const before = (await stat(path.join(repo.root, ".github/workflows/other.yml"))).mtimeMs;
    const run = await both((at) => at.write("workflows-src/lib/command.ts", HELPER.replace("make", "just")));
    await expectSameRun(run);
    expect(await repo.read(".github/workflows/ci.yml")).toContain("just build");
    expect((await stat(path.join(repo.root, ".github/workflows/other.yml"))).mtimeMs).toBe(before);
    expect(run.imported).toEqual([[String(pid), "ci"]]);
  });

  it("issue 13.3: a file a source read while imported is watched too, and a source that reads the clock is imported on every call", async () => {
    const reader = `import { readFileSync } from "node:fs";\nimport { appendFileSync } from "node:fs";\nimport { job, workflow } from "trunkline";\nappendFileSync(process.env.IMPORT_LOG!, \`\${process.pid} reader\\n\`);\nconst name = readFileSync("data/name.txt", "utf8").trim();\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: \`make \${name}\` }] });\nexport default workflow("reader", { on: "push", permissions: { contents: "read" }, jobs: { t } });\n`;
    const clock = source("clock", "tick", false).replace("const t =", "void Date.now();\nconst t =");
    const files = { "workflows-src/reader.ts": reader, "workflows-src/clock.ts": clock, "data/name.txt": "first\n" };
    for (const [file, text] of Object.entries(files)) await repo.write(file, text);
    const pid = await withServer();
    for (const [file, text] of Object.entries(files)) await copy!.write(file, text);
    expect((await gen(["gen"], { TRUNKLINE_DAEMON: "0" }, copy)).status).toBe(0);
    // the first call sorts out which of the sources imported together read what
    expect((await gen()).status).toBe(0);
    const run = await both((at) => at.write("data/name.txt", "second\n"));
    await expectSameRun(run);
    expect(await repo.read(".github/workflows/reader.yml")).toContain("make second");
    expect(run.imported.sort()).toEqual([[String(pid), "clock"], [String(pid), "reader"]]);
    const from = await importCount();
    expect((await gen(["check"])).status).toBe(0);
    expect(await importsSince(from)).toEqual([[String(pid), "clock"]]);
  });

  it("issue 13.3: a syntax error exits 2 with the same diagnostics, and the next save recovers", async () => {
    await withServer();
    const broken = await both((at) => at.write("workflows-src/lib/command.ts", "export const command = (name: string) => `make ${name}` +;\n"));
    await expectSameRun(broken);
    expect(broken.served.status).toBe(2);
    expect(broken.served.stderr).toContain("workflows-src/lib/command.ts:1:");
    const fixed = await both((at) => at.write("workflows-src/lib/command.ts", HELPER.replace("make", "ninja")));
    await expectSameRun(fixed);
    expect(fixed.served.status).toBe(0);
    expect(await repo.read(".github/workflows/ci.yml")).toContain("ninja build");
  });

  it("issue 13.3: a save made right before the call is seen, with no wait for file events", async () => {
    const pid = await withServer();
    for (const word of ["one", "two", "three"]) {
      await repo.write("workflows-src/ci.ts", source("ci", word, true));
      const from = await importCount();
      const result = await gen();
      expect(result.status).toBe(0);
      expect(await repo.read(".github/workflows/ci.yml")).toContain(`make ${word}`);
      expect(await importsSince(from)).toEqual([[String(pid), "ci"]]);
    }
    // a new source, and a source removed
    await repo.write("workflows-src/more.ts", source("more", "more", false));
    expect((await gen()).status).toBe(0);
    expect(await repo.read(".github/workflows/more.yml")).toContain("more");
    await repo.remove("workflows-src/more.ts");
    const removed = await gen();
    expect(removed.stderr).toContain("removed .github/workflows/more.yml");
    expect(await repo.read(".github/workflows/more.yml")).toBeUndefined();
  });

  it("issue 13.3: a package a source imports, changed in place (a linked template package), ends the server and the call runs in its own process", async () => {
    const steps = "node_modules/acme-steps";
    await repo.write(`${steps}/package.json`, JSON.stringify({ name: "acme-steps", type: "module", main: "index.js" }));
    await repo.write(`${steps}/index.js`, 'export const command = (name) => `make ${name}`;\n');
    await repo.write("workflows-src/ci.ts", source("ci", "build", true).replace("./lib/command.js", "acme-steps"));
    const pid = await withServer();
    // a served call first: the server has imported the package
    await repo.write("workflows-src/other.ts", source("other", "lint --fix", false));
    expect((await gen()).status).toBe(0);
    await repo.write(`${steps}/index.js`, 'export const command = (name) => `bazel ${name}`;\n');
    const from = await importCount();
    const result = await gen();
    expect(result.status).toBe(0);
    expect(await repo.read(".github/workflows/ci.yml")).toContain("bazel build");
    // run in the client's own process, not the server's
    expect((await importsSince(from)).map(([by]) => by)).not.toContain(String(pid));
    await until("the server's end", () => (isAlive(pid) ? undefined : true), 10_000);
    expect(await repo.read(LOG)).toContain("acme-steps/index.js, which a source imports, changed");
  });

  it("issue 13.3: a helper imported from outside the project is stamped too: its edit is served, not missed", async () => {
    const outside = await mkdtemp(path.join(path.dirname(repo.root), "trunkline-shared-"));
    try {
      const helper = path.join(outside, "command.ts");
      await writeFile(helper, HELPER);
      const relative = path.relative(path.join(repo.root, "workflows-src"), helper).split(path.sep).join("/").replace(/\.ts$/, ".js");
      await repo.write("workflows-src/ci.ts", source("ci", "build", true).replace("./lib/command.js", relative));
      const pid = await withServer();
      await writeFile(helper, HELPER.replace("make", "bazel"));
      const from = await importCount();
      const served = await gen();
      expect(served.status).toBe(0);
      expect(await repo.read(".github/workflows/ci.yml")).toContain("bazel build");
      expect(await importsSince(from)).toEqual([[String(pid), "ci"]]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("issue 13.3: another environment is another server's, TRUNKLINE_DAEMON aside; CI and TRUNKLINE_DAEMON=0 start none", async () => {
    const pid = await withServer();
    await repo.write("workflows-src/other.ts", source("other", "one", false));
    // TRUNKLINE_DAEMON unset, and no terminal: served all the same
    let from = await importCount();
    expect((await gen(["gen"], { TRUNKLINE_DAEMON: undefined })).status).toBe(0);
    expect(await importsSince(from)).toEqual([[String(pid), "other"]]);
    // one variable more: a source may read it, so it runs in its own process (and starts no server: no terminal)
    await repo.write("workflows-src/other.ts", source("other", "two", false));
    from = await importCount();
    const other = await gen(["gen"], { TRUNKLINE_DAEMON: undefined, SOME_SETTING: "x" });
    expect(other.status).toBe(0);
    expect((await importsSince(from)).map(([by]) => by)).not.toContain(String(pid));
    expect(await repo.read(".github/workflows/other.yml")).toContain("two");

    // CI set: no server, even when asked for one; TRUNKLINE_DAEMON=0 likewise
    const ci = await createTempRepo(FILES);
    try {
      expect((await gen(["gen"], { CI: "true" }, ci)).status).toBe(0);
      expect((await gen(["check"], { TRUNKLINE_DAEMON: "0" }, ci)).status).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await ci.read(LOG)).toBeUndefined();
    } finally {
      await ci.dispose();
    }
  });

  it("issue 13.3: a server killed with SIGKILL leaves the next gen to run in its own process, saying nothing of it", async () => {
    const pid = await withServer();
    process.kill(pid, "SIGKILL");
    killed.add(pid);
    await until("the server's end", () => (isAlive(pid) ? undefined : true));
    const run = await both((at) => at.write("workflows-src/other.ts", source("other", "after", false)));
    await expectSameRun(run);
    expect(run.imported.map(([by]) => by)).not.toContain(String(pid));
    expect(run.served.stderr).not.toContain("server");
  });

  it("issue 13.3: the server ends when idle, and when .trunkline/cache is removed", async () => {
    expect((await gen(["gen"], { TRUNKLINE_DAEMON_IDLE_MS: "1000" })).status).toBe(0);
    const idle = await serverOf();
    await until("the idle server's end", () => (isAlive(idle) ? undefined : true));
    expect(await repo.read(LOG)).toMatch(/ended: idle/);

    const other = await createTempRepo(FILES);
    try {
      expect((await gen(["gen"], {}, other)).status).toBe(0);
      const pid = await serverOf(other);
      await rm(path.join(other.root, ".trunkline/cache"), { recursive: true, force: true });
      await until("the end of the server whose cache was removed", () => (isAlive(pid) ? undefined : true));
    } finally {
      await other.dispose();
    }
  });

  it("issue 13.3: a server that drops the call, or falls silent, is said in one line and the command runs in the client's process", async () => {
    // stands in for a server: takes the request, then ends the connection, or says nothing at all
    // (TRUNKLINE_DAEMON unset and no terminal: the client's own run starts no real server)
    const env = envOf({ TRUNKLINE_DAEMON: undefined, TRUNKLINE_DAEMON_SILENCE_MS: "1000" });
    const build = buildOf(new URL("../../dist/cli.js", import.meta.url));
    expect(build).toBeDefined();
    const address = socketPath(serverKey(repo.root, env, build!));
    expect(isPrivateFolder(socketFolder(), true)).toBe(true);
    const pretend = async (silent: boolean) => {
      await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
      fake = createServer((socket) => socket.once("data", () => (silent ? undefined : socket.destroy())));
      await new Promise<void>((resolve) => fake!.listen(address, resolve));
    };

    await pretend(false);
    const dropped = await runBin(["gen"], repo.root, env);
    expect(dropped.status).toBe(0);
    expect(dropped.stderr.split("\n").filter((line) => line.includes("background server"))).toEqual(["trunkline: the background server ended the connection before its result; running gen in this process"]);
    expect(await repo.read(".github/workflows/ci.yml")).toContain("make build");

    await pretend(true);
    await repo.write("workflows-src/other.ts", source("other", "quiet", false));
    const quiet = await runBin(["gen"], repo.root, env);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr.split("\n").filter((line) => line.includes("background server"))).toEqual(["trunkline: the background server sent nothing for 1 s; running gen in this process"]);
    expect(await repo.read(".github/workflows/other.yml")).toContain("quiet");
  });
  it("trunkline server lists the project's servers, one per folder, and server stop ends them all; a killed server's note is removed and named", async () => {
    const ready = async (count: number) =>
      until(`${count} servers ready`, async () => {
        const ready = ((await repo.read(LOG)) ?? "").split("\n").filter((line) => line.includes(": ready: "));
        return ready.length >= count ? true : undefined;
      });
    const rootPid = await withServer();
    await repo.write("sub/deep/.keep", "");
    expect((await runBin(["gen"], path.join(repo.root, "sub/deep"), envOf())).status).toBe(0);
    await ready(2);
    const listed = await runBin(["server", "--format", "json"], path.join(repo.root, "sub"), envOf());
    expect(listed.status).toBe(0);
    const servers = JSON.parse(listed.stdout) as { pid: number; folder: string; calls: number; busy: boolean; memoryMb: number; started: string }[];
    expect(servers.map((server) => server.folder).sort()).toEqual([".", "sub/deep"]);
    expect(servers.find((server) => server.folder === ".")!.pid).toBe(rootPid);
    for (const server of servers) {
      expect(isAlive(server.pid)).toBe(true);
      expect(server.busy).toBe(false);
      expect(server.memoryMb).toBeGreaterThan(10);
      expect(Number.isNaN(Date.parse(server.started))).toBe(false);
    }
    // a served call counts
    expect((await gen(["check"])).status).toBe(0);
    const again = JSON.parse((await runBin(["server", "--format", "json"], repo.root, envOf())).stdout) as typeof servers;
    expect(again.find((server) => server.folder === ".")!.calls).toBe(servers.find((server) => server.folder === ".")!.calls + 1);

    const stopped = await runBin(["server", "stop"], repo.root, envOf());
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toContain(`pid ${rootPid} (.)`);
    for (const server of servers) expect(isAlive(server.pid)).toBe(false);
    expect((await repo.read(LOG))!.split("\n").filter((line) => line.includes("ended: stopped by trunkline server stop"))).toHaveLength(2);
    expect(JSON.parse((await runBin(["server", "--format", "json"], repo.root, envOf())).stdout)).toEqual([]);
    expect(await readdir(path.join(repo.root, ".trunkline/cache/servers"))).toEqual([]);

    // killed: its note stays behind until the next listing, which removes it and says so
    const pid = await withServerAgain();
    process.kill(pid, "SIGKILL");
    killed.add(pid);
    await until("the killed server's end", () => (isAlive(pid) ? undefined : true));
    const afterKill = await runBin(["server"], repo.root, envOf());
    expect(afterKill.status).toBe(0);
    expect(afterKill.stderr).toMatch(new RegExp(`removed \\.trunkline/cache/servers/[0-9a-f]+\\.json, the note of a server that no longer answers \\(pid ${pid}\\)`));
    expect(afterKill.stdout).toContain("No background server for this project");
    expect(await readdir(path.join(repo.root, ".trunkline/cache/servers"))).toEqual([]);

    async function withServerAgain() {
      const before = ((await repo.read(LOG)) ?? "").split("\n").filter((line) => line.includes(": ready: ")).length;
      await repo.write("workflows-src/other.ts", source("other", "again", false));
      expect((await gen()).status).toBe(0);
      await ready(before + 1);
      const lines = ((await repo.read(LOG)) ?? "").split("\n").filter((line) => line.includes(": ready: "));
      return Number(/pid (\d+)/.exec(lines.at(-1)!)![1]);
    }
  });
});
