import { execFileSync } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { planRulesetCommands, repositoryVariable } from "../../src/rulesets/plan-rulesets.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const protect = (name: string, job: string) =>
  `export const ${name} = ruleset("${name}", { conditions: { ref_name: { include: ["refs/heads/${name}"] } }, rules: [{ type: "non_fast_forward" }, { type: "required_status_checks", parameters: { required_status_checks: [${job}] } }] });\n`;
const ciSource = (extra: string) => `import { job, ruleset, workflow } from "trunkline";
const test = job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 5, steps: [{ run: "make" }] });
export const ci = workflow("ci", { on: { pull_request: { branches: ["main", "prod"] } }, permissions: {}, concurrency: { group: "ci-\${{ github.ref }}", "cancel-in-progress": true }, jobs: { test } });
${extra}`;

// A stand-in for gh: logs each call, and knows a ruleset named "main" (id 42) but not "prod".
const FAKE_GH = `#!/usr/bin/env bash
echo "GH_REPO=\${GH_REPO:-} $*" >> "$GH_LOG"
if [[ "$*" == *"--jq"* ]]; then
  if [[ "$*" == *'.name == "main"'* ]]; then echo 42; fi
fi
`;

describe("trunkline rulesets plan", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("prints a script that updates the rulesets GitHub has by name and creates the others, per repository", async () => {
    repo = await createTempRepo({
      "workflows-src/ci.ts": ciSource(protect("main", "test")),
      "workflows-src/targets/web/web.ts": ciSource(protect("main", "test") + protect("prod", "test")),
      "bin/gh": FAKE_GH,
    });
    expect((await repo.run(["gen"])).code).toBe(ExitCode.Ok);
    const result = await repo.run(["rulesets", "plan"]);
    expect(result.code).toBe(ExitCode.Ok);
    expect(result.stderr).toContain("3 rulesets planned; nothing was sent");
    chmodSync(path.join(repo.root, "bin/gh"), 0o755);
    const log = path.join(repo.root, "gh.log");
    const env = { ...process.env, PATH: `${path.join(repo.root, "bin")}:${process.env.PATH}`, GH_LOG: log, [repositoryVariable("web")]: "acme/web", GH_REPO: "acme/stale" };
    execFileSync("bash", ["-c", result.stdout], { cwd: repo.root, env });
    const calls = (await repo.read("gh.log"))!.trim().split("\n");
    expect(calls).toEqual([
      // this repository's own rulesets go to the repository of the clone
      `GH_REPO= api --paginate repos/{owner}/{repo}/rulesets --jq .[] | select(.source_type == "Repository" and .name == "main") | .id`,
      "GH_REPO= api --method PUT repos/{owner}/{repo}/rulesets/42 --input .github/rulesets/main.json",
      `GH_REPO=acme/web api --paginate repos/{owner}/{repo}/rulesets --jq .[] | select(.source_type == "Repository" and .name == "main") | .id`,
      "GH_REPO=acme/web api --method PUT repos/{owner}/{repo}/rulesets/42 --input generated/web/rulesets/main.json",
      `GH_REPO=acme/web api --paginate repos/{owner}/{repo}/rulesets --jq .[] | select(.source_type == "Repository" and .name == "prod") | .id`,
      "GH_REPO=acme/web api --method POST repos/{owner}/{repo}/rulesets --input generated/web/rulesets/prod.json",
    ]);
  });

  it("refuses to run a target's block without the repository it protects", async () => {
    repo = await createTempRepo({ "workflows-src/targets/web/web.ts": ciSource(protect("main", "test")), "bin/gh": FAKE_GH });
    await repo.run(["gen"]);
    const script = (await repo.run(["rulesets", "plan", "--target", "web"])).stdout;
    chmodSync(path.join(repo.root, "bin/gh"), 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(repo.root, "bin")}:${process.env.PATH}`, GH_LOG: path.join(repo.root, "gh.log") };
    delete env[repositoryVariable("web")];
    expect(() => execFileSync("bash", ["-c", script], { cwd: repo.root, env, stdio: "pipe" })).toThrow(/TRUNKLINE_REPO_WEB/);
    expect(await repo.read("gh.log")).toBeUndefined();
  });

  it("--target keeps one target; an unknown one is a usage error naming the targets", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": ciSource(protect("main", "test")), "workflows-src/targets/web/web.ts": ciSource(protect("prod", "test")) });
    await repo.run(["gen"]);
    const web = await repo.run(["rulesets", "plan", "--target", "web"]);
    expect(web.code).toBe(ExitCode.Ok);
    expect(web.stdout).toContain("generated/web/rulesets/prod.json");
    expect(web.stdout).not.toContain(".github/rulesets/main.json");
    const unknown = await repo.run(["rulesets", "plan", "--target", "api"]);
    expect(unknown.code).toBe(ExitCode.Usage);
    expect(unknown.stderr).toContain('"default", "web"');
    expect((await repo.run(["rulesets"])).code).toBe(ExitCode.Usage);
    expect((await repo.run(["rulesets", "apply"])).code).toBe(ExitCode.Usage);
  });

  it("prints nothing when a ruleset file on disk is not what the sources generate", async () => {
    repo = await createTempRepo({ "workflows-src/ci.ts": ciSource(protect("main", "test")) });
    const missing = await repo.run(["rulesets", "plan"]);
    expect(missing.code).toBe(ExitCode.Problems);
    expect(missing.stdout).toBe("");
    expect(missing.stderr).toContain(".github/rulesets/main.json is missing");
    await repo.run(["gen"]);
    await repo.write(".github/rulesets/main.json", '{ "name": "main", "enforcement": "disabled" }\n');
    const edited = await repo.run(["rulesets", "plan"]);
    expect(edited.code).toBe(ExitCode.Problems);
    expect(edited.stderr).toContain("was edited by hand");
  });
});

describe("planRulesetCommands", () => {
  it("quotes every path, and gives each target its own variable", () => {
    const script = planRulesetCommands([{ target: "web-app", name: "main", file: "generated/web app/rulesets/main.json" }]);
    expect(script).toContain(`--input 'generated/web app/rulesets/main.json'`);
    expect(script).toContain('export GH_REPO="${TRUNKLINE_REPO_WEB_APP:?');
    execFileSync("bash", ["-n", "-c", script]);
  });
});
