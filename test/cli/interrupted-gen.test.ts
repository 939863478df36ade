import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import { sha256 } from "../../src/sync/manifest.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const BIN = path.join(REPO_ROOT, "bin", "trunkline.js");
const WORKFLOWS = ".github/workflows";
const COUNT = 300;

// One source generating COUNT workflows; every one of them changes with `variant`.
const manySource = (variant: number) => `import { job, workflow } from "trunkline";

export const all = Array.from({ length: ${COUNT} }, (_, index) =>
  workflow(\`w\${index}\`, {
    on: "push",
    permissions: { contents: "read" },
    jobs: { t: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: \`echo ${variant} \${index}\` }] }) },
  }),
);
`;

const ciSource = 'import { job, workflow } from "trunkline";\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });\nexport default workflow("ci", { on: "push", permissions: { contents: "read" }, jobs: { t } });\n';

/** The CLI as a child process, killed if it outlives `timeoutMs`; `onStart` may kill it sooner. */
function runBin(root: string, args: string[], timeoutMs: number, onStart?: (child: ChildProcess) => void): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: { ...process.env, GITHUB_ACTIONS: "" }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
    onStart?.(child);
  });
}

// Every file under `root` except dependencies and the compile cache.
function filesUnder(root: string, folder = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (relative === "node_modules" || relative === ".trunkline/cache") continue;
    if (entry.isDirectory()) found.push(...filesUnder(root, relative));
    else found.push(relative);
  }
  return found;
}

describe("issue 9.5: an interrupted gen", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 9.5: killed at random points, never leaves temporary files where GitHub reads workflows, and the next gen repairs the tree", async () => {
    repo = await createTempRepo({ "workflows-src/many.ts": manySource(0) });
    const root = repo.root;
    expect((await runBin(root, ["gen"], 20_000)).status).toBe(ExitCode.Ok);
    // The write phase changes one of these folders first: a temporary file, or a rename into place.
    const watched = [path.join(root, ".trunkline/tmp"), path.join(root, WORKFLOWS)];
    const stamp = () => watched.map((folder) => (existsSync(folder) ? statSync(folder).mtimeMs : 0)).join();
    const kills: string[] = [];
    for (let round = 1; round <= 3; round++) {
      await repo.write("workflows-src/many.ts", manySource(round));
      // Odd rounds: a random moment of the write phase. Even rounds: a random moment of the whole run.
      const before = stamp();
      const killed = await runBin(root, ["gen"], 20_000, (child) => {
        void (async () => {
          if (round % 2 === 0) await sleep(Math.random() * 2500);
          else {
            const deadline = Date.now() + 15_000;
            while (child.exitCode === null && stamp() === before && Date.now() < deadline) await sleep(1);
            await sleep(Math.random() * 40);
          }
          kills.push(`round ${round}: ${child.kill("SIGKILL") ? "killed" : "already done"}`);
        })();
      });
      // Whatever the moment, nothing but workflows ever sat in the workflows folder.
      expect(readdirSync(path.join(root, WORKFLOWS)).filter((name) => !/^w\d+\.yml$/.test(name)), kills.join("; ")).toEqual([]);
      expect(killed.signal === "SIGKILL" || killed.status === ExitCode.Ok, killed.stderr).toBe(true);

      const repaired = await runBin(root, ["gen"], 20_000);
      expect(repaired.status, repaired.stderr).toBe(ExitCode.Ok);
      // Consistent: every output is what the sources generate, the manifest lists exactly them,
      // and no temporary file is left anywhere.
      const outputs = readdirSync(path.join(root, WORKFLOWS)).sort();
      expect(outputs).toHaveLength(COUNT);
      for (let index = 0; index < COUNT; index++) {
        const text = readFileSync(path.join(root, WORKFLOWS, `w${index}.yml`), "utf8");
        expect(parse(text).jobs.t.steps[0].run).toBe(`echo ${round} ${index}`);
      }
      const manifest = JSON.parse(readFileSync(path.join(root, ".trunkline/manifest.json"), "utf8")) as { files: Record<string, { sha256: string }> };
      expect(Object.keys(manifest.files).sort()).toEqual(outputs.map((name) => `${WORKFLOWS}/${name}`).sort());
      for (const [file, entry] of Object.entries(manifest.files)) expect(entry.sha256).toBe(sha256(readFileSync(path.join(root, file), "utf8")));
      expect(filesUnder(root).filter((file) => file.endsWith(".tmp"))).toEqual([]);
      expect((await runBin(root, ["check"], 20_000)).status).toBe(ExitCode.Ok);
    }
  }, 60_000);

  it("issue 9.5: check reports the temporary files an interrupted run left, and gen removes them, naming each", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": ciSource });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    // A process id that no longer runs: a child that has exited.
    const gone = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", "0"]);
      child.on("close", () => resolve(child.pid!));
    });
    const leftovers = [`.trunkline/tmp/${gone}.7.ci.yml.tmp`, `${WORKFLOWS}/.ci.yml.${gone}.tmp`, `.trunkline/.manifest.json.${gone}.tmp`];
    for (const file of leftovers) await repo.write(file, "half a file");
    await repo.write(`${WORKFLOWS}/notes.tmp`, "not trunkline's");

    const checked = await repo.run(["check", "--format", "json"]);
    expect(checked.code).toBe(ExitCode.Problems);
    const reported = JSON.parse(checked.stdout) as { file: string; message: string }[];
    expect(reported.map((diagnostic) => diagnostic.file).sort()).toEqual([...leftovers].sort());

    const generated = await repo.run(["gen"]);
    expect(generated.code).toBe(ExitCode.Ok);
    for (const file of leftovers) {
      expect(generated.stderr).toContain(`removed ${file}`);
      expect(await repo.read(file)).toBeUndefined();
    }
    expect(await repo.read(`${WORKFLOWS}/notes.tmp`)).toBe("not trunkline's");
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.5: writes temporary files under .trunkline/tmp, which ignores itself in git", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": ciSource });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect(readdirSync(path.join(repo.root, ".trunkline/tmp"))).toEqual([".gitignore"]);
    expect(await repo.read(".trunkline/tmp/.gitignore")).toBe("*\n");
  });

  // /dev/shm is another file system (tmpfs) than the temporary repository on Linux runners.
  const otherFileSystem = "/dev/shm";
  const canCrossFileSystems = process.platform === "linux" && existsSync(otherFileSystem) && statSync(otherFileSystem).dev !== statSync(tmpdir()).dev;
  it.runIf(canCrossFileSystems)("issue 9.5: still writes atomically when .trunkline/tmp is on another file system (EXDEV)", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": ciSource });
    const elsewhere = await mkdtemp(path.join(otherFileSystem, "trunkline-test-"));
    try {
      await repo.write(".trunkline/manifest.json", '{ "version": 1, "files": {} }\n');
      await symlink(elsewhere, path.join(repo.root, ".trunkline/tmp"), "dir");
      const generated = await repo.run(["gen"]);
      expect(generated.code, generated.stderr).toBe(ExitCode.Ok);
      expect(parse((await repo.read(`${WORKFLOWS}/ci.yml`))!).jobs.t.steps[0].run).toBe("make");
      expect(filesUnder(repo.root).filter((file) => file.endsWith(".tmp"))).toEqual([]);
      expect(readdirSync(elsewhere).filter((name) => name !== ".gitignore")).toEqual([]);
      expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
