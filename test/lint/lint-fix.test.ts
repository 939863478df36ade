import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ExitCode } from "../../src/cli/exit-code.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { HEADER_PREFIX } from "../../src/emit/header.js";
import { fixYaml } from "../../src/validate/fix-yaml.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const CHECKOUT_SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const NODE_SHA = "820762786026740c76f36085b0efc47a31fe5020";
const LOCK = JSON.stringify({ lockfileVersion: 1, actions: { "actions/checkout": { sha: CHECKOUT_SHA, tag: "v7.0.1" }, "octo-org/setup-tool": { sha: NODE_SHA, tag: "v2.3.1" } } }, null, 2);
// persist-credentials (a token that can write) and a tag pin the lockfile knows; comments to keep.
const RELEASE = `# Tags a release; hand-written.
on: push
permissions:
  contents: write   # pushes the tag
jobs:
  tag:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      # the whole history, for the changelog
      - uses: actions/checkout@v4
      - uses: octo-org/setup-tool@v2
        with:
          node-version: "22" # LTS
      - run: |
          git tag "v$(node -p 'require("./package.json").version')"
`;

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
const stepsOf = (text: string) => (parse(text) as { jobs: { tag: { steps: Step[] } } }).jobs.tag.steps;

describe("trunkline lint --fix", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 12.fix: adds persist-credentials: false and pins from the lockfile, keeps comments, names the file, then lints clean", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": RELEASE, "trunkline.actions.lock.json": LOCK });
    const before = await repo.run(["lint", "--format", "json"]);
    expect((JSON.parse(before.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule).sort()).toEqual(["persist-credentials", "unpinned-action"]);
    const result = await repo.run(["lint", "--fix"]);
    expect(result.stderr).toContain("fixed .github/workflows/release.yml (2 fixed)");
    expect(result.code).toBe(ExitCode.Ok);
    const text = (await repo.read(".github/workflows/release.yml"))!;
    const steps = stepsOf(text);
    expect(steps[0]).toEqual({ uses: "actions/checkout@v4", with: { "persist-credentials": false } });
    expect(steps[1]!.uses).toBe(`octo-org/setup-tool@${NODE_SHA}`);
    for (const comment of ["# Tags a release; hand-written.", "# pushes the tag", "# the whole history, for the changelog", "# LTS", `@${NODE_SHA} # v2.3.1`]) expect(text).toContain(comment);
    const after = await repo.run(["lint", "--format", "json"]);
    expect(JSON.parse(after.stdout) as Diagnostic[]).toEqual([]);
  });

  it("issue 12.fix: with --format json, stdout is still one document, of what is left", async () => {
    repo = await createTempRepo({ ".github/workflows/release.yml": RELEASE.replace("octo-org/setup-tool@v2", "octo-org/other-tool@v1"), "trunkline.actions.lock.json": LOCK });
    const result = await repo.run(["lint", "--fix", "--format", "json"]);
    const left = JSON.parse(result.stdout) as Diagnostic[];
    expect(left.map((diagnostic) => `${diagnostic.rule}:${diagnostic.line}`)).toEqual(["unpinned-action:14"]);
    expect(result.stderr).toContain("fixed .github/workflows/release.yml (1 fixed)");
  });

  it("issue 12.fix: a generated file is not changed; its source is named as the place to fix", async () => {
    const generated = `${HEADER_PREFIX}workflows-src/release.ts; edit that, run "npm run gen".\n${RELEASE}`;
    repo = await createTempRepo({ ".github/workflows/release.yml": generated, "trunkline.actions.lock.json": LOCK });
    const result = await repo.run(["lint", "--fix", "--format", "json"]);
    expect(await repo.read(".github/workflows/release.yml")).toBe(generated);
    expect(result.stderr).toContain("is generated; not fixed here");
    expect((JSON.parse(result.stdout) as Diagnostic[]).map((diagnostic) => diagnostic.rule).sort()).toEqual(["persist-credentials", "unpinned-action"]);
  });

  it("issue 12.fix: nothing is fixed in a file that does not parse, and an action the lockfile lacks keeps its tag", () => {
    const finding = (rule: string, path: (string | number)[]): Diagnostic => ({ rule, severity: "warning", file: "w.yml", message: "m", path });
    expect(fixYaml("on: push\njobs: [\n", [finding("persist-credentials", ["jobs", "a", "steps", 0, "uses"])], new Map())).toBeUndefined();
    expect(fixYaml(RELEASE, [finding("unpinned-action", ["jobs", "tag", "steps", 1, "uses"])], new Map())).toBeUndefined();
  });
});
