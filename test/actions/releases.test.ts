import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { serializeLockfile } from "../../src/actions/lockfile.js";
import { githubSource } from "../../src/actions/sources/github-source.js";
import { actionsAdd, actionsOutdated, actionsUpdate } from "../../src/cli/commands/actions.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// octo-org/deploy-action as GitHub answers for it, in the shapes the REST API documents ("List
// repository tags", "List releases", "Get repository content"). Its tags and releases disagree on
// purpose: v1.2.0 and v2.1.0 are tags never released, v1.3.0 is released as a pre-release, v1.4.0
// is a draft, and v3.0.0 is released without its tag being in the tags list.
const sha = (digit: string) => digit.repeat(40);
const S100 = sha("1");
const S110 = sha("2");
const S120 = sha("3");
const S130 = sha("4");
const S131 = sha("5");
const S140 = sha("6");
const S200 = sha("7");
const S210 = sha("8");
const TAGS: Record<string, string> = { "v1.0.0": S100, "v1.1.0": S110, "v1.2.0": S120, "v1.3.0": S130, "v1.3.1-beta.1": S131, "v1.4.0": S140, v2: S200, "v2.0.0": S200, "v2.1.0": S210 };
const release = (tag: string, flags: { prerelease?: boolean; draft?: boolean } = {}) => ({
  id: tag.length,
  tag_name: tag,
  name: `Release ${tag}`,
  body: "What changed",
  html_url: `https://github.com/octo-org/deploy-action/releases/tag/${tag}`,
  target_commitish: "main",
  prerelease: flags.prerelease ?? false,
  draft: flags.draft ?? false,
  created_at: "2026-01-01T00:00:00Z",
  published_at: flags.draft ? null : "2026-01-02T00:00:00Z",
  assets: [],
});
// newest first, as GitHub lists them
const RELEASES = [release("v3.0.0"), release("v2.0.0"), release("v1.4.0", { draft: true }), release("v1.3.1-beta.1", { prerelease: true }), release("v1.3.0", { prerelease: true }), release("v1.1.0"), release("v1.0.0")];

const Y100 = "name: Deploy\ninputs:\n  environment:\n    required: true\n  dry-run:\n    default: 'false'\noutputs:\n  url:\n    description: Where it went\nruns:\n  using: node24\n  main: index.js\n";
const Y110 = "name: Deploy\ninputs:\n  environment:\n    required: true\n  region:\n    required: true\noutputs:\n  url:\n    description: Where it went\n  id:\n    description: The deployment\nruns:\n  using: node24\n  main: index.js\n";
const Y200 = "name: Deploy\ninputs:\n  target:\n    required: true\noutputs:\n  url:\n    description: Where it went\nruns:\n  using: node24\n  main: index.js\n";
const METADATA: Record<string, string> = { [S100]: Y100, [S110]: Y110, [S200]: Y200 };

const API = "https://api.github.com/repos/octo-org/deploy-action";
function recordedFetch(seen: string[] = []) {
  return async (url: string) => {
    seen.push(url);
    const contents = new RegExp(`^${API}/contents/action\\.yml\\?ref=([0-9a-f]{40})$`).exec(url);
    const answer: { status: number; body: unknown } =
      url === `${API}/tags?per_page=100&page=1`
        ? { status: 200, body: Object.entries(TAGS).map(([name, commit]) => ({ name, commit: { sha: commit, url: "" }, zipball_url: "", tarball_url: "", node_id: name })) }
        : url === `${API}/releases?per_page=100&page=1`
          ? { status: 200, body: RELEASES }
          : contents && METADATA[contents[1]!] !== undefined
            ? { status: 200, body: { type: "file", encoding: "base64", name: "action.yml", path: "action.yml", size: 1, sha: "x", content: Buffer.from(METADATA[contents[1]!]!).toString("base64") } }
            : { status: 404, body: { message: "Not Found" } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  };
}

const LOCKED_100 = { ref: "v1.0.0", tag: "v1.0.0", sha: S100, metadataFile: "action.yml", metadataSha256: createHash("sha256").update(Y100).digest("hex") };
const LOCK_TEXT = serializeLockfile({ lockfileVersion: 1, actions: { "octo-org/deploy-action": LOCKED_100 } });

interface Entry {
  action: string;
  sameMajor: { tag: string; sha: string } | null;
  latest: { tag: string; sha: string } | null;
  outdated: boolean;
  tagsFrom: string | null;
}
interface Outcome {
  action: string;
  outcome: string;
  to: { ref: string; tag: string; sha: string };
  diff: unknown;
}
interface LockJson {
  actions: Record<string, { ref: string; tag: string; sha: string; metadataFile: string; metadataSha256: string }>;
}

const warningsIn = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("trunkline actions: warning: "));

describe("actions outdated and update read GitHub's releases besides tags (recorded responses, no network)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  // a repository with the action locked at v1.0.0, and an io whose output the test reads
  const setUp = async (files: Record<string, string> = { "trunkline.actions.lock.json": LOCK_TEXT }) => {
    const opened = await createTempRepo({ "workflows-src/.keep": "", ...files });
    repo = opened;
    const out = { stdout: "", stderr: "" };
    const io = createNodeIo(opened.root, { stdout: (text) => void (out.stdout += text), stderr: (text) => void (out.stderr += text) }, {}, { cwd: opened.root });
    const take = () => {
      const taken = { ...out };
      out.stdout = "";
      out.stderr = "";
      return taken;
    };
    return { repo: opened, io, take };
  };

  it("issue 11.3: the newest published release wins: a release marked prerelease, a pre-release tag, a draft and a tag never released are skipped; a release whose tag is missing is ignored with a warning naming it", async () => {
    const { io, take } = await setUp();
    const seen: string[] = [];
    expect(await actionsOutdated({ actions: [], offline: false, fetch: recordedFetch(seen), format: "json" }, io)).toBe(0);
    const { stdout, stderr } = take();
    expect(JSON.parse(stdout) as Entry[]).toEqual([
      { action: "octo-org/deploy-action", ref: "v1.0.0", tag: "v1.0.0", sha: S100, sameMajor: { tag: "v1.1.0", sha: S110 }, latest: { tag: "v2.0.0", sha: S200 }, outdated: true, tagsFrom: "GitHub" },
    ]);
    expect(warningsIn(stderr)).toEqual(["trunkline actions: warning: release v3.0.0 of octo-org/deploy-action is ignored: GitHub lists no tag v3.0.0, so there is no commit to lock"]);
    expect(seen).toContain(`${API}/releases?per_page=100&page=1`);
  });

  it("issue 11.3: update moves to the newest release of the major: the lockfile diff and the metadata diff are right, a second update changes nothing, the lockfile is byte-stable", async () => {
    const { repo, io, take } = await setUp();
    expect(await actionsUpdate({ actions: [], offline: false, fetch: recordedFetch(), format: "json", major: false, dryRun: false }, io)).toBe(0);
    const [outcome, ...others] = JSON.parse(take().stdout) as Outcome[];
    expect(others).toEqual([]);
    expect(outcome!.outcome).toBe("updated");
    expect(outcome!.to).toMatchObject({ ref: "v1.1.0", tag: "v1.1.0", sha: S110 });
    expect(outcome!.diff).toEqual({ newRequiredInputs: ["region"], removedInputs: ["dry-run"], newInputs: [], newOutputs: ["id"], removedOutputs: [], changedDefaults: [], newlyDeprecated: [] });

    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    const lock = JSON.parse(lockText) as LockJson;
    expect(lock.actions).toEqual({ "octo-org/deploy-action": { ref: "v1.1.0", tag: "v1.1.0", sha: S110, metadataFile: "action.yml", metadataSha256: createHash("sha256").update(Y110).digest("hex") } });
    expect(lockText).toBe(serializeLockfile(lock as never));
    expect(await repo.read("workflows-src/actions/octo-org-deploy-action.ts")).toContain(`sha: "${S110}"`);

    const settled = await repo.snapshot();
    expect(await actionsUpdate({ actions: [], offline: false, fetch: recordedFetch(), format: "pretty", major: false, dryRun: false }, io)).toBe(0);
    expect(take().stderr).toContain("nothing changed");
    expect(await repo.snapshot()).toEqual(settled);
  });

  it("issue 11.3: update --major crosses majors among releases only: not to a later tag never released, nor to a release without its tag", async () => {
    const { repo, io, take } = await setUp();
    expect(await actionsUpdate({ actions: [], offline: false, fetch: recordedFetch(), format: "json", major: true, dryRun: false }, io)).toBe(0);
    const [outcome] = JSON.parse(take().stdout) as Outcome[];
    expect(outcome!.to).toMatchObject({ ref: "v2.0.0", tag: "v2.0.0", sha: S200 });
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as LockJson;
    expect(lock.actions["octo-org/deploy-action"]).toMatchObject({ tag: "v2.0.0", sha: S200, metadataSha256: createHash("sha256").update(Y200).digest("hex") });
  });

  it("issue 11.3: --to names the tag, so releases are not asked (a rate-limited releases list does not stop it)", async () => {
    const { repo, io } = await setUp();
    const seen: string[] = [];
    const recorded = recordedFetch();
    const rateLimited = async (url: string) => {
      seen.push(url);
      return url.includes("/releases") ? new Response(JSON.stringify({ message: "API rate limit exceeded" }), { status: 403 }) : recorded(url);
    };
    expect(await actionsUpdate({ actions: ["octo-org/deploy-action"], to: "v1.1.0", offline: false, fetch: rateLimited, format: "json", major: false, dryRun: false }, io)).toBe(0);
    expect(seen.filter((url) => url.includes("/releases"))).toEqual([]);
    expect((JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as LockJson).actions["octo-org/deploy-action"]).toMatchObject({ tag: "v1.1.0", sha: S110 });
  });

  it("issue 11.3: releases are cached next to the tags and read from there offline, the same answer as online", async () => {
    const { repo, io, take } = await setUp({});
    expect(await actionsAdd({ specs: ["octo-org/deploy-action@v1.0.0"], offline: false, fetch: recordedFetch() }, io)).toBe(0);
    take();
    const refs = JSON.parse((await repo.read(".trunkline/actions-cache/octo-org/deploy-action/refs.json"))!) as { tags: Record<string, string>; releases: Record<string, unknown>[] };
    expect(refs.tags).toEqual(TAGS);
    expect(refs.releases.map((cached) => Object.keys(cached).sort())).toEqual(RELEASES.map(() => ["draft", "prerelease", "published_at", "tag_name"]));
    expect(refs.releases.find((cached) => cached.tag_name === "v1.3.0")).toEqual({ tag_name: "v1.3.0", prerelease: true, draft: false, published_at: "2026-01-02T00:00:00Z" });

    const offline = await repo.run(["actions", "outdated", "--offline", "--format", "json"]);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout) as Entry[]).toMatchObject([{ sameMajor: { tag: "v1.1.0", sha: S110 }, latest: { tag: "v2.0.0", sha: S200 }, outdated: true, tagsFrom: "the cache (.trunkline/actions-cache)" }]);
    expect(warningsIn(offline.stderr)).toEqual(["trunkline actions: warning: release v3.0.0 of octo-org/deploy-action is ignored: the cache (.trunkline/actions-cache) lists no tag v3.0.0, so there is no commit to lock"]);

    // GitHub's releases rate-limited: the cache answers, not GitHub's bare tags
    const limited = recordedFetch();
    const rateLimited = async (url: string) => (url.includes("/releases") ? new Response(JSON.stringify({ message: "API rate limit exceeded" }), { status: 403 }) : limited(url));
    expect(await actionsOutdated({ actions: [], offline: false, fetch: rateLimited, format: "json" }, io)).toBe(0);
    const fallback = take();
    expect(JSON.parse(fallback.stdout) as Entry[]).toMatchObject([{ sameMajor: { tag: "v1.1.0" }, latest: { tag: "v2.0.0" }, tagsFrom: "the cache (.trunkline/actions-cache)" }]);

    const updated = await repo.run(["actions", "update", "--offline", "--format", "json"]);
    expect(updated.code).toBe(2); // v1.1.0's metadata was never fetched: offline it is in no source
    expect(updated.stderr).toContain(`octo-org/deploy-action@${S110} was found in no metadata source`);
  });

  it("issue 11.3: an exported metadata folder holds releases in the REST shape; one with no releases offers its tags as before; one that did not record them says so; with neither, a clear error", async () => {
    const metadataAt = (folder: string) => ({ [`${folder}/octo-org/deploy-action/${S100}/action.yml`]: Y100, [`${folder}/octo-org/deploy-action/${S110}/action.yml`]: Y110, [`${folder}/octo-org/deploy-action/${S140}/action.yml`]: Y110 });
    const { repo } = await setUp({
      "trunkline.actions.lock.json": LOCK_TEXT,
      "released/octo-org/deploy-action/refs.json": JSON.stringify({ tags: TAGS, releases: RELEASES }),
      ...metadataAt("released"),
      "none-released/octo-org/deploy-action/refs.json": JSON.stringify({ tags: TAGS, releases: [] }),
      "unrecorded/octo-org/deploy-action/refs.json": JSON.stringify({ tags: TAGS }),
    });
    const sameMajorFrom = async (folder: string) => {
      const result = await repo.run(["actions", "outdated", "--offline", "--metadata", folder, "--format", "json"]);
      expect(result.code).toBe(0);
      return { sameMajor: (JSON.parse(result.stdout) as Entry[])[0]!.sameMajor?.tag, warnings: warningsIn(result.stderr) };
    };
    expect((await sameMajorFrom("released")).sameMajor).toBe("v1.1.0");
    // no releases at all: every version tag is a candidate, as before releases were read
    expect(await sameMajorFrom("none-released")).toEqual({ sameMajor: "v1.4.0", warnings: [] });
    expect(await sameMajorFrom("unrecorded")).toEqual({
      sameMajor: "v1.4.0",
      warnings: ["trunkline actions: warning: unrecorded does not record the releases of octo-org/deploy-action: newer versions are read from its tags only (a tag that is not a release may be offered)"],
    });

    const updated = await repo.run(["actions", "update", "--offline", "--metadata", "released", "--format", "json"]);
    expect(updated.code).toBe(0);
    expect((JSON.parse(updated.stdout) as Outcome[])[0]!.to).toMatchObject({ tag: "v1.1.0", sha: S110 });
    // the folder's releases went to the cache with its tags
    const cached = JSON.parse((await repo.read(".trunkline/actions-cache/octo-org/deploy-action/refs.json"))!) as { releases: { tag_name: string }[] };
    expect(cached.releases.map((cachedRelease) => cachedRelease.tag_name).sort()).toEqual(RELEASES.map((listed) => listed.tag_name).sort());

    await repo.remove(".trunkline/actions-cache/octo-org/deploy-action/refs.json");
    const before = await repo.snapshot();
    const neither = await repo.run(["actions", "update", "--offline"]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("no source knows the tags of octo-org/deploy-action");
    expect(neither.stderr).toContain("hint: go online");
    expect(await repo.snapshot()).toEqual(before);
  });
});

describe("GitHub's releases (recorded responses, no network)", () => {
  it("issue 11.3: releases are read 100 a page; past the pages read, the release GitHub marks latest is added; a repository with none answers []", async () => {
    const seen: string[] = [];
    const page = (number: number) => Array.from({ length: 100 }, (_, index) => release(`v1.${(3 - number) * 100 + 99 - index}.0`));
    const source = githubSource({
      fetch: async (url) => {
        seen.push(url);
        const paged = /\/repos\/octo-org\/busy-action\/releases\?per_page=100&page=(\d)$/.exec(url);
        const body = paged ? page(Number(paged[1])) : url.endsWith("/busy-action/releases/latest") ? release("v2.0.0") : url.includes("/quiet-action/releases?") ? [] : undefined;
        return new Response(JSON.stringify(body ?? { message: "Not Found" }), { status: body ? 200 : 404 });
      },
    });
    const releases = (await source.releases("octo-org", "busy-action"))!;
    expect(releases).toHaveLength(301);
    expect(releases.at(-1)).toMatchObject({ tag_name: "v2.0.0", prerelease: false, draft: false });
    expect(seen).toEqual([1, 2, 3].map((number) => `https://api.github.com/repos/octo-org/busy-action/releases?per_page=100&page=${number}`).concat("https://api.github.com/repos/octo-org/busy-action/releases/latest"));
    expect(await source.releases("octo-org", "quiet-action")).toEqual([]);
    expect(await source.releases("octo-org", "gone")).toBeUndefined();
  });
});
