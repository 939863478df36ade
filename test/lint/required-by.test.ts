import { afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { lint } from "../../src/cli/commands/lint.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { resolveLintSettings } from "../../src/rules/_settings.js";
import { allRules } from "../../src/rules/index.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

// "Test" is required by the config (line 5), "Lint" by a ruleset exported from GitHub.
const CONFIG = `import { defineConfig } from "trunkline";
export default defineConfig({
  lint: {
    requiredChecks: [
      "Test",
    ],
  },
});
`;
const CONFIG_LINE = 5;
const RULESET = JSON.stringify({ name: "main", target: "branch", enforcement: "active", conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } }, rules: [{ type: "required_status_checks", parameters: { required_status_checks: [{ context: "Lint", integration_id: 15368 }] } }] });
const job = (id: string, name: string) => `  ${id}:\n    name: ${name}\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: make ${id}\n`;
const CI = `on:\n  pull_request:\n    branches: [main]\n    paths: ["src/**"]\npermissions: {}\nconcurrency:\n  group: ci-\${{ github.ref }}\n  cancel-in-progress: true\njobs:\n${job("test", "Test")}${job("lint", "Lint")}`;

const pathFiltered = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.rule === "required-check-path-filtered");
const expectSourcesNamed = (diagnostics: Diagnostic[]) => {
  const [finding, ...others] = pathFiltered(diagnostics);
  expect(others).toEqual([]);
  expect(finding?.message).toContain(`"Test" (required by lint.requiredChecks[0] in trunkline.config.ts:${CONFIG_LINE})`);
  expect(finding?.message).toContain('"Lint" (required by .github/rulesets/main.json)');
  // the ruleset is named for its own check only
  expect(finding?.message.match(/rulesets\/main\.json/g)).toHaveLength(1);
};

describe("issue 9.20: a required check names where it is required", () => {
  let repo: TempRepo;
  afterEach(async () => {
    await repo.dispose();
  });

  it("issue 9.20: lint names trunkline.config.ts and the entry's line for a check the config requires", async () => {
    repo = await createTempRepo({ "trunkline.config.ts": CONFIG, ".github/workflows/ci.yml": CI, ".github/rulesets/main.json": RULESET });
    const result = await repo.run(["lint", "--format", "json"]);
    expect(result.code).toBe(ExitCode.Problems);
    expectSourcesNamed(JSON.parse(result.stdout) as Diagnostic[]);
  });

  it("issue 9.20: so does a lint whose files are shared with worker threads", async () => {
    const files: Record<string, string> = { "trunkline.config.ts": CONFIG, ".github/workflows/ci.yml": CI, ".github/rulesets/main.json": RULESET };
    for (let index = 0; index < 20; index++) files[`.github/workflows/other-${index}.yml`] = CI.replace('    paths: ["src/**"]\n', "").replaceAll("name: Test", `name: Other ${index}`).replaceAll("name: Lint", `name: Another ${index}`);
    repo = await createTempRepo(files);
    let stdout = "";
    const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: () => {} }, {});
    expect(await lint({ paths: [], format: "json", workers: 1, parallelThreshold: 0 }, io)).toBe(ExitCode.Problems);
    expectSourcesNamed(JSON.parse(stdout) as Diagnostic[]);
  });

  it("issue 9.20: gen names trunkline.config.ts too", async () => {
    const source = `import { job, workflow } from "trunkline";
const step = { run: "make" };
export default workflow("ci", {
  on: { pull_request: { branches: ["main"], paths: ["src/**"] } },
  permissions: {},
  concurrency: { group: "ci-\${{ github.ref }}", "cancel-in-progress": true },
  jobs: { test: job({ name: "Test", "runs-on": "ubuntu-latest", "timeout-minutes": 10, steps: [step] }) },
});
`;
    repo = await createTempRepo({ "trunkline.config.ts": CONFIG, "workflows-src/ci.ts": source });
    const result = await repo.run(["gen", "--format", "json"]);
    expect(result.code).toBe(ExitCode.SourceErrors);
    const printed = result.stdout.trim() ? result.stdout : result.stderr;
    const [finding, ...others] = pathFiltered(JSON.parse(printed.slice(printed.indexOf("["), printed.lastIndexOf("]") + 1)) as Diagnostic[]);
    expect(others).toEqual([]);
    expect(finding?.message).toContain(`"Test" (required by lint.requiredChecks[0] in trunkline.config.ts:${CONFIG_LINE})`);
    expect(finding?.message).not.toContain("rulesets");
  });

  it("issue 9.20: the line is the entry's when the name is written there, else the entry is named alone", () => {
    const text = 'export default defineConfig({\n  lint: {\n    rules: { "Gate": "off" },\n    requiredChecks: [GATE, { name: "Gate", branches: ["main"] }, \'Docs\'],\n  },\n});\n';
    const { requiredChecks } = resolveLintSettings({ requiredChecks: ["Build", { name: "Gate", branches: ["main"] }, "Docs"] }, allRules, "trunkline.config.ts", text).settings;
    expect(requiredChecks).toEqual([
      { name: "Build", requiredBy: "lint.requiredChecks[0] in trunkline.config.ts" },
      { name: "Gate", branches: ["main"], requiredBy: "lint.requiredChecks[1] in trunkline.config.ts:4" },
      { name: "Docs", requiredBy: "lint.requiredChecks[2] in trunkline.config.ts:4" },
    ]);
  });
});
