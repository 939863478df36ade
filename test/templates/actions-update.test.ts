import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionsUpdatePullRequest } from "../../src/templates/index.js";
import { emitWorkflow, validationProblems } from "../blocks/_support.js";
import { actionlint } from "../support/actionlint.js";
import { REPO_ROOT, createTempRepo } from "../support/temp-repo.js";

const minimal = actionsUpdatePullRequest({ runsOn: "ubuntu-latest" });
const full = actionsUpdatePullRequest({ file: "bump-actions", name: "Bump actions", schedule: "0 6 * * *", base: "trunk", runsOn: "ubuntu-24.04", major: true, nodeVersion: "22", token: "${{ secrets.BOT_TOKEN }}" });
const emitted = { minimal: emitWorkflow(minimal), full: emitWorkflow(full) };

interface StepData {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
}
interface WorkflowData {
  on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, { permissions?: Record<string, string>; steps: StepData[] }>;
}

describe("actionsUpdatePullRequest", () => {
  it.each(Object.keys(emitted))("issue 11.3: %s passes the schema, GitHub's parser and actionlint", async (name) => {
    const file = emitted[name as keyof typeof emitted];
    expect(await validationProblems(file)).toEqual([]);
    expect(await actionlint([{ path: `${name}/.github/workflows/${file.fileName}`, text: file.text }])).toEqual([]);
  });

  it("issue 11.3: on a schedule and by hand, read-only token, pinned actions, queued in one concurrency group", () => {
    for (const file of Object.values(emitted)) {
      const data = file.data as WorkflowData;
      expect(data.on.schedule).toHaveLength(1);
      expect(data.on).toHaveProperty("workflow_dispatch");
      expect(data.permissions).toEqual({ contents: "read" });
      for (const job of Object.values(data.jobs)) expect(job.permissions).toBeUndefined();
      expect(data.concurrency).toMatchObject({ "cancel-in-progress": false });
      expect(data.concurrency.group).toBeTruthy();
      const steps = Object.values(data.jobs).flatMap((job) => job.steps);
      for (const step of steps) if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    }
  });

  it("issue 11.3: runs the update (with --major when asked) and gen, then opens the pull request with the given token and the update's report", () => {
    const steps = (file: (typeof emitted)["minimal"]) => Object.values((file.data as WorkflowData).jobs).flatMap((job) => job.steps);
    const script = (file: (typeof emitted)["minimal"]) => steps(file).map((step) => step.run ?? "").join("\n");
    expect(script(emitted.minimal)).toMatch(/^\s*npx trunkline actions update 2>&1$/m);
    expect(script(emitted.minimal)).toMatch(/^npm run gen$/m);
    expect(script(emitted.full)).toMatch(/^\s*npx trunkline actions update --major 2>&1$/m);
    const open = (file: (typeof emitted)["minimal"]) => steps(file).find((step) => step.uses?.startsWith("peter-evans/create-pull-request@"))!;
    expect(open(emitted.minimal).with).toMatchObject({ token: "${{ secrets.ACTIONS_UPDATE_TOKEN }}", base: "main", "body-path": "${{ runner.temp }}/actions-update.md" });
    expect(open(emitted.full).with).toMatchObject({ token: "${{ secrets.BOT_TOKEN }}", base: "trunk" });
    expect((emitted.full.data as WorkflowData).on.schedule).toEqual([{ cron: "0 6 * * *" }]);
  });

  it("issue 11.3: the report script runs under bash and writes a fenced block around the update's output", () => {
    const run = steps().find((step) => step.run?.includes("actions update"))!.run!;
    const folder = mkdtempSync(path.join(tmpdir(), "actions-update-"));
    try {
      // npx and npm stand in: the script's own shell logic is what runs here
      writeFileSync(path.join(folder, "npx"), '#!/bin/sh\necho "updated   actions/checkout v7.0.1 → v7.1.0" >&2\n');
      writeFileSync(path.join(folder, "npm"), '#!/bin/sh\necho "npm $*" > "$(dirname "$0")/npm-called"\n');
      execFileSync("chmod", ["+x", path.join(folder, "npx"), path.join(folder, "npm")]);
      execFileSync("bash", ["-c", run], { env: { PATH: `${folder}:${process.env.PATH}`, REPORT: path.join(folder, "report.md") }, timeout: 10_000 });
      expect(readFileSync(path.join(folder, "report.md"), "utf8")).toBe("Updated by `trunkline actions update` and `npm run gen`.\n\n```\nupdated   actions/checkout v7.0.1 → v7.1.0\n```\n");
      expect(readFileSync(path.join(folder, "npm-called"), "utf8")).toBe("npm run gen\n");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    function steps() {
      return Object.values((emitted.minimal.data as WorkflowData).jobs).flatMap((job) => job.steps);
    }
  });

  it("issue 11.3: compiled by gen in a repository that imports it from trunkline/templates, and used by no example target", async () => {
    const repo = await createTempRepo({ "workflows-src/update-actions.ts": 'import { actionsUpdatePullRequest } from "trunkline/templates";\nexport default actionsUpdatePullRequest({ runsOn: "ubuntu-latest" });\n' });
    try {
      const generated = await repo.run(["gen"]);
      expect(generated.stderr).not.toMatch(/error|warning/i);
      expect(generated.code).toBe(0);
      expect((await repo.run(["lint", ".github/workflows/update-actions.yml"])).code).toBe(0);
    } finally {
      await repo.dispose();
    }
    const sources = (readdirSync(path.join(REPO_ROOT, "workflows-src"), { recursive: true, encoding: "utf8" }) as string[]).filter((file) => file.endsWith(".ts"));
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.filter((file) => readFileSync(path.join(REPO_ROOT, "workflows-src", file), "utf8").includes("actionsUpdatePullRequest"))).toEqual([]);
  });
});
