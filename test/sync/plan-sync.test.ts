import { describe, expect, it } from "vitest";
import type { OutputFile } from "../../src/compile.js";
import { emitYaml } from "../../src/emit/emit-yaml.js";
import { MANIFEST_FILE, buildManifest, parseManifest, serializeManifest } from "../../src/sync/manifest.js";
import { type DiskState, planSync } from "../../src/sync/plan-sync.js";

const model = (command: string) => ({ on: "push", jobs: { t: { "runs-on": "ubuntu-latest", steps: [{ run: command }] } } });
const output = (path: string, command = "make"): OutputFile => ({ path, target: "default", sourceFile: "workflows-src/ci.ts", text: emitYaml(model(command), "workflows-src/ci.ts") });
const disk = (files: Record<string, string>, manifestOf: OutputFile[] = []): DiskState => {
  const manifestText = serializeManifest(buildManifest(manifestOf));
  return { files: new Map(Object.entries(files)), manifest: parseManifest(manifestText), manifestText, leftovers: [] };
};
const CI = ".github/workflows/ci.yml";

describe("planSync", () => {
  it("does nothing when the disk already matches", () => {
    const ci = output(CI);
    const plan = planSync([ci], disk({ [CI]: ci.text }, [ci]), { force: false });
    expect(plan).toEqual({ writes: [], deletes: [], leftovers: [], drift: [], blockers: [] });
  });

  it("writes a missing file and the manifest", () => {
    const plan = planSync([output(CI)], disk({}), { force: false });
    expect(plan.drift.map((d) => [d.kind, d.path])).toEqual([["missing", CI]]);
    expect(plan.writes.map((w) => w.path)).toEqual([CI, MANIFEST_FILE]);
  });

  it("replaces a stale generated file", () => {
    const old = output(CI, "old");
    const plan = planSync([output(CI)], disk({ [CI]: old.text }, [old]), { force: false });
    expect(plan.drift.map((d) => d.kind)).toEqual(["stale"]);
    expect(plan.blockers).toEqual([]);
    expect(plan.writes.map((w) => w.path)).toContain(CI);
  });

  it("refuses to overwrite a hand edit unless forced", () => {
    const old = output(CI, "old");
    const edited = old.text.replace("run: old", "run: tweaked");
    const blocked = planSync([output(CI)], disk({ [CI]: edited }, [old]), { force: false });
    expect(blocked.drift.map((d) => d.kind)).toEqual(["hand-edited"]);
    expect(blocked.blockers.map((b) => [b.rule, b.file])).toEqual([["sync", CI]]);
    const forced = planSync([output(CI)], disk({ [CI]: edited }, [old]), { force: true });
    expect(forced.blockers).toEqual([]);
    expect(forced.writes.map((w) => w.path)).toContain(CI);
  });

  it("issue 11.3: rewrites without --force a hand edit the sources now generate (a bot's pin bump taken into the lockfile): only its header changes", () => {
    const old = output(CI, "old");
    const edited = old.text.replace("run: old", "run: make");
    const plan = planSync([output(CI)], disk({ [CI]: edited }, [old]), { force: false });
    expect(plan.blockers).toEqual([]);
    expect(plan.drift.map((d) => d.kind)).toEqual(["stale"]);
    expect(plan.writes.map((w) => w.path)).toContain(CI);
  });

  it("never overwrites a YAML file trunkline did not generate", () => {
    const plan = planSync([output(CI)], disk({ [CI]: "on: push\njobs: {}\n" }), { force: true });
    expect(plan.blockers.map((b) => b.file)).toEqual([CI]);
    expect(plan.writes.map((w) => w.path)).not.toContain(CI);
  });

  it("removes an orphan it generated, and leaves hand-written neighbours alone", () => {
    const gone = output(".github/workflows/old.yml");
    const plan = planSync([], disk({ [gone.path]: gone.text, ".github/workflows/mine.yml": "on: push\n" }, [gone]), { force: false });
    expect(plan.drift.map((d) => [d.kind, d.path])).toEqual([["orphaned", gone.path]]);
    expect(plan.deletes).toEqual([gone.path]);
  });

  it("keeps an orphan that was edited by hand unless forced", () => {
    const gone = output(".github/workflows/old.yml");
    const edited = gone.text.replace("run: make", "run: mine");
    expect(planSync([], disk({ [gone.path]: edited }, [gone]), { force: false }).deletes).toEqual([]);
    expect(planSync([], disk({ [gone.path]: edited }, [gone]), { force: true }).deletes).toEqual([gone.path]);
  });
});
