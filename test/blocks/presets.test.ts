import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ACTION_PINS, newestTag, pinnedAction, tagOfPin } from "../../src/actions/pins.js";
import { branchConcurrency, deploymentConcurrency, pullRequestConcurrency, releaseConcurrency, supersededRunsConcurrency } from "../../src/blocks/concurrency.js";
import { allOf, anyOf, literal } from "../../src/blocks/expressions.js";
import { expr } from "../../src/expressions/expr.js";
import { channelTag, container, imageAt, pinnedImage, service } from "../../src/blocks/images.js";
import { changeDetection } from "../../src/blocks/path-scoping.js";
import { grant, noPermissions, readOnlyPermissions } from "../../src/blocks/permissions.js";
import { guardForks, runnerFromVariable } from "../../src/blocks/runners.js";
import { workflow } from "../../src/dsl/workflow.js";
import { emitWorkflow, evaluate, validationProblems } from "./_support.js";

const DIGEST = `sha256:${"ab12".repeat(16)}` as `sha256:${string}`;
const event = (name: string, ref: string, pullRequest?: number) => ({
  github: { event_name: name, ref, workflow: "CI", event: pullRequest ? { pull_request: { number: pullRequest } } : {} },
});

describe("concurrency presets", () => {
  const cancels = (preset: { "cancel-in-progress": boolean | string }, context: object) =>
    typeof preset["cancel-in-progress"] === "boolean" ? preset["cancel-in-progress"] : evaluate(preset["cancel-in-progress"], context as Record<string, unknown>).truthy;

  it("mixed triggers: pull requests and branch pushes cancel superseded runs; tags, merge queue, releases and manual runs never", () => {
    const preset = supersededRunsConcurrency();
    expect(cancels(preset, event("pull_request", "refs/pull/7/merge", 7))).toBe(true);
    expect(cancels(preset, event("push", "refs/heads/main"))).toBe(true);
    expect(cancels(preset, event("push", "refs/tags/v1.2.3"))).toBe(false);
    expect(cancels(preset, event("merge_group", "refs/heads/gh-readonly-queue/main/pr-7-abc"))).toBe(false);
    expect(cancels(preset, event("release", "refs/tags/v1.2.3"))).toBe(false);
    expect(cancels(preset, event("workflow_dispatch", "refs/heads/main"))).toBe(false);
  });

  it("groups a pull request's runs by workflow and number, and pushes by ref", () => {
    const group = supersededRunsConcurrency().group;
    const render = (context: object) => group.replace(/\$\{\{ (.*?) \}\}/g, (_, body: string) => evaluate(body, context as Record<string, unknown>).text);
    expect(render(event("pull_request", "refs/pull/7/merge", 7))).toBe("CI-7");
    expect(render(event("push", "refs/heads/main"))).toBe("CI-refs/heads/main");
    expect(pullRequestConcurrency().group.replace(/\$\{\{ (.*?) \}\}/g, (_, body: string) => evaluate(body, event("pull_request", "", 9)).text)).toBe("CI-pr-9");
  });

  it("fixed presets: PRs and branches cancel, releases and deployments queue", () => {
    expect(pullRequestConcurrency()["cancel-in-progress"]).toBe(true);
    expect(branchConcurrency()["cancel-in-progress"]).toBe(true);
    expect(releaseConcurrency()["cancel-in-progress"]).toBe(false);
    expect(deploymentConcurrency("production")).toEqual({ group: "deploy-production", "cancel-in-progress": false });
  });
});

describe("runner choice and fork guard", () => {
  it("reads a repository variable with a default label", () => {
    const runsOn = runnerFromVariable("AMEIDE_RUNS_ON", "arc-local");
    expect(runsOn).toBe("${{ vars.AMEIDE_RUNS_ON || 'arc-local' }}");
    expect(evaluate(runsOn, { vars: {} }).text).toBe("arc-local");
    expect(evaluate(runsOn, { vars: { AMEIDE_RUNS_ON: "ubuntu-latest" } }).text).toBe("ubuntu-latest");
  });

  it("refuses names GitHub does not allow", () => {
    expect(() => runnerFromVariable("GITHUB_RUNNER", "x")).toThrow(/not a variable name/);
    expect(() => runnerFromVariable("1ST", "x")).toThrow(/not a variable name/);
    expect(() => runnerFromVariable("RUNS-ON", "x")).toThrow(/not a variable name/);
    expect(() => runnerFromVariable("RUNS_ON", " ")).toThrow(/empty/);
  });

  it("guardForks keeps the job's own condition", () => {
    const spec = guardForks({ "runs-on": "arc-local", if: "github.ref == 'refs/heads/main'", steps: [{ run: "make" }] });
    const fork = { event_name: "pull_request", ref: "refs/heads/main", repository: "o/r", event: { pull_request: { head: { repo: { full_name: "x/r" } } } } };
    const own = { ...fork, event: { pull_request: { head: { repo: { full_name: "o/r" } } } } };
    expect(evaluate(spec.if as string, { github: fork }).truthy).toBe(false);
    expect(evaluate(spec.if as string, { github: own }).truthy).toBe(true);
    expect(evaluate(spec.if as string, { github: { ...own, ref: "refs/heads/dev" } }).truthy).toBe(false);
  });
});

describe("images pinned by digest", () => {
  it("accepts references with a digest, with or without a tag", () => {
    expect(pinnedImage(`ghcr.io/ameideio/ameide@${DIGEST}`)).toBe(`ghcr.io/ameideio/ameide@${DIGEST}`);
    expect(pinnedImage(`postgres:16@${DIGEST}`)).toBe(`postgres:16@${DIGEST}`);
    expect(pinnedImage(`localhost:5000/team/app@${DIGEST}`)).toBeDefined();
    expect(imageAt("ghcr.io/a/b", DIGEST)).toBe(`ghcr.io/a/b@${DIGEST}`);
  });

  it("refuses anything a registry could swap", () => {
    expect(() => pinnedImage("ghcr.io/ameideio/ameide@sha256:abc" as never)).toThrow(/not pinned/);
    expect(() => pinnedImage(`ghcr.io/ameideio/ameide:main` as never)).toThrow(/not pinned/);
    expect(() => pinnedImage(`Ghcr.io/Upper@${DIGEST}` as never)).toThrow(/does not name a repository/);
    expect(() =>
      // @ts-expect-error a tag is not a pinned image
      container({ image: "ghcr.io/ameideio/ameide:main" }),
    ).toThrow(/not pinned/);
    expect(() =>
      // @ts-expect-error the producer's channel tag cannot be run
      service({ image: channelTag("ghcr.io/ameideio/ameide") }),
    ).toThrow(/not pinned/);
  });

  it("container() and service() keep the pinned image and the rest of the spec", () => {
    expect(container({ image: `ghcr.io/a/ci@${DIGEST}`, options: "--cpus 2" })).toEqual({ image: `ghcr.io/a/ci@${DIGEST}`, options: "--cpus 2" });
    expect(service({ image: `postgres@${DIGEST}`, ports: [5432] })).toEqual({ image: `postgres@${DIGEST}`, ports: [5432] });
    expect(channelTag("ghcr.io/ameideio/ameide")).toBe("ghcr.io/ameideio/ameide:main");
    expect(() => channelTag("ghcr.io/Upper")).toThrow(/not an image repository/);
  });
});

describe("path scoping by change detection", () => {
  const changes = changeDetection({ filters: { js: ["apps/**", "pnpm-lock.yaml"], python: ["services/**"] } });

  it("exposes one output per area, true when the filter did not run", () => {
    const outputs = changes.job.spec.outputs as Record<string, string>;
    expect(Object.keys(outputs)).toEqual(["js", "python"]);
    expect(evaluate(outputs.js!, { steps: { filter: { outputs: { js: "false" } } } }).text).toBe("false");
    expect(evaluate(outputs.js!, { steps: { filter: { outputs: {} } } }).text).toBe("true");
  });

  it("scoped jobs need the changes job and run only when their area changed", async () => {
    const scoped = changes.scoped(["js", "python"], { "runs-on": "ubuntu-latest", "timeout-minutes": 5, if: "github.actor != 'bot'", steps: [{ run: "make" }] });
    const emitted = emitWorkflow(workflow("ci", { on: { pull_request: { branches: ["main"] } }, permissions: { contents: "read" }, jobs: { changes: changes.job, scoped } }));
    expect(emitted.data.on.pull_request.paths).toBeUndefined();
    expect(emitted.data.jobs.scoped.needs).toEqual(["changes"]);
    const condition = emitted.data.jobs.scoped.if as string;
    const run = (js: string, python: string, actor = "dev") => evaluate(condition, { needs: { changes: { outputs: { js, python } } }, github: { actor } }).truthy;
    expect([run("true", "false"), run("false", "true"), run("false", "false"), run("true", "true", "bot")]).toEqual([true, true, false, false]);
    expect(await validationProblems(emitted)).toEqual([]);
  });

  it("refuses unknown areas and unusable names", () => {
    expect(() => changes.scoped("go" as never, { "runs-on": "x", steps: [{ run: "make" }] })).toThrow(/not one of the filters/);
    expect(() => changeDetection({ filters: { "has space": ["a"] } })).toThrow(/cannot be an output name/);
    expect(() => changeDetection({ filters: {} })).toThrow(/at least one filter/);
  });
});

describe("permissions presets and expressions", () => {
  it("read-only at the top, grants per job", () => {
    expect(readOnlyPermissions()).toEqual({ contents: "read" });
    expect(noPermissions()).toEqual({});
    expect(grant({ packages: "write" })).toEqual({ contents: "read", packages: "write" });
    expect(grant({ contents: "write" })).toEqual({ contents: "write" });
  });

  it("combines conditions with the precedence GitHub applies", () => {
    const both = allOf("a == 1 || b == 2", "${{ c == 3 }}")!;
    expect(both).toBe("(a == 1 || b == 2) && (c == 3)");
    expect(evaluate(both, { a: 1, b: 0, c: 4 }).truthy).toBe(false);
    expect(anyOf(undefined, "x")).toBe("x");
    expect(allOf()).toBeUndefined();
    expect(expr("${{ a }}")).toBe("${{ a }}");
    expect(evaluate(literal("it's"), {}).text).toBe("it's");
  });
});

describe("action pins", () => {
  it("every pin is a full commit SHA on an immutable vX.Y.Z tag", () => {
    for (const [name, versions] of Object.entries(ACTION_PINS)) {
      for (const [tag, sha] of Object.entries(versions)) {
        expect(`${name}@${tag}`).toMatch(/@v\d+\.\d+\.\d+$/);
        expect(sha).toMatch(/^[0-9a-f]{40}$/);
      }
    }
  });

  it("pins the newest known tag by default, and tells the tag back", () => {
    expect(newestTag("actions/checkout")).toBe("v7.0.1");
    const uses = pinnedAction("actions/checkout");
    expect(uses).toBe("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1");
    expect(tagOfPin(uses)).toBe("v7.0.1");
    expect(pinnedAction("actions/checkout", "v6.1.0")).toBe("actions/checkout@d23441a48e516b6c34aea4fa41551a30e30af803");
    expect(tagOfPin("actions/checkout@v7")).toBeUndefined();
  });

  it("agrees with the verified tag data it was taken from, when that data is present", () => {
    let source: Record<string, { versions: { tag: string; sha: string }[] }>;
    try {
      source = JSON.parse(readFileSync(new URL("../../../shared/corpora/actions/pins.json", import.meta.url), "utf8"));
    } catch {
      return; // a clone without the shared corpora
    }
    for (const [name, versions] of Object.entries(ACTION_PINS)) {
      for (const [tag, sha] of Object.entries(versions)) {
        expect(source[name]?.versions.find((version) => version.tag === tag)?.sha, `${name}@${tag}`).toBe(sha);
      }
    }
  });
});
