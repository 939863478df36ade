import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { createNodeIo } from "../../src/io/node-io.js";
import { REPO_ROOT, type TempRepo, createTempRepo } from "../support/temp-repo.js";

// A Node project that does not use trunkline yet, on branch "trunk".
const NODE_REPO = {
  "package.json": '{\n  "name": "app",\n  "type": "module",\n  "scripts": { "test": "node --test" }\n}\n',
  "package-lock.json": '{ "name": "app", "lockfileVersion": 3, "packages": {} }\n',
  ".git/HEAD": "ref: refs/heads/trunk\n",
};

const BUILD_YAML = "name: Build\non:\n  push:\n    branches: [main]\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - run: make\n";
const UNPINNED_YAML = "name: Lint\non: pull_request\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n      - uses: octo-org/lint-action@v2\n";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
type Workflow = { on: { pull_request: { branches: string[] } }; jobs: Record<string, { steps: Step[] }> };

describe("trunkline init", () => {
  it("issue 13.1: a Node repository (npm) gets the scripts, how to install the tarball, and a CI source that generates and checks", async () => {
    const repo = await createTempRepo(NODE_REPO);
    try {
      const result = await repo.run(["init"]);
      expect(result.code, result.stderr).toBe(0);
      const manifest = JSON.parse((await repo.read("package.json"))!) as { scripts: Record<string, string>; devDependencies?: Record<string, string> };
      expect(manifest.scripts).toEqual({ test: "node --test", gen: "trunkline gen", check: "trunkline check" });
      // the name is not on the registry (README): no range that would fail to install, but the tarball's command
      expect(manifest.devDependencies).toBeUndefined();
      expect(result.stdout).toMatch(/npm install --save-dev \.\/vendor\/trunkline-[\d.]+\.tgz && npm run gen && npm run check/);

      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const check = await repo.run(["check"]);
      expect(check.code, check.stderr).toBe(0);

      const ci = parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow;
      expect(ci.on.pull_request.branches).toEqual(["trunk"]);
      const runs = ci.jobs.node!.steps.map((step) => step.run);
      expect(runs).toEqual(expect.arrayContaining(["npm ci", "npm test", "npm run check"]));
      // the check runs after the install, so the trunkline it runs is there
      expect(runs.indexOf("npm run check")).toBeGreaterThan(runs.indexOf("npm ci"));
      const attributes = (await repo.read(".gitattributes"))!.split("\n");
      expect(attributes).toEqual(expect.arrayContaining([".github/workflows/*.yml eol=lf linguist-generated", ".trunkline/manifest.json eol=lf linguist-generated"]));
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: a second init changes nothing and says so", async () => {
    const repo = await createTempRepo({ ...NODE_REPO, ".gitattributes": "*.png binary" });
    try {
      expect((await repo.run(["init"])).code).toBe(0);
      expect((await repo.read(".gitattributes"))!.startsWith("*.png binary\n")).toBe(true);
      const before = await repo.snapshot();
      const again = await repo.run(["init", "--yes"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain("nothing to change");
      expect(await repo.snapshot()).toEqual(before);
    } finally {
      await repo.dispose();
    }
  });

  it("issue 9.23: the install init names for npm is the README's, allowScripts included, so npm has nothing to warn of", async () => {
    const readme = await readFile(path.join(REPO_ROOT, "README.md"), "utf8");
    const sharing = readme.slice(readme.indexOf("## Sharing across repositories"));
    // the README's two install lines, comments dropped, with its file name of the tarball
    const [allow, install] = /```sh\n([\s\S]*?)```/.exec(sharing)![1]!.split("\n").map((line) => line.replace(/\s+#.*$/, "").trim());
    const repo = await createTempRepo(NODE_REPO);
    try {
      const result = await repo.run(["init"]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Next: ${allow} && ${install} && npm run gen`);
      // once package.json has decided esbuild's script, the step is not asked again
      await repo.write("package.json", JSON.stringify({ ...JSON.parse((await repo.read("package.json"))!), allowScripts: { esbuild: false } }));
      const again = await repo.run(["init"]);
      expect(again.stdout).toContain(`Next: ${install} && npm run gen`);
    } finally {
      await repo.dispose();
    }
  });

  it("issue 9.22: in a CommonJS package (npm init's default) the sources are marked as ES modules, and a second init keeps that", async () => {
    const commonJs = { ...NODE_REPO, "package.json": '{\n  "name": "app",\n  "type": "commonjs",\n  "scripts": { "test": "node --test" }\n}\n' };
    for (const files of [commonJs, { ...commonJs, "package.json": '{ "name": "app", "scripts": { "test": "node --test" } }\n' }]) {
      const repo = await createTempRepo(files);
      try {
        const result = await repo.run(["init"]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toContain("workflows-src/package.json");
        expect(JSON.parse((await repo.read("workflows-src/package.json"))!)).toEqual({ type: "module" });
        // the package itself keeps its module system
        expect((JSON.parse((await repo.read("package.json"))!) as { type?: string }).type).toBe((JSON.parse(files["package.json"]) as { type?: string }).type);
        const gen = await repo.run(["gen"]);
        expect(gen.code, gen.stderr).toBe(0);
        expect((await repo.run(["check"])).code).toBe(0);
        const before = await repo.snapshot();
        expect((await repo.run(["init"])).stdout).toContain("nothing to change");
        expect(await repo.snapshot()).toEqual(before);
      } finally {
        await repo.dispose();
      }
    }
  });

  it("issue 9.22: a package.json init writes from scratch is an ES module package, and the sources need no marker", async () => {
    const repo = await createTempRepo({ "go.mod": "module example.com/app\n\ngo 1.22\n" });
    await repo.remove("package.json");
    try {
      expect((await repo.run(["init"])).code).toBe(0);
      expect((JSON.parse((await repo.read("package.json"))!) as { type?: string }).type).toBe("module");
      expect(await repo.read("workflows-src/package.json")).toBeUndefined();
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: a Go repository gets setup-go and go test, and a Node job only to check the generated files", async () => {
    const repo = await createTempRepo({ "go.mod": "module example.com/app\n\ngo 1.22\n" });
    try {
      expect((await repo.run(["init"])).code).toBe(0);
      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const ci = parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow;
      expect(ci.on.pull_request.branches).toEqual(["main"]);
      const go = ci.jobs.go!.steps;
      expect(go.find((step) => step.uses?.startsWith("actions/setup-go@"))?.with).toEqual({ "go-version-file": "go.mod" });
      expect(go.map((step) => step.run)).toContain("go test ./...");
      expect(ci.jobs.node).toBeUndefined();
      expect(ci.jobs.workflows!.steps.map((step) => step.run)).toEqual(expect.arrayContaining(["npm ci", "npm run check"]));
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: a Python repository gets setup-python, its requirements and pytest", async () => {
    const repo = await createTempRepo({ "requirements.txt": "pytest\n", "pyproject.toml": '[project]\nname = "app"\n' });
    try {
      expect((await repo.run(["init"])).code).toBe(0);
      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const steps = (parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow).jobs.python!.steps;
      expect(steps.some((step) => step.uses?.startsWith("actions/setup-python@"))).toBe(true);
      expect(steps.map((step) => step.run).filter(Boolean)).toEqual(["python -m pip install -r requirements.txt", "python -m pip install -e .", "python -m pytest"]);
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: pnpm and Rust: pnpm's setup and frozen install, cargo test", async () => {
    const repo = await createTempRepo({ ...NODE_REPO, "package-lock.json": "", "pnpm-lock.yaml": "lockfileVersion: '9.0'\n", "Cargo.toml": '[package]\nname = "app"\n' });
    await repo.remove("package-lock.json");
    try {
      const result = await repo.run(["init"]);
      expect(result.stdout).toMatch(/pnpm add -D \.\/vendor\/trunkline-[\d.]+\.tgz && pnpm run gen && pnpm run check/);
      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const ci = parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow;
      const node = ci.jobs.node!.steps;
      expect(node.some((step) => step.uses?.startsWith("pnpm/action-setup@"))).toBe(true);
      expect(node.map((step) => step.run)).toEqual(expect.arrayContaining(["pnpm install --frozen-lockfile", "pnpm test", "pnpm run check"]));
      expect(ci.jobs.rust!.steps.map((step) => step.run)).toContain("cargo test");
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: yarn 2+: its immutable install, yarn run check", async () => {
    const repo = await createTempRepo({ ...NODE_REPO, "yarn.lock": "", ".yarnrc.yml": "nodeLinker: node-modules\n" });
    await repo.remove("package-lock.json");
    try {
      expect((await repo.run(["init"])).code).toBe(0);
      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const node = (parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow).jobs.node!.steps;
      expect(node.find((step) => step.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({ cache: "yarn" });
      expect(node.map((step) => step.run)).toEqual(expect.arrayContaining(["yarn install --immutable", "yarn test", "yarn run check"]));
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: with existing workflows it imports them, baseline included; gen and check pass right after, and a second init changes nothing", async () => {
    const repo = await createTempRepo({ ...NODE_REPO, ".github/workflows/build.yml": BUILD_YAML, ".github/workflows/lint.yml": UNPINNED_YAML });
    try {
      const result = await repo.run(["init"]);
      expect(result.code, result.stderr).toBe(0);
      expect(await repo.read("workflows-src/ci.ts")).toBeUndefined();
      expect(await repo.read("workflows-src/build.ts")).toContain('from "trunkline"');
      expect(await repo.read("workflows-src/lint.ts")).toBeDefined();
      expect(result.stdout).toContain("imported 2 workflows");
      // the originals are generated files now, each with the same value as before
      expect(parse((await repo.read(".github/workflows/build.yml"))!)).toEqual(parse(BUILD_YAML));
      expect(parse((await repo.read(".github/workflows/lint.yml"))!)).toEqual(parse(UNPINNED_YAML));
      // the unpinned action is a finding the baseline accepts, so adoption starts green
      const baseline = JSON.parse((await repo.read(".trunkline/baseline.json"))!) as { files: Record<string, unknown> };
      expect(Object.keys(baseline.files)).toEqual([".github/workflows/lint.yml"]);
      const gen = await repo.run(["gen"]);
      expect(gen.code, gen.stderr).toBe(0);
      const check = await repo.run(["check"]);
      expect(check.code, check.stderr).toBe(0);
      const before = await repo.snapshot();
      const again = await repo.run(["init"]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain("nothing to change");
      expect(await repo.snapshot()).toEqual(before);
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: with existing workflows and trunkline not installed yet, the import comes in Next, after the install", async () => {
    const repo = await createTempRepo({ ...NODE_REPO, ".github/workflows/build.yml": BUILD_YAML });
    await rm(path.join(repo.root, "node_modules", "trunkline"));
    try {
      const result = await repo.run(["init"]);
      expect(result.code, result.stderr).toBe(0);
      expect(await repo.read("workflows-src/build.ts")).toBeUndefined();
      expect(await repo.read(".github/workflows/build.yml")).toBe(BUILD_YAML);
      expect(result.stdout).toMatch(/Next: npm pkg set allowScripts\.esbuild=false --json && npm install --save-dev \S+ && npx trunkline import --replace \.github\/workflows && npm run gen/);
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: files it did not write and scripts that run something else are kept and named", async () => {
    const own = "export default 1;\n";
    const repo = await createTempRepo({
      "package.json": '{ "scripts": { "check": "eslint .", "test": "vitest" }, "devDependencies": { "vitest": "^3.0.0" } }\n',
      "workflows-src/ci.ts": own,
    });
    try {
      const result = await repo.run(["init"]);
      expect(result.code, result.stderr).toBe(0);
      expect(await repo.read("workflows-src/ci.ts")).toBe(own);
      expect(result.stdout).toContain("kept workflows-src/ci.ts");
      expect(result.stdout).toContain('kept package.json\'s "check" script ("eslint .")');
      const manifest = JSON.parse((await repo.read("package.json"))!) as { scripts: Record<string, string> };
      expect(manifest.scripts).toEqual({ check: "eslint .", test: "vitest", gen: "trunkline gen" });
    } finally {
      await repo.dispose();
    }
  });

  it("issue 13.1: a package.json that is not JSON is an error, and nothing is written", async () => {
    const repo = await createTempRepo({ "package.json": "{ nope", "go.mod": "module x\n" });
    try {
      const before = await repo.snapshot();
      const result = await repo.run(["init"]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("package.json");
      expect(await repo.snapshot()).toEqual(before);
    } finally {
      await repo.dispose();
    }
  });

  describe("on a terminal", () => {
    // init in-process as on a terminal (stdin and stderr are TTYs) with `typed` as what the user types, then EOF
    async function initTyping(repo: TempRepo, typed: string, options: { argv?: readonly string[]; terminal?: boolean } = {}) {
      const input = new PassThrough();
      input.end(typed);
      let stdout = "";
      let stderr = "";
      const terminal = options.terminal ?? true;
      const io = createNodeIo(repo.root, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) }, {}, { cwd: repo.root, terminal: { stdout: terminal, stderr: terminal, stdin: terminal }, openStdin: () => input });
      const code = await main(["init", ...(options.argv ?? [])], io);
      return { code, stdout, stderr };
    }

    it("issue 13.1: it asks the package manager when the lockfiles disagree, and the branch", async () => {
      const repo = await createTempRepo({ ...NODE_REPO, "yarn.lock": "" });
      try {
        const result = await initTyping(repo, "yarn\nrelease\n");
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain("package-lock.json and yarn.lock found");
        expect(result.stderr).toContain("[trunk]: ");
        expect((await repo.run(["gen"])).code).toBe(0);
        const ci = parse((await repo.read(".github/workflows/ci.yml"))!) as Workflow;
        expect(ci.on.pull_request.branches).toEqual(["release"]);
        expect(ci.jobs.node!.steps.map((step) => step.run)).toEqual(expect.arrayContaining(["yarn install --frozen-lockfile", "yarn run check"]));
      } finally {
        await repo.dispose();
      }
    });

    it("issue 13.1: answered no, the workflows are not imported and the command is named", async () => {
      const repo = await createTempRepo({ ...NODE_REPO, ".github/workflows/build.yml": BUILD_YAML });
      try {
        const result = await initTyping(repo, "n\n");
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain("Import them into sources");
        expect(await repo.read("workflows-src/build.ts")).toBeUndefined();
        expect(await repo.read(".github/workflows/build.yml")).toBe(BUILD_YAML);
        expect(result.stdout).toContain("npx trunkline import --replace .github/workflows");
      } finally {
        await repo.dispose();
      }
    });

    it("issue 13.1: at EOF every answer is its default; with --yes, or without a terminal, nothing is asked", async () => {
      for (const [typed, options] of [["", {}], ["no\nrelease\n", { argv: ["--yes"] }], ["no\nrelease\n", { terminal: false }]] as const) {
        const repo = await createTempRepo({ ...NODE_REPO, ".github/workflows/build.yml": BUILD_YAML });
        try {
          const result = await initTyping(repo, typed, options);
          expect(result.code, result.stderr).toBe(0);
          if (typed !== "") expect(result.stderr).not.toContain("Import them into sources");
          expect(await repo.read("workflows-src/build.ts"), JSON.stringify(options)).toBeDefined();
        } finally {
          await repo.dispose();
        }
      }
    });
  });
});
