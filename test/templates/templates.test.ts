import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pinnedImage } from "../../src/blocks/images.js";
import { runnerFromVariable } from "../../src/blocks/runners.js";
import type { Workflow } from "../../src/dsl/types.js";
import {
  channelDigestBump, costReport, deployOnBranch, digestPromotion, gitopsGate, imagePublishing, releaseOnTags, releasingGuide, reusableCheck, trunkBasedCi,
} from "../../src/templates/index.js";
import { parseBudgetFlag } from "../../src/cost/index.js";
import { BASIC, fixtureFiles } from "../cost/_fixtures.js";
import { createTempRepo } from "../support/temp-repo.js";
import { type Emitted, emitWorkflow, evaluate, runBash, runBashCases, validationProblems } from "../blocks/_support.js";
import { actionlint } from "../support/actionlint.js";

const DIGEST = `sha256:${"0f".repeat(32)}` as const;
const arc = runnerFromVariable("AMEIDE_RUNS_ON", "arc-local");

// Every template, with its defaults and with non-default options.
const minimalCi = trunkBasedCi({ runsOn: "ubuntu-latest", checks: { test: { name: "Test", steps: [{ run: "make test" }] } } });
const fullCi = trunkBasedCi({
  file: "verify",
  name: "Verify",
  trunk: "trunk",
  pullRequestBranches: ["trunk", "prod"],
  pushToTrunk: false,
  mergeQueue: true,
  runsOn: arc,
  gateName: "Required",
  checks: {
    lint: { name: "Lint", checkout: false, timeoutMinutes: 5, steps: [{ run: "make lint" }] },
    js: { name: "JS", paths: ["apps/**"], steps: [{ run: "pnpm test" }], env: { CI: "true" } },
    python: {
      name: "Python",
      paths: ["services/**"],
      container: { image: pinnedImage(`ghcr.io/acme/ci@${DIGEST}`) },
      services: { postgres: { image: pinnedImage(`docker.io/library/postgres:16@${DIGEST}`), ports: [5432] } },
      permissions: { contents: "read", "id-token": "write" },
      steps: [{ run: "pytest" }],
    },
  },
});
const minimalImages = imagePublishing({ runsOn: "ubuntu-latest", repositoryPrefix: "ghcr.io/acme", paths: ["app/**"], images: [{ name: "app", context: "app" }] });
const fullImages = imagePublishing({
  file: "images",
  name: "Images",
  branch: "trunk",
  channel: "edge",
  platforms: ["linux/amd64", "linux/arm64", "linux/s390x"],
  runsOn: arc,
  buildkitEndpoint: "${{ vars.BUILDKIT_ADDR }}",
  repositoryPrefix: "ghcr.io/acme/",
  paths: ["services/**"],
  images: [{ name: "api", context: "services/api", dockerfile: "docker/api.Dockerfile" }, { name: "web", context: "apps/web" }],
});
const minimalDeploy = deployOnBranch({ branch: "main", runsOn: "ubuntu-latest", environment: { name: "production" }, steps: [{ run: "./deploy.sh" }] });
const fullDeploy = deployOnBranch({
  file: "ship",
  name: "Ship",
  branch: "prod",
  runsOn: arc,
  environment: { name: "production", url: "https://example.com" },
  permissions: { "id-token": "write" },
  timeoutMinutes: 15,
  steps: [{ run: "./deploy.sh" }],
  migrations: { environment: { name: "production-db" }, container: { image: pinnedImage(`ghcr.io/acme/migrate@${DIGEST}`) }, steps: [{ run: "./migrate.sh" }] },
});
const minimalRelease = releaseOnTags({ runsOn: "ubuntu-latest" });
const fullRelease = releaseOnTags({
  tagPattern: "v[0-9]*",
  trunk: "trunk",
  runsOn: arc,
  build: { steps: [{ run: "make dist" }] },
  images: { repositoryPrefix: "ghcr.io/acme", names: ["api", "web"] },
});
const minimalPromotion = digestPromotion({ runsOn: "ubuntu-latest" });
const fullPromotion = digestPromotion({ file: "promote.yaml", stages: ["dev", "qa", "staging", "prod"], imagesFile: "clusters/{stage}/images.yaml", base: "trunk", runsOn: arc, token: "${{ secrets.APP_TOKEN }}", labels: ["promotion", "automerge"] });
const minimalBump = channelDigestBump({ runsOn: "ubuntu-latest", images: { app: "ghcr.io/acme/app" } });
const fullBump = channelDigestBump({ file: "follow", stage: "qa", channel: "edge", platforms: ["linux/amd64"], schedule: "0 */2 * * *", runsOn: arc, images: { api: "ghcr.io/acme/api", web: "ghcr.io/acme/web" } });
const hostedCheck = reusableCheck({ file: "check-docs.yaml", name: "Docs", runsOn: "ubuntu-latest", steps: [{ run: "make docs" }] });
const selfHostedCheck = reusableCheck({ file: "check-manifests.yaml", name: "Manifests", runsOn: arc, manualDispatch: false, timeoutMinutes: 5, steps: [{ run: "make manifests" }] });
const minimalGate = gitopsGate({ checks: { docs: { name: "Docs", workflow: hostedCheck, paths: ["docs/**"] } } });
const fullGate = gitopsGate({
  file: "gate.yml",
  name: "Platform",
  trunk: "trunk",
  mergeQueue: true,
  gateName: "Required",
  checks: {
    docs: { name: "Docs", workflow: hostedCheck, paths: ["docs/**"] },
    manifests: { name: "Manifests", workflow: selfHostedCheck, paths: ["environments/**"] },
  },
});

const minimalCost = costReport({ runsOn: "ubuntu-latest" });
const fullCost = costReport({
  file: "ci-cost",
  name: "What CI costs",
  schedule: "45 5 * * *",
  since: "1d",
  runsOn: arc,
  setup: [{ name: "Install", run: "pnpm install --frozen-lockfile" }],
  command: "pnpm exec trunkline",
  budgets: [{ occupancyHoursPerWeek: 40, cancelledShare: 0.2 }, { workflow: "ci.yml", queueP95Seconds: 120 }],
});

const ALL: Record<string, Workflow> = {
  minimalCost, fullCost, minimalCi, fullCi, minimalImages, fullImages, minimalDeploy, fullDeploy, minimalRelease, fullRelease,
  minimalPromotion, fullPromotion, minimalBump, fullBump, hostedCheck, selfHostedCheck, minimalGate, fullGate,
};
const emitted: Record<string, Emitted> = Object.fromEntries(Object.entries(ALL).map(([name, built]) => [name, emitWorkflow(built)]));

describe("every template, with default and non-default options", () => {
  it.each(Object.keys(ALL))("%s passes the schema and GitHub's parser", async (name) => {
    expect(await validationProblems(emitted[name]!)).toEqual([]);
  });

  it("has no actionlint findings", async () => {
    const files = Object.entries(emitted).map(([name, file]) => ({ path: `${name}/.github/workflows/${file.fileName}`, text: file.text }));
    expect(await actionlint(files, { allowRunnerLabels: ["arc-local"] })).toEqual([]);
  });

  it("pins every action to a full commit SHA", () => {
    for (const file of Object.values(emitted)) {
      for (const action of file.text.matchAll(/uses: ([^\s]+)/g)) {
        if (action[1]!.startsWith("./")) continue;
        expect(action[1]).toMatch(/@[0-9a-f]{40}$/);
      }
    }
  });

  it("sets read-only permissions at the top of every workflow", () => {
    for (const [name, file] of Object.entries(emitted)) {
      // the cost report also reads the Actions API: runs and jobs
      expect(file.data.permissions).toEqual(name.endsWith("Cost") ? { actions: "read", contents: "read" } : { contents: "read" });
    }
  });
});

describe("trunkBasedCi", () => {
  it("without path-scoped checks: no changes job, the gate needs every check, no fork guard on hosted runners", () => {
    const { data } = emitted.minimalCi!;
    expect(Object.keys(data.jobs)).toEqual(["test", "gate"]);
    expect(data.jobs.gate.needs).toEqual(["test"]);
    expect(data.jobs.test.if).toBeUndefined();
    expect(data.on).toEqual({ pull_request: { branches: ["main"] }, push: { branches: ["main"] } });
    expect(minimalCi.requiredCheck).toBe("Gate");
  });

  it("scopes by in-job change detection, never by workflow-level paths", () => {
    const { data } = emitted.fullCi!;
    for (const event of Object.values(data.on) as ({ paths?: unknown; "paths-ignore"?: unknown } | null)[]) {
      expect(event?.paths).toBeUndefined();
      expect(event?.["paths-ignore"]).toBeUndefined();
    }
    expect(Object.keys(data.jobs.changes.outputs)).toEqual(["js", "python"]);
    expect(data.jobs.js.needs).toEqual(["changes"]);
    expect(data.jobs.lint.needs).toBeUndefined();
  });

  it("runs on the configured branches and events, with the runner variable and the fork guard", () => {
    const { data } = emitted.fullCi!;
    expect(data.on).toEqual({ pull_request: { branches: ["trunk", "prod"] }, merge_group: { types: ["checks_requested"] } });
    const fork = { event_name: "pull_request", repository: "acme/app", event: { pull_request: { head: { repo: { full_name: "x/app" } } } } };
    for (const id of ["lint", "js", "python"]) {
      expect(data.jobs[id]["runs-on"]).toBe("${{ vars.AMEIDE_RUNS_ON || 'arc-local' }}");
      expect(evaluate(data.jobs[id].if, { github: fork, needs: { changes: { outputs: { js: "true", python: "true" } } } }).truthy).toBe(false);
    }
    expect(data.jobs.gate.steps[0].env.FORK_GUARDED).toBe("lint js python");
    expect(data.jobs.gate.steps[0].env.ALLOWED_SKIPPED).toBe("js python");
    expect(data.jobs.gate.name).toBe(fullCi.requiredCheck);
    expect(fullCi.pullRequestBranches).toEqual(["trunk", "prod"]);
  });

  it("carries pinned images, permissions and env through to the job", () => {
    const { python, js, lint } = emitted.fullCi!.data.jobs;
    expect(python.container.image).toBe(`ghcr.io/acme/ci@${DIGEST}`);
    expect(python.services.postgres.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(python.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(js.env).toEqual({ CI: "true" });
    expect(lint.steps).toEqual([{ run: "make lint" }]);
  });

  it("cancels superseded pull-request runs, never tag or merge-queue runs", () => {
    const cancel = emitted.fullCi!.data.concurrency["cancel-in-progress"] as string;
    expect(evaluate(cancel, { github: { event_name: "pull_request", ref: "refs/pull/1/merge" } }).truthy).toBe(true);
    expect(evaluate(cancel, { github: { event_name: "push", ref: "refs/tags/v1.0.0" } }).truthy).toBe(false);
    expect(evaluate(cancel, { github: { event_name: "merge_group", ref: "refs/heads/gh-readonly-queue/trunk/pr-1" } }).truthy).toBe(false);
  });

  it("refuses check ids the template uses itself, and an empty check list", () => {
    expect(() => trunkBasedCi({ runsOn: "x", checks: { gate: { name: "G", steps: [{ run: "x" }] } } })).toThrow(/the id of a job the template adds/);
    expect(() => trunkBasedCi({ runsOn: "x", checks: {} })).toThrow(/at least one check/);
  });
});

describe("imagePublishing", () => {
  it("creates runs only for pushes to the branch touching its paths, and cancels superseded ones", () => {
    const { data } = emitted.fullImages!;
    expect(data.on.push).toEqual({ branches: ["trunk"], paths: ["services/**"] });
    expect(data.concurrency["cancel-in-progress"]).toBe(true);
  });

  it("builds every platform once and moves the channel tag only from the branch", () => {
    const steps = emitted.fullImages!.data.jobs.publish.steps as { id?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }[];
    const build = steps.find((step) => step.id === "build")!;
    expect(build.with!.platforms).toBe("linux/amd64,linux/arm64,linux/s390x");
    const tags = (ref: string) => build.with!.tags!.replace(/\$\{\{ ([\s\S]*?) \}\}/g, (_, body: string) => evaluate(body, { github: { ref, sha: "abc" }, matrix: { image: { name: "api" } } }).text).split("\n").filter(Boolean);
    expect(tags("refs/heads/trunk")).toEqual(["ghcr.io/acme/api:sha-abc", "ghcr.io/acme/api:edge"]);
    expect(tags("refs/tags/v1.0.0")).toEqual(["ghcr.io/acme/api:sha-abc"]);
    expect(steps.find((step) => step.uses?.startsWith("docker/setup-buildx-action@"))!.with).toEqual({ driver: "remote", endpoint: "${{ vars.BUILDKIT_ADDR }}" });
    expect(emitted.minimalImages!.data.jobs.publish.steps.some((step: { uses?: string }) => step.uses?.startsWith("docker/setup-qemu-action@"))).toBe(true);
  });

  it("records each digest only after checking the manifest list has every platform", () => {
    const step = (emitted.fullImages!.data.jobs.publish.steps as { run?: string; env?: Record<string, string> }[]).find((candidate) => candidate.run?.includes("imagetools"))!;
    const dir = mkdtempSync(path.join(tmpdir(), "trunkline-digest-"));
    try {
      // A stand-in for `docker buildx imagetools inspect --raw`: prints the manifest list in MANIFEST.
      const docker = `docker() { printf '%s' "$MANIFEST"; }\ncd "${dir}"\n`;
      const list = (...platforms: string[]) => JSON.stringify({ manifests: platforms.map((platform) => ({ platform: { os: platform.split("/")[0], architecture: platform.split("/")[1] } })) });
      const env = (manifest: string, digest: string = DIGEST) => ({ ...step.env!, IMAGE: "ghcr.io/acme/api", NAME: "api", DIGEST: digest, MANIFEST: manifest, GITHUB_STEP_SUMMARY: path.join(dir, "summary") });
      const codes = runBashCases(docker + step.run!, [env(list("linux/amd64", "linux/arm64", "linux/s390x")), env(list("linux/amd64", "linux/arm64")), env(list("linux/amd64"), "")]);
      expect(codes).toEqual([0, 1, 1]);
      expect(readFileSync(path.join(dir, "digests", "api"), "utf8")).toBe(`api=ghcr.io/acme/api@${DIGEST}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(emitted.fullImages!.data.jobs["record-digests"].needs).toEqual(["publish"]);
  });
});

describe("deployOnBranch", () => {
  it("deploys on pushes to the configured branch, in a protected environment, one at a time", () => {
    expect(emitted.minimalDeploy!.data.on).toEqual({ push: { branches: ["main"] }, workflow_dispatch: {} });
    expect(emitted.fullDeploy!.data.on.push).toEqual({ branches: ["prod"] });
    const deploy = emitted.fullDeploy!.data.jobs.deploy;
    expect(deploy.environment).toEqual({ name: "production", url: "https://example.com" });
    expect(deploy.concurrency).toEqual({ group: "deploy-production", "cancel-in-progress": false });
    expect(deploy.permissions).toEqual({ contents: "read", "id-token": "write" });
  });

  it("changing the branch changes the trigger lines and nothing else", () => {
    const onMain = emitWorkflow(deployOnBranch({ ...fullDeploy.options, branch: "main" }));
    const before = emitted.fullDeploy!.text.split("\n");
    const after = onMain.text.split("\n");
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((line, index) => (line === after[index] ? [] : [[line, after[index]]]));
    // The header's body hash, and the one branch line under on.push.branches.
    expect(changed).toEqual([
      [before[1], after[1]],
      ["      - prod", "      - main"],
    ]);
    expect(before[1]).toMatch(/^# trunkline-body-sha256: /);
    expect(onMain.data.on.push).toEqual({ branches: ["main"] });
  });

  it("runs migrations only by hand, as a separate job in its own environment", () => {
    const { data } = emitted.fullDeploy!;
    expect(data.on.workflow_dispatch.inputs.task).toMatchObject({ type: "choice", options: ["deploy", "migrate"], default: "deploy" });
    expect(data.jobs.migrate.environment).toEqual({ name: "production-db" });
    expect(data.jobs.migrate.container.image).toBe(`ghcr.io/acme/migrate@${DIGEST}`);
    const runs = (id: string, github: object, inputs: object) => evaluate(data.jobs[id].if, { github, inputs }).truthy;
    const push = { event_name: "push" };
    const dispatch = { event_name: "workflow_dispatch" };
    expect([runs("deploy", push, {}), runs("migrate", push, {})]).toEqual([true, false]);
    expect([runs("deploy", dispatch, { task: "deploy" }), runs("migrate", dispatch, { task: "deploy" })]).toEqual([true, false]);
    expect([runs("deploy", dispatch, { task: "migrate" }), runs("migrate", dispatch, { task: "migrate" })]).toEqual([false, true]);
    expect(() => deployOnBranch({ ...fullDeploy.options, migrations: { environment: { name: "production" }, steps: [{ run: "x" }] } })).toThrow(/environment of their own/);
  });
});

describe("releaseOnTags", () => {
  it("runs only for v* tags, never cancels, and grants write only to the release job", () => {
    const { data } = emitted.minimalRelease!;
    expect(data.on).toEqual({ push: { tags: ["v*"] } });
    expect(data.concurrency["cancel-in-progress"]).toBe(false);
    expect(data.jobs.release.permissions).toEqual({ contents: "write" });
    expect(data.jobs.verify.permissions).toBeUndefined();
    expect(emitted.fullRelease!.data.on).toEqual({ push: { tags: ["v[0-9]*"] } });
    expect(emitted.fullRelease!.data.jobs.release.needs).toEqual(["verify", "build", "images"]);
  });

  it("fails for a tag on a commit that is not on the trunk", () => {
    const script = emitted.fullRelease!.data.jobs.verify.steps[1].run as string;
    const dir = mkdtempSync(path.join(tmpdir(), "trunkline-release-"));
    try {
      const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" } }).trim();
      git("init", "-q", "-b", "trunk");
      writeFileSync(path.join(dir, "a"), "a");
      git("add", "a");
      git("commit", "-q", "-m", "on trunk");
      const onTrunk = git("rev-parse", "HEAD");
      git("update-ref", "refs/remotes/origin/trunk", onTrunk);
      git("checkout", "-q", "-b", "side");
      git("commit", "-q", "--allow-empty", "-m", "elsewhere");
      const offTrunk = git("rev-parse", "HEAD");
      const run = (sha: string) => runBash(`cd "${dir}"\n${script}`, { TRUNK: "trunk", TAG: "v1.0.0", GITHUB_SHA: sha }).code;
      expect([run(onTrunk), run(offTrunk)]).toEqual([0, 1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("digestPromotion and channelDigestBump", () => {
  it("offers every stage but the last, and maps each to the next", () => {
    const { data } = emitted.fullPromotion!;
    expect(data.on.workflow_dispatch.inputs.from.options).toEqual(["dev", "qa", "staging"]);
    const step = data.jobs.promote.steps[1];
    const dir = mkdtempSync(path.join(tmpdir(), "trunkline-promote-"));
    try {
      // A stand-in for yq: prints STUB_REFS for a read, records an in-place edit.
      const yq = `yq() { if [[ "$1" == "-i" ]]; then echo "$SOURCE_FILE -> $3" >> "${dir}/edits"; else printf '%s\\n' "$STUB_REFS"; fi; }\n`;
      const pinned = `ghcr.io/acme/api@${DIGEST}`;
      const env = (from: string, refs = pinned) => ({ ...step.env, FROM: from, STUB_REFS: refs, GITHUB_OUTPUT: path.join(dir, "output") });
      const codes = runBashCases(yq + step.run, [env("qa"), env("prod"), env("dev", "ghcr.io/acme/api:main")]);
      expect(codes).toEqual([0, 1, 1]);
      expect(readFileSync(path.join(dir, "output"), "utf8")).toBe("to=staging\n");
      expect(readFileSync(path.join(dir, "edits"), "utf8")).toBe("clusters/qa/images.yaml -> clusters/staging/images.yaml\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("opens the pull request with the configured token and labels, and never builds", () => {
    const steps = emitted.fullPromotion!.data.jobs.promote.steps as { uses?: string; with?: Record<string, unknown> }[];
    const open = steps.find((step) => step.uses?.startsWith("peter-evans/create-pull-request@"))!;
    expect(open.with).toMatchObject({ token: "${{ secrets.APP_TOKEN }}", base: "trunk", labels: "promotion\nautomerge" });
    expect(emitted.fullPromotion!.text).not.toMatch(/build-push-action|docker build/);
    expect(() => digestPromotion({ runsOn: "x", stages: ["dev", "dev"] })).toThrow(/listed twice/);
  });

  it("the channel follower resolves the channel tag and pins digests on a schedule", () => {
    const { data } = emitted.fullBump!;
    expect(data.on).toEqual({ schedule: [{ cron: "0 */2 * * *" }], workflow_dispatch: {} });
    const env = data.jobs.bump.steps[1].env;
    expect(env).toMatchObject({ CHANNEL: "edge", PLATFORMS: "linux/amd64", TARGET_FILE: "environments/qa/images.yaml" });
    expect(env.IMAGES).toBe("api=ghcr.io/acme/api\nweb=ghcr.io/acme/web\n");
  });
});

describe("gitopsGate and reusableCheck", () => {
  it("reusable checks have no pull-request trigger of their own", () => {
    expect(emitted.hostedCheck!.data.on).toEqual({ workflow_call: {}, workflow_dispatch: {} });
    expect(emitted.selfHostedCheck!.data.on).toEqual({ workflow_call: {} });
  });

  it("calls each check through workflow_call only when its area changed, fork-guarding self-hosted ones", () => {
    const { data } = emitted.fullGate!;
    expect(data.on).toEqual({ pull_request: { branches: ["trunk"] }, merge_group: { types: ["checks_requested"] } });
    expect(data.jobs.docs.uses).toBe("./.github/workflows/check-docs.yaml");
    expect(data.jobs.manifests.uses).toBe("./.github/workflows/check-manifests.yaml");
    const fork = { event_name: "pull_request", repository: "a/b", event: { pull_request: { head: { repo: { full_name: "x/b" } } } } };
    const changed = { changes: { outputs: { docs: "true", manifests: "true" } } };
    expect(evaluate(data.jobs.docs.if, { github: fork, needs: changed }).truthy).toBe(true);
    expect(evaluate(data.jobs.manifests.if, { github: fork, needs: changed }).truthy).toBe(false);
    expect(data.jobs.gate.steps[0].env.FORK_GUARDED).toBe("manifests");
    expect(data.jobs.gate.needs).toEqual(["changes", "docs", "manifests"]);
    expect(fullGate.requiredCheck).toBe("Required");
    expect(minimalGate.requiredCheck).toBe("Gate");
  });
});

describe("costReport", () => {
  const reportStep = (file: Emitted) => (file.data.jobs.report.steps as { run?: string; env?: Record<string, string> }[]).at(-1)!;
  // Runs the step's script with the CLI replaced by a function that prints its arguments, one per line.
  const runReport = (file: Emitted, exitCode: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), "cost-report-"));
    try {
      const summary = path.join(dir, "summary.md");
      const step = reportStep(file);
      const command = file === emitted.fullCost ? "pnpm" : "npx";
      const stub = `${command}() { printf '%s\\n' "$@"; return ${exitCode}; }\n`;
      const result = runBash(`set -eo pipefail\n${stub}${step.run!}`, { GITHUB_STEP_SUMMARY: summary, REPOSITORY: "acme/web" });
      return { code: result.code, argv: readFileSync(summary, "utf8").trimEnd().split("\n") };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it("issue 14.6: runs on its schedule and by hand, never cancelled, with the Actions API's read scope only", () => {
    const { data } = emitted.fullCost!;
    expect(data.on).toEqual({ schedule: [{ cron: "45 5 * * *" }], workflow_dispatch: {} });
    expect(data.concurrency["cancel-in-progress"]).toBe(false);
    expect(data.jobs.report.permissions).toBeUndefined();
    expect(reportStep(emitted.fullCost!).env).toEqual({ GITHUB_TOKEN: "${{ github.token }}", REPOSITORY: "${{ github.repository }}" });
    expect(emitted.minimalCost!.data.on.schedule).toEqual([{ cron: "17 6 * * 1" }]);
  });

  it("issue 14.6: the step calls trunkline cost with the budgets as flags that read back as the options' budgets", () => {
    const { code, argv } = runReport(emitted.fullCost!, 0);
    expect(code).toBe(0);
    expect(argv.slice(0, 6)).toEqual(["exec", "trunkline", "cost", "--repo", "acme/web", "--since"]);
    expect(argv[6]).toBe("1d");
    const budgetTexts = argv.flatMap((argument, index) => (argv[index - 1] === "--budget" ? [argument] : []));
    expect(budgetTexts.map((text) => parseBudgetFlag(text))).toEqual(fullCost.options.budgets.map((budget) => ({ budget })));
    expect(argv.slice(-2)).toEqual(["--format", "markdown"]);
    expect(runReport(emitted.minimalCost!, 0).argv).toEqual(["--no-install", "trunkline", "cost", "--repo", "acme/web", "--since", "7d", "--format", "markdown"]);
  });

  it("issue 14.6: an exceeded budget fails the run, and the report is in the summary all the same", () => {
    const { code, argv } = runReport(emitted.fullCost!, 1);
    expect(code).toBe(1);
    expect(argv).toContain("cost");
  });

  it("issue 14.6: the command line it writes is one trunkline cost runs: report, budgets and exit code", async () => {
    const { argv } = runReport(emitted.fullCost!, 0);
    // the recorded responses stand in for the API: --repo becomes --from; the fixture's runs are
    // older than --since, so it goes
    const args = argv.slice(argv.indexOf("cost"));
    args.splice(args.indexOf("--repo"), 2, "--from", "cost-data");
    args.splice(args.indexOf("--since"), 2);
    const repo = await createTempRepo(Object.fromEntries(fixtureFiles(BASIC).map((file) => [`cost-data/${file.name}`, file.text])));
    try {
      // the fixture cancels 2 runs of 5: over the 0.2 the options allow, so the run fails
      const result = await repo.run(args);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stdout).toContain("```mermaid");
      expect(result.stderr).toContain("share of cancelled runs is 0.4, over its limit of 0.2");
      const withoutBudgets = args.filter((argument, index) => argument !== "--budget" && args[index - 1] !== "--budget");
      expect((await repo.run(withoutBudgets)).code).toBe(0);
    } finally {
      await repo.dispose();
    }
  });
});

describe("releasingGuide", () => {
  it("is written from the workflows' options", () => {
    const guide = releasingGuide({ repository: "acme/app", ci: fullCi, deploy: fullDeploy, images: fullImages, release: fullRelease, verification: ["It works."] });
    expect(guide).toContain("gh pr create --base prod --head trunk");
    expect(guide).toContain("gh workflow run ship.yml --ref prod -f task=migrate");
    expect(guide).toContain("`production-db` environment");
    expect(guide).toContain("The only required check is `Required`");
    expect(guide).toContain("- It works.");
    expect(guide).toContain("gh workflow run images.yml --ref <tag>");
    const onMain = releasingGuide({ repository: "acme/app", ci: fullCi, deploy: deployOnBranch({ ...fullDeploy.options, branch: "trunk" }) });
    expect(onMain).toContain("Every merge into `trunk` deploys.");
    expect(onMain).not.toContain("--base prod");
  });

  it("says so when there are no migrations, and describes promotion", () => {
    const guide = releasingGuide({ repository: "acme/gitops", ci: fullGate, promotion: fullPromotion, bump: fullBump });
    expect(guide).toContain("no migrations job");
    expect(guide).toContain("gh workflow run promote.yaml -f from=qa");
    expect(guide).toContain("`${{ secrets.APP_TOKEN }}` token");
  });
});
