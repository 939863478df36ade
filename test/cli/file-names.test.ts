import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { OutputFile } from "../../src/compile.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { checkWorkflowFileName } from "../../src/sync/check-workflow-file-name.js";
import { buildManifest, parseManifest, serializeManifest } from "../../src/sync/manifest.js";
import { planSync } from "../../src/sync/plan-sync.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";
import { runJson } from "../support/json-output.js";


const source = (name: string, command = "make") =>
  `import { job, workflow } from "trunkline";\nconst t = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: ${JSON.stringify(command)} }] });\nexport default workflow(${JSON.stringify(name)}, { on: "push", permissions: { contents: "read" }, jobs: { t } });\n`;


describe("issue 9.19: workflow file names", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.19: workflow(\"\") is refused for its empty name, not for leaving the folder", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source("") });
    const before = await repo.snapshot();
    const result = await runJson(repo, ["gen"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: "workflows-src/ci.ts", severity: "error" });
    expect(result.diagnostics[0]!.message).toContain("empty");
    expect(result.diagnostics[0]!.message).not.toMatch(/leave|folder/);
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.19: a dot-prefixed name is written, as GitHub runs such files (moby's reusable .test.yml)", async () => {
    repo = await createTempRepo({ "workflows-src/hidden.ts": source(".hidden") });
    const result = await repo.run(["gen"]);
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    expect(parse((await repo.read(".github/workflows/.hidden.yml"))!).jobs.t.steps[0].run).toBe("make");
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.19: dup.yml and DUP.yml are one file on a case-insensitive file system: an error naming both sources and both names", async () => {
    repo = await createTempRepo({ "workflows-src/lower.ts": source("dup"), "workflows-src/upper.ts": source("DUP") });
    const before = await repo.snapshot();
    const result = await runJson(repo, ["gen"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    expect(errors).toHaveLength(1);
    for (const name of ["workflows-src/lower.ts", "workflows-src/upper.ts", ".github/workflows/dup.yml", ".github/workflows/DUP.yml"]) expect(errors[0]!.message).toContain(name);
    expect(await repo.snapshot()).toEqual(before);
    expect((await repo.run(["check"])).code).toBe(ExitCode.SourceErrors);
  });

  it("issue 9.19: a generated name that differs only in case from a hand-written file is refused", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": source("ci"), ".github/workflows/CI.yml": "on: push\njobs: {}\n" });
    const before = await repo.snapshot();
    const result = await runJson(repo, ["gen"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    expect(result.diagnostics.map((diagnostic) => diagnostic.message).join("\n")).toContain(".github/workflows/CI.yml");
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 9.19: a workflow renamed only in case (CI → ci) is removed before the new one is written, so a case-insensitive disk keeps it", () => {
    const text = (file: string) => emitYaml({ on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: "make" }] } } }, file);
    const old: OutputFile = { path: ".github/workflows/CI.yml", target: "default", sourceFile: "workflows-src/ci.ts", text: text("workflows-src/ci.ts") };
    const renamed: OutputFile = { ...old, path: ".github/workflows/ci.yml" };
    const manifestText = serializeManifest(buildManifest([old]));
    // On a case-insensitive disk, reading ci.yml reads CI.yml: the new file looks up to date.
    const disk = { files: new Map([[old.path, old.text], [renamed.path, old.text]]), manifest: parseManifest(manifestText), manifestText, leftovers: [] };
    const plan = planSync([renamed], disk, { force: false });
    expect(plan.deletes).toEqual([old.path]);
    expect(plan.writes.map((write) => write.path)).toContain(renamed.path);
  });

  it("issue 9.8: names GitHub runs are accepted; what cannot be one file in the folder on every system is refused", () => {
    for (const name of ["node-4+.yml", ".test.yml", "build and test.yaml", "déploiement.yml", "a..b.yml", "release@v2.yml"]) expect(checkWorkflowFileName(name), name).toBeUndefined();
    for (const name of [".yml", "sub/ci.yml", "sub\\ci.yml", "ci\n.yml", "a:b.yml", "what?.yml", "nul.yml", "COM1.yaml", "ci.json"]) expect(checkWorkflowFileName(name), name).toBeDefined();
  });
});

describe("issue 9.8: a workflow file with + in its name", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.8: trunkline import of node-4+.yml round-trips, and gen writes it", async () => {
    const original = "name: Node 4+\non: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: npm test\n";
    repo = await createTempRepo({ ".github/workflows/node-4+.yml": original });
    const imported = await repo.run(["import", ".github/workflows", "--replace"]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/node-4+.ts")).toContain('workflow("node-4+"');
    const replaced = (await repo.read(".github/workflows/node-4+.yml"))!;
    expect(parse(replaced)).toEqual(parse(original));
    await repo.remove(".github/workflows/node-4+.yml");
    const generated = await repo.run(["gen"]);
    expect(generated.code, generated.stderr).toBe(ExitCode.Ok);
    expect(await repo.read(".github/workflows/node-4+.yml")).toBe(replaced);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });

  it("issue 9.8: a dot-prefixed workflow (.test.yml) imports into a source the globs see, and round-trips", async () => {
    const original = "on: workflow_call\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: npm test\n";
    repo = await createTempRepo({ ".github/workflows/.test.yml": original });
    const imported = await repo.run(["import", ".github/workflows", "--replace"]);
    expect(imported.code, imported.stderr + imported.stdout).toBe(ExitCode.Ok);
    expect(await repo.read("workflows-src/test.ts")).toContain('workflow(".test"');
    expect(parse((await repo.read(".github/workflows/.test.yml"))!)).toEqual(parse(original));
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    expect((await repo.run(["check"])).code).toBe(ExitCode.Ok);
  });
});
