import { afterEach, describe, expect, it } from "vitest";
import { type Scalar, parseDocument } from "yaml";
import { parseActionRef } from "../../src/actions/action-ref.js";
import { resolveAction } from "../../src/actions/resolve-action.js";
import { githubSource } from "../../src/actions/sources/github-source.js";
import { actionsAdd } from "../../src/cli/commands/actions.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const SHA_210 = "1111111111111111111111111111111111111111";
const SHA_200 = "2222222222222222222222222222222222222222";
const ACTION_YAML = `name: Lint
description: Lints the code
inputs:
  config:
    description: The config file
    required: true
  level:
    description: How strict
    default: warn
  old-flag:
    description: Unused
    deprecationMessage: Use level instead
outputs:
  findings:
    description: How many findings
runs:
  using: node24
  main: dist/index.js
`;

// Responses in the shapes GitHub's REST API documents: "List repository tags" (each tag with its
// commit) and "Get repository content" (a file as base64). Only these URLs answer; any other is a 404.
const RECORDED: Record<string, { status: number; body: unknown }> = {
  "https://api.github.com/repos/octo-org/lint-action/tags?per_page=100&page=1": {
    status: 200,
    body: [
      { name: "v2", commit: { sha: SHA_210, url: `https://api.github.com/repos/octo-org/lint-action/commits/${SHA_210}` }, zipball_url: "", tarball_url: "", node_id: "x" },
      { name: "v2.1.0", commit: { sha: SHA_210, url: "" }, zipball_url: "", tarball_url: "", node_id: "y" },
      { name: "v2.0.0", commit: { sha: SHA_200, url: "" }, zipball_url: "", tarball_url: "", node_id: "z" },
    ],
  },
  [`https://api.github.com/repos/octo-org/lint-action/contents/action.yml?ref=${SHA_210}`]: { status: 404, body: { message: "Not Found" } },
  [`https://api.github.com/repos/octo-org/lint-action/contents/action.yaml?ref=${SHA_210}`]: {
    status: 200,
    body: { type: "file", encoding: "base64", size: ACTION_YAML.length, name: "action.yaml", path: "action.yaml", content: Buffer.from(ACTION_YAML).toString("base64"), sha: "abc" },
  },
};

function recordedFetch(seen: { url: string; headers: Record<string, string> }[] = []) {
  return async (url: string, init: { headers: Record<string, string> }) => {
    seen.push({ url, headers: init.headers });
    const answer = RECORDED[url] ?? { status: 404, body: { message: "Not Found" } };
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  };
}

describe("GitHub as a metadata source (recorded responses, no network)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.1: a moving tag resolves to its commit and the most specific tag there; action.yaml is read when there is no action.yml", async () => {
    const resolved = await resolveAction(parseActionRef("octo-org/lint-action@v2") as never, [githubSource({ fetch: recordedFetch() })]);
    expect(resolved).toMatchObject({ sha: SHA_210, tag: "v2.1.0", metadata: { file: "action.yaml", text: ACTION_YAML } });
  });

  it("issue 11.1: actions add sends GITHUB_TOKEN, locks the action, writes its binding (gen writes its pin with the lockfile's tag), and fills the cache so the next run needs no network", async () => {
    repo = await createTempRepo({ "workflows-src/.keep": "" });
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const io = createNodeIo(repo.root, { stdout: () => {}, stderr: () => {} }, { GITHUB_TOKEN: "t0ken" }, { cwd: repo.root });
    expect(await actionsAdd({ specs: ["octo-org/lint-action@v2"], offline: false, fetch: recordedFetch(seen) }, io)).toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((request) => request.headers.authorization === "Bearer t0ken")).toBe(true);
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!);
    expect(lock.actions["octo-org/lint-action"]).toMatchObject({ ref: "v2", tag: "v2.1.0", sha: SHA_210, metadataFile: "action.yaml" });
    const binding = (await repo.read("workflows-src/actions/octo-org-lint-action.ts"))!;
    expect(binding).toContain("  config: string | number | boolean;");
    expect(binding).toContain('  "old-flag"?: string | number | boolean;');
    expect(binding).toContain("@deprecated Use level instead");
    expect(binding).toContain('export type OctoOrgLintActionOutput = "findings";');
    expect(JSON.parse((await repo.read(".trunkline/actions-cache/octo-org/lint-action/refs.json"))!).tags).toEqual({ v2: SHA_210, "v2.1.0": SHA_210, "v2.0.0": SHA_200 });
    expect(await repo.read(`.trunkline/actions-cache/octo-org/lint-action/${SHA_210}/action.yaml`)).toBe(ACTION_YAML);

    // the pin and its comment come from the lockfile: trunkline's own table knows nothing of this action
    await repo.write(
      "workflows-src/lint.ts",
      `import { workflow, job } from "trunkline";\nimport { octoOrgLintAction } from "./actions/index.js";\nexport default workflow("lint", { on: "push", permissions: {}, jobs: { lint: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [octoOrgLintAction({ with: { config: "lint.json" } })] }) } });\n`,
    );
    expect((await repo.run(["gen"])).code).toBe(0);
    const uses = parseDocument((await repo.read(".github/workflows/lint.yml"))!).getIn(["jobs", "lint", "steps", 0, "uses"], true) as Scalar;
    expect({ uses: uses.value, comment: uses.comment?.trim() }).toEqual({ uses: `octo-org/lint-action@${SHA_210}`, comment: "v2.1.0" });

    const lockBefore = await repo.read("trunkline.actions.lock.json");
    const offline = createNodeIo(repo.root, { stdout: () => {}, stderr: () => {} }, {}, { cwd: repo.root });
    expect(await actionsAdd({ specs: ["octo-org/lint-action@v2"], offline: true }, offline)).toBe(0);
    expect(await repo.read("trunkline.actions.lock.json")).toBe(lockBefore);
  });

  it("issue 11.1: a network that fails or hangs (the request is aborted) is an error naming the action, exit 2, nothing written", async () => {
    repo = await createTempRepo({ "workflows-src/.keep": "" });
    let stderr = "";
    const io = createNodeIo(repo.root, { stdout: () => {}, stderr: (text) => void (stderr += text) }, {}, { cwd: repo.root });
    const hanging = (_url: string, init: { signal: AbortSignal }) => new Promise<Response>((_resolve, reject) => init.signal.addEventListener("abort", () => reject(new Error("The operation was aborted due to timeout"))));
    expect(await actionsAdd({ specs: ["octo-org/lint-action@v2"], offline: false, fetch: hanging, timeoutMs: 200 }, io)).toBe(2);
    expect(stderr).toContain("octo-org/lint-action@v2");
    expect(stderr).toContain("aborted");
    expect(await repo.read("trunkline.actions.lock.json")).toBeUndefined();
  });
});

describe("metadata folders", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.1: a commit SHA is locked with the most specific tag pointing at it; two actions that would share a binding name are refused", async () => {
    const folder = (owner: string, repo: string) => ({
      [`meta/${owner}/${repo}/refs.json`]: JSON.stringify({ tags: { v1: SHA_210, "v1.2.3": SHA_210, "v1.2.2": SHA_200 } }),
      [`meta/${owner}/${repo}/${SHA_210}/action.yml`]: ACTION_YAML,
    });
    repo = await createTempRepo({ "workflows-src/.keep": "", ...folder("octo-org", "lint-action"), ...folder("octo-org-lint", "action") });
    const bySha = await repo.run(["actions", "add", `octo-org/lint-action@${SHA_210}`, "--metadata", "meta", "--offline"]);
    expect(bySha.code).toBe(0);
    expect(JSON.parse((await repo.read("trunkline.actions.lock.json"))!).actions["octo-org/lint-action"]).toMatchObject({ ref: SHA_210, tag: "v1.2.3", sha: SHA_210 });
    const before = await repo.snapshot();
    const clash = await repo.run(["actions", "add", "octo-org-lint/action@v1", "--metadata", "meta", "--offline"]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain("octoOrgLintAction");
    expect(await repo.snapshot()).toEqual(before);
  });

  it("issue 11.1: a target whose globs also match the bindings folder generates its workflows; the bindings are no sources", async () => {
    repo = await createTempRepo({
      "trunkline.config.ts": `import { defineConfig } from "trunkline";\nexport default defineConfig({ targets: [{ name: "all", sources: ["ci/**/*.ts"], outDir: ".github/workflows" }] });\n`,
      [`meta/octo-org/lint-action/refs.json`]: JSON.stringify({ tags: { v2: SHA_210 } }),
      [`meta/octo-org/lint-action/${SHA_210}/action.yml`]: ACTION_YAML,
      "ci/lint.ts": `import { job, workflow } from "trunkline";\nimport { octoOrgLintAction } from "../workflows-src/actions/index.js";\nexport default workflow("lint", { on: "push", permissions: {}, jobs: { lint: job({ "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [octoOrgLintAction({ with: { config: "x" } })] }) } });\n`,
    });
    expect((await repo.run(["actions", "add", "octo-org/lint-action@v2", "--metadata", "meta", "--offline"])).code).toBe(0);
    // the bindings inside the target's globs, as a config with "**" would have them
    await repo.write("ci/actions/index.ts", (await repo.read("workflows-src/actions/index.ts"))!.replaceAll("./", "../../workflows-src/actions/"));
    const generated = await repo.run(["gen"]);
    expect(generated.stderr).not.toContain("exports no workflow");
    expect(generated.code).toBe(0);
    expect(await repo.read(".github/workflows/lint.yml")).toContain(`octo-org/lint-action@${SHA_210} # v2`);
  });
});
