import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { actionsOutdated, actionsUpdate } from "../../src/cli/commands/actions.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { serializeLockfile } from "../../src/actions/lockfile.js";
import { hasActionsCorpus, writeCorpusMetadataFolder, writeRelease } from "../support/actions-corpus.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const SHA_710 = "a".repeat(40);
const SHA_800 = "b".repeat(40);

// actions/checkout's action.yml edited into a breaking release: a new required input, an input and
// an output removed, an output added, a default changed, an input deprecated.
function breakingCheckout(text: string): string {
  const document = parseDocument(text);
  document.setIn(["inputs", "auth-mode"], document.createNode({ description: "How to authenticate", required: true }));
  document.deleteIn(["inputs", "lfs"]);
  document.setIn(["inputs", "fetch-depth", "default"], 0);
  document.setIn(["inputs", "show-progress", "deprecationMessage"], "Progress is always shown");
  document.deleteIn(["outputs", "commit"]);
  document.setIn(["outputs", "tree"], document.createNode({ description: "The tree SHA" }));
  return document.toString();
}

interface LockJson {
  lockfileVersion: number;
  actions: Record<string, { ref: string; tag: string; sha: string; metadataFile: string; metadataSha256: string }>;
}

describe.skipIf(!hasActionsCorpus)("trunkline actions outdated and update (fixtures, no network; skipped without ../shared/corpora/actions)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  // checkout and cache locked from the corpus, then checkout v7.1.0 (breaking) and v8.0.0 published
  const setUp = async () => {
    repo = await createTempRepo({ "workflows-src/.keep": "" });
    const folder = path.join(repo.root, "metadata");
    await writeCorpusMetadataFolder(folder);
    const added = await repo.run(["actions", "add", "actions/checkout@v7", "actions/cache@v5", "--metadata", "metadata", "--offline"]);
    expect(added.code).toBe(0);
    const v710 = await writeRelease(folder, "actions/checkout", ["v7", "v7.1.0"], SHA_710, breakingCheckout);
    await writeRelease(folder, "actions/checkout", ["v8", "v8.0.0"], SHA_800, (text) => text);
    return { repo, v710 };
  };

  it("issue 11.3: outdated lists each locked action with the newest release in its major and overall (json), exit 0, writing nothing", async () => {
    const { repo } = await setUp();
    const before = await repo.snapshot();
    const result = await repo.run(["actions", "outdated", "--metadata", "metadata", "--offline", "--format", "json"]);
    expect(result.code).toBe(0);
    const entries = JSON.parse(result.stdout) as unknown[];
    expect(entries).toEqual([
      { action: "actions/cache", ref: "v5", tag: "v5.0.5", sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae", sameMajor: { tag: "v5.0.5", sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae" }, latest: { tag: "v5.0.5", sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae" }, outdated: false, tagsFrom: "metadata" },
      { action: "actions/checkout", ref: "v7", tag: "v7.0.1", sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", sameMajor: { tag: "v7.1.0", sha: SHA_710 }, latest: { tag: "v8.0.0", sha: SHA_800 }, outdated: true, tagsFrom: "metadata" },
    ]);
    expect(await repo.snapshot()).toEqual(before);
    const pretty = await repo.run(["actions", "outdated", "--metadata", "metadata", "--offline"]);
    expect(pretty.code).toBe(0);
    expect(pretty.stderr).toContain("releases published after it was filled are not known");
  }, 60_000);

  it("issue 11.3: update moves within the major, rewrites lockfile and binding, shows the breaking metadata diff; a second run changes nothing and the lockfile is byte-stable", async () => {
    const { repo, v710 } = await setUp();
    const lockBefore = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as LockJson;

    // a dry run shows the diff and writes nothing
    const before = await repo.snapshot();
    const dry = await repo.run(["actions", "update", "--metadata", "metadata", "--offline", "--dry-run"]);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/actions\/checkout v7\.0\.1 → v7\.1\.0 .*BREAKING/);
    expect(dry.stderr).toContain('+ required input "auth-mode"');
    expect(await repo.snapshot()).toEqual(before);

    const updated = await repo.run(["actions", "update", "--metadata", "metadata", "--offline", "--format", "json"]);
    expect(updated.code).toBe(0);
    const outcomes = JSON.parse(updated.stdout) as { action: string; outcome: string; from: { tag: string }; to: { tag: string; sha: string; ref: string }; diff: unknown }[];
    expect(outcomes.map((outcome) => [outcome.action, outcome.outcome])).toEqual([["actions/cache", "unchanged"], ["actions/checkout", "updated"]]);
    const checkout = outcomes[1]!;
    expect(checkout.to).toMatchObject({ ref: "v7", tag: "v7.1.0", sha: SHA_710 });
    expect(checkout.diff).toEqual({
      newRequiredInputs: ["auth-mode"],
      removedInputs: ["lfs"],
      newInputs: [],
      newOutputs: ["tree"],
      removedOutputs: ["commit"],
      changedDefaults: [{ input: "fetch-depth", from: "1", to: "0" }],
      newlyDeprecated: [{ input: "show-progress", message: "Progress is always shown" }],
    });

    // the lockfile diff: only checkout's entry moved, to the new commit and its metadata's hash
    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    const lockAfter = JSON.parse(lockText) as LockJson;
    expect(lockAfter.actions["actions/cache"]).toEqual(lockBefore.actions["actions/cache"]);
    expect(lockAfter.actions["actions/checkout"]).toEqual({ ref: "v7", tag: "v7.1.0", sha: SHA_710, metadataFile: "action.yml", metadataSha256: createHash("sha256").update(v710).digest("hex") });
    expect(lockText).toBe(serializeLockfile(lockAfter as never));

    const binding = (await repo.read("workflows-src/actions/actions-checkout.ts"))!;
    expect(binding).toContain(`sha: "${SHA_710}"`);
    expect(binding).toContain('  "auth-mode": string | number | boolean;');
    expect(binding).not.toContain('  lfs?:');
    expect(binding).toContain('outputs: ["ref", "tree"]');

    const settled = await repo.snapshot();
    const again = await repo.run(["actions", "update", "--metadata", "metadata", "--offline"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("nothing changed");
    expect(await repo.snapshot()).toEqual(settled);
  }, 60_000);

  it("issue 11.3: update --major moves to the newest major and the moving ref with it; naming an action not locked is exit 2, nothing written", async () => {
    const { repo } = await setUp();
    const updated = await repo.run(["actions", "update", "actions/checkout", "--major", "--metadata", "metadata", "--offline"]);
    expect(updated.code).toBe(0);
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as LockJson;
    expect(lock.actions["actions/checkout"]).toMatchObject({ ref: "v8", tag: "v8.0.0", sha: SHA_800 });
    expect(updated.stderr).toContain("inputs and outputs unchanged");

    const before = await repo.snapshot();
    const missing = await repo.run(["actions", "update", "octo-org/nope", "--metadata", "metadata", "--offline"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("octo-org/nope is not in trunkline.actions.lock.json");
    expect(await repo.snapshot()).toEqual(before);
  }, 60_000);

  it("issue 11.3: --to takes one named action; outdated takes no --major (usage, exit 3)", async () => {
    repo = await createTempRepo({ "workflows-src/.keep": "" });
    expect((await repo.run(["actions", "update", "--to", "v7.0.1"])).code).toBe(3);
    expect((await repo.run(["actions", "outdated", "--major"])).code).toBe(3);
    expect((await repo.run(["actions", "add", "actions/checkout@v7", "--major"])).code).toBe(3);
  });
});

// GitHub replayed: "List repository tags" pages (100 a page) and "Get repository content", in the
// shapes the REST API documents; any other URL is a 404.
const OLD = "1".repeat(40);
const NEW = "2".repeat(40);
const OLD_YAML = "name: Lint\ninputs:\n  config:\n    required: true\nruns:\n  using: node24\n  main: index.js\n";
const NEW_YAML = "name: Lint\ninputs:\n  config:\n    required: true\n  level:\n    default: warn\noutputs:\n  findings:\n    description: How many\nruns:\n  using: node24\n  main: index.js\n";
const tag = (name: string, sha: string) => ({ name, commit: { sha, url: `https://api.github.com/repos/octo-org/lint-action/commits/${sha}` }, zipball_url: "", tarball_url: "", node_id: name });
const content = (text: string) => ({ status: 200, body: { type: "file", encoding: "base64", name: "action.yml", path: "action.yml", size: text.length, content: Buffer.from(text).toString("base64"), sha: "x" } });
const RECORDED: Record<string, { status: number; body: unknown }> = {
  // a full first page of old patch tags, so the newest release is only on page 2
  "https://api.github.com/repos/octo-org/lint-action/tags?per_page=100&page=1": { status: 200, body: Array.from({ length: 100 }, (_, index) => tag(`v1.0.${index}`, index === 0 ? OLD : `${index}`.padStart(40, "3"))) },
  "https://api.github.com/repos/octo-org/lint-action/tags?per_page=100&page=2": { status: 200, body: [tag("v1", NEW), tag("v1.1.0", NEW), tag("v2.0.0-beta.1", "4".repeat(40))] },
  // a repository that publishes no releases: its version tags are what an update moves to
  "https://api.github.com/repos/octo-org/lint-action/releases?per_page=100&page=1": { status: 200, body: [] },
  [`https://api.github.com/repos/octo-org/lint-action/contents/action.yml?ref=${OLD}`]: content(OLD_YAML),
  [`https://api.github.com/repos/octo-org/lint-action/contents/action.yml?ref=${NEW}`]: content(NEW_YAML),
};
function recordedFetch(seen: { url: string; headers: Record<string, string> }[]) {
  return async (url: string, init: { headers: Record<string, string> }) => {
    seen.push({ url, headers: init.headers });
    const answer = RECORDED[url] ?? { status: 404, body: { message: "Not Found" } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  };
}

describe("actions outdated and update through GitHub (recorded responses, no network)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.3: tags are read page by page with the token; with no releases published the version tags are the candidates, a pre-release is none; update reads both releases' metadata and reports the diff", async () => {
    const lock = { lockfileVersion: 1 as const, actions: { "octo-org/lint-action": { ref: "v1.0.0", tag: "v1.0.0", sha: OLD, metadataFile: "action.yml", metadataSha256: createHash("sha256").update(OLD_YAML).digest("hex") } } };
    repo = await createTempRepo({ "workflows-src/.keep": "", "trunkline.actions.lock.json": serializeLockfile(lock) });
    const seen: { url: string; headers: Record<string, string> }[] = [];
    let out = "";
    const io = createNodeIo(repo.root, { stdout: (text) => void (out += text), stderr: () => {} }, { GITHUB_TOKEN: "t0ken" }, { cwd: repo.root });
    expect(await actionsOutdated({ actions: [], offline: false, fetch: recordedFetch(seen), format: "json" }, io)).toBe(0);
    expect(JSON.parse(out)).toEqual([
      { action: "octo-org/lint-action", ref: "v1.0.0", tag: "v1.0.0", sha: OLD, sameMajor: { tag: "v1.1.0", sha: NEW }, latest: { tag: "v1.1.0", sha: NEW }, outdated: true, tagsFrom: "GitHub" },
    ]);
    expect(seen.map((request) => request.url)).toEqual([
      "https://api.github.com/repos/octo-org/lint-action/tags?per_page=100&page=1",
      "https://api.github.com/repos/octo-org/lint-action/tags?per_page=100&page=2",
      "https://api.github.com/repos/octo-org/lint-action/releases?per_page=100&page=1",
    ]);
    expect(seen.every((request) => request.headers.authorization === "Bearer t0ken")).toBe(true);

    out = "";
    expect(await actionsUpdate({ actions: [], offline: false, fetch: recordedFetch(seen), format: "json", major: false, dryRun: false }, io)).toBe(0);
    const [outcome] = JSON.parse(out) as { to: { ref: string; tag: string; sha: string }; diff: { newInputs: string[]; newOutputs: string[] } }[];
    expect(outcome!.to).toMatchObject({ ref: "v1.1.0", tag: "v1.1.0", sha: NEW });
    expect(outcome!.diff).toMatchObject({ newInputs: ["level"], newOutputs: ["findings"], newRequiredInputs: [], removedInputs: [] });
    const written = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as LockJson;
    expect(written.actions["octo-org/lint-action"]).toMatchObject({ ref: "v1.1.0", sha: NEW, metadataSha256: createHash("sha256").update(NEW_YAML).digest("hex") });
  });
});

describe("actions outdated and update in the bundle", () => {
  it("issue 11.3: are loaded on demand: no module gen's start-up loads statically holds them", () => {
    // running the CLI rebuilds dist/ from these sources when they are newer
    execFileSync(process.execPath, [path.join(REPO_ROOT, "bin", "trunkline.js"), "--version"], { timeout: 120_000, stdio: "ignore" });
    const cli = readFileSync(path.join(REPO_ROOT, "dist", "cli.js"), "utf8");
    const staticImports = (text: string) => [...text.matchAll(/(?:^|[;\n])\s*import\s*(?:[^("']*?from\s*)?"\.\/(?:chunks\/)?([^"]+)"/g)].map((match) => match[1]!.replace(/^chunks\//, ""));
    const texts = [cli];
    const seen = new Set<string>();
    const walk = (text: string) => {
      for (const imported of staticImports(text)) {
        if (seen.has(imported)) continue;
        seen.add(imported);
        const chunk = readFileSync(path.join(REPO_ROOT, "dist", "chunks", imported), "utf8");
        texts.push(chunk);
        walk(chunk);
      }
    };
    walk(cli);
    // texts only outdated/update print
    const all = readdirSync(path.join(REPO_ROOT, "dist", "chunks")).map((file) => readFileSync(path.join(REPO_ROOT, "dist", "chunks", file), "utf8"));
    expect(all.some((text) => text.includes("newest in major"))).toBe(true);
    for (const text of texts) {
      expect(text).not.toContain("newest in major");
      expect(text).not.toContain("no source knows the tags of");
    }
  }, 150_000);
});
