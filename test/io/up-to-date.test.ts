import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createNodeIo } from "../../src/io/node-io.js";
import { recordRun } from "../../src/io/recording-io.js";
import { type RunContext, contextKey, findReplay, folderStampOf, stampOf, writeRecord } from "../../src/io/up-to-date.js";

// The replay decision on its own, against a record written by hand: every doubt means "run in full".
describe("issue 13.3: the up-to-date record is trusted only for the same call over the same files", () => {
  let root: string;
  let context: RunContext;
  const record = () =>
    writeRecord(root, "gen", {
      key: contextKey(context),
      files: { [path.join(root, "workflows-src/ci.ts")]: stampOf(path.join(root, "workflows-src/ci.ts")), [path.join(root, "trunkline.config.ts")]: null },
      folders: { [path.join(root, "workflows-src")]: folderStampOf(path.join(root, "workflows-src")) },
      stdout: "",
      stderr: "trunkline: 0 written, 0 removed, 1 unchanged.\n",
    });

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), "trunkline-up-to-date-"));
    await mkdir(path.join(root, "workflows-src"));
    await writeFile(path.join(root, "workflows-src/ci.ts"), "export default 1;\n");
    context = { argv: ["gen"], cwd: root, build: "100-1", env: { HOME: "/home/me" }, terminals: [false, false] };
    record();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("issue 13.3: the same call with nothing changed is replayed, from the root or a folder below it", async () => {
    expect(findReplay(context)?.stderr).toBe("trunkline: 0 written, 0 removed, 1 unchanged.\n");
    // another folder is another call: the project found from there may differ
    expect(findReplay({ ...context, cwd: path.join(root, "workflows-src") })).toBeUndefined();
  });

  it("issue 13.3: another build, other arguments, another environment or terminal is run in full", () => {
    expect(findReplay({ ...context, build: "100-2" })).toBeUndefined();
    expect(findReplay({ ...context, build: undefined })).toBeUndefined();
    expect(findReplay({ ...context, argv: ["gen", "--force"] })).toBeUndefined();
    expect(findReplay({ ...context, argv: ["lint"] })).toBeUndefined();
    expect(findReplay({ ...context, env: { HOME: "/home/me", NODE_ENV: "production" } })).toBeUndefined();
    expect(findReplay({ ...context, terminals: [true, true] })).toBeUndefined();
    // what the shell alone sets does not count
    expect(findReplay({ ...context, env: { HOME: "/home/me", _: "/usr/bin/npx", OLDPWD: "/", SHLVL: "3" } })).toBeDefined();
  });

  it("issue 13.3: a file edited in place, a file that appears, or a file added to a listed folder is run in full", async () => {
    await writeFile(path.join(root, "workflows-src/ci.ts"), "export default 2;\n");
    expect(findReplay(context)).toBeUndefined();
    record();
    await writeFile(path.join(root, "trunkline.config.ts"), "export default {};\n");
    expect(findReplay(context)).toBeUndefined();
    await rm(path.join(root, "trunkline.config.ts"));
    record();
    await writeFile(path.join(root, "workflows-src/new.ts"), "export default 3;\n");
    expect(findReplay(context)).toBeUndefined();
  });

  it("issue 13.3: an unreadable record, or one of another format, is run in full", async () => {
    const file = path.join(root, ".trunkline/cache/up-to-date/gen.json");
    await writeFile(file, "{");
    expect(findReplay(context)).toBeUndefined();
    await writeFile(file, JSON.stringify({ format: 0, key: contextKey(context), root, files: {}, folders: {}, stdout: "", stderr: "" }));
    expect(findReplay(context)).toBeUndefined();
  });
});

// lint reads every workflow it checks; a command that is never replayed must not pay a stat for each.
describe("issue 12 (speed): a command that is never replayed is not recorded", () => {
  it("issue 12 (speed): lint runs on the io it was given, unwrapped, and its finish records nothing", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "trunkline-not-recorded-"));
    try {
      const io = createNodeIo(root, { stdout: () => undefined, stderr: () => undefined }, {});
      const run = recordRun(io, { argv: ["lint"], cwd: root, build: "100-1", env: {}, terminals: [false, false] });
      expect(run.io).toBe(io);
      await run.finish(0);
      expect(readdirSync(root)).toEqual([]);
      // gen is recorded: its io is wrapped
      expect(recordRun(io, { argv: ["gen"], cwd: root, build: "100-1", env: {}, terminals: [false, false] }).io).not.toBe(io);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
