// docs/renovate.md's configuration, applied as Renovate applies it: the custom manager's regular
// expression over a lockfile written by `actions add`, then Renovate's replacement of the captured
// values and the post-upgrade commands, after which `check` passes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hasActionsCorpus, writeCorpusMetadataFolder, writeRelease } from "../support/actions-corpus.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

const doc = readFileSync(path.join(REPO_ROOT, "docs/renovate.md"), "utf8");

/** The first fenced block of `language` after `heading`, parsed. */
function jsonAfter(heading: string): unknown {
  const at = doc.indexOf(heading);
  if (at < 0) throw new Error(`docs/renovate.md has no "${heading}"`);
  const match = /```json\n([\s\S]*?)```/.exec(doc.slice(at));
  if (!match) throw new Error(`docs/renovate.md has no json block after "${heading}"`);
  return JSON.parse(match[1]!);
}

interface RenovateConfig {
  customManagers: { customType: string; managerFilePatterns: string[]; matchStrings: string[]; datasourceTemplate: string }[];
  postUpgradeTasks: { commands: string[]; fileFilters: string[]; executionMode: string };
}

const SPECS = ["actions/checkout@v7", "actions/cache@v5", "actions/setup-node@v7.0.0", "actions/upload-artifact@v7", "actions/github-script@v8", "docker/login-action@v4", "docker/build-push-action@v7.3.0", "dorny/paths-filter@v4", "aws-actions/configure-aws-credentials@v6", "github/codeql-action/init@v4"];
const SOURCE = `import { job, workflow } from "trunkline";
import { actionsCheckout } from "./actions/index.js";
const build = job({ "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [actionsCheckout()] });
export default workflow("ci", { name: "CI", on: { push: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { build } });
`;
const NEW_SHA = "d".repeat(40);
const ENV = { TRUNKLINE_ACTIONS_METADATA: "metadata" };

// A `managerFilePatterns` entry: "/regex/" is a regular expression, anything else a glob (not used here).
function matchesFile(pattern: string, file: string): boolean {
  const regex = /^\/(.*)\/$/.exec(pattern);
  if (!regex) throw new Error(`expected a /regex/ pattern, got ${pattern}`);
  return new RegExp(regex[1]!).test(file);
}

describe.skipIf(!hasActionsCorpus)("docs/renovate.md (skipped without ../shared/corpora/actions)", () => {
  let repo: TempRepo | undefined;
  afterEach(async () => {
    await repo?.dispose();
    repo = undefined;
  });

  it("issue 11.3: the custom manager matches every entry of a lockfile written by actions add, with depName, packageName, currentValue and currentDigest from its fields", async () => {
    const config = jsonAfter("## The configuration") as RenovateConfig;
    const [manager] = config.customManagers;
    expect(manager).toMatchObject({ customType: "regex", datasourceTemplate: "github-tags" });
    expect(manager!.managerFilePatterns.some((pattern) => matchesFile(pattern, "trunkline.actions.lock.json"))).toBe(true);
    expect(manager!.managerFilePatterns.some((pattern) => matchesFile(pattern, "package-lock.json"))).toBe(false);

    repo = await createTempRepo({ "workflows-src/.keep": "" });
    await writeCorpusMetadataFolder(path.join(repo.root, "metadata"));
    expect((await repo.run(["actions", "add", ...SPECS, "--offline"], ENV)).code).toBe(0);
    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    const lock = JSON.parse(lockText) as { actions: Record<string, { tag: string; sha: string }> };

    // Renovate compiles each match string as a global regular expression with named groups
    const found = manager!.matchStrings.flatMap((source) => [...lockText.matchAll(new RegExp(source, "g"))].map((match) => ({ ...match.groups })));
    expect(found).toEqual(
      Object.entries(lock.actions).map(([key, entry]) => ({ depName: key, packageName: key.split("/").slice(0, 2).join("/"), currentValue: entry.tag, currentDigest: entry.sha })),
    );
    expect(found).toHaveLength(SPECS.length);
  }, 90_000);

  it("issue 11.3: Renovate's replacement of tag and sha, then the post-upgrade commands, leave a repository whose check passes with the new pin", async () => {
    const config = jsonAfter("## The configuration") as RenovateConfig;
    const allowed = (jsonAfter("## Allowing the commands") as { allowedCommands: string[] }).allowedCommands.map((source) => new RegExp(source));
    repo = await createTempRepo({ "workflows-src/ci.ts": SOURCE });
    await writeCorpusMetadataFolder(path.join(repo.root, "metadata"));
    expect((await repo.run(["actions", "add", "actions/checkout@v7", "actions/cache@v5", "--offline"], ENV)).code).toBe(0);
    expect((await repo.run(["gen"], ENV)).code).toBe(0);
    await writeRelease(path.join(repo.root, "metadata"), "actions/checkout", ["v7", "v7.1.0"], NEW_SHA, (text) => text);

    // what Renovate does with a match: the captured currentValue and currentDigest replaced in place
    const lockText = (await repo.read("trunkline.actions.lock.json"))!;
    const match = [...lockText.matchAll(new RegExp(config.customManagers[0]!.matchStrings[0]!, "g"))].find((candidate) => candidate.groups!.depName === "actions/checkout")!;
    const replaced = match[0].replace(match.groups!.currentDigest!, NEW_SHA).replace(`"tag": "${match.groups!.currentValue}"`, '"tag": "v7.1.0"');
    await repo.write("trunkline.actions.lock.json", lockText.replace(match[0], replaced));

    expect(config.postUpgradeTasks.executionMode).toBe("update");
    expect(config.postUpgradeTasks.commands).toContain("npm run gen");
    for (const template of config.postUpgradeTasks.commands) {
      const command = template.replaceAll("{{{depName}}}", "actions/checkout").replaceAll("{{{newDigest}}}", NEW_SHA);
      expect(allowed.some((regex) => regex.test(command)), command).toBe(true);
      if (command.startsWith("npm ci")) continue; // the dependencies are in place here
      const argv = command === "npm run gen" ? ["gen"] : command.replace(/^npx trunkline /, "").split(" ").concat("--offline");
      const result = await repo.run(argv, ENV);
      expect(result.code, `${command}\n${result.stderr}`).toBe(0);
    }
    const lock = JSON.parse((await repo.read("trunkline.actions.lock.json"))!) as { actions: Record<string, { ref: string; tag: string; sha: string }> };
    expect(lock.actions["actions/checkout"]).toMatchObject({ ref: "v7", tag: "v7.1.0", sha: NEW_SHA });
    expect(await repo.read(".github/workflows/ci.yml")).toContain(`actions/checkout@${NEW_SHA} # v7.1.0`);
    const checked = await repo.run(["check"], ENV);
    expect(checked.code, checked.stdout).toBe(0);
    // every file the commands changed is one Renovate commits
    const globs = config.postUpgradeTasks.fileFilters;
    for (const file of ["trunkline.actions.lock.json", "workflows-src/actions/actions-checkout.ts", ".github/workflows/ci.yml", ".trunkline/manifest.json"]) {
      expect(globs.some((glob) => path.matchesGlob(file, glob)), file).toBe(true);
    }
  }, 90_000);
});
