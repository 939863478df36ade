import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-code.js";
import { readWorkflowYaml } from "../../src/importer/read-workflow-yaml.js";
import { outputsWrittenBy } from "../../src/importer/step-outputs.js";
import { typedString } from "../../src/importer/typed-expressions.js";
import { workflowToTs } from "../../src/importer/workflow-to-ts.js";
import { catalogFromData } from "../../src/rules/_action-catalog.js";
import { consumerTypeErrors } from "../support/consumer-type-check.js";
import { type TempRepo, createTempRepo } from "../support/temp-repo.js";

const FIXTURE = readFileSync(new URL("./fixtures/step-outputs.yml", import.meta.url), "utf8");
const WORKFLOW = ".github/workflows/step-outputs.yml";
const SOURCE = "workflows-src/step-outputs.ts";

// `tsc --noEmit` over sources of a temporary repository, as a user's editor would check them.
const typeErrors = (root: string, sources: string[]) => consumerTypeErrors(root, sources.map((source) => path.join(root, source)));

const toTs = (yaml: string) => workflowToTs({ workflow: readWorkflowYaml(yaml).workflow!, fileName: "w.yml", actions: catalogFromData({ actions: { "actions/cache@v4": { inputs: ["path", "key"], required: ["path", "key"], outputs: ["cache-hit"] } }, outdated: [] }) });

describe("import: step outputs typed through jobSteps", () => {
  let repo: TempRepo;
  let source: string;
  beforeAll(async () => {
    repo = await createTempRepo({ [WORKFLOW]: FIXTURE });
    const result = await repo.run(["import", ".github/workflows", "--replace"]);
    expect(result.code, result.stderr).toBe(ExitCode.Ok);
    source = (await repo.read(SOURCE))!;
  }, 60_000);
  afterAll(async () => {
    await repo?.dispose();
  });

  it("issue 10.5: writes each job's steps as a jobSteps() chain that reads earlier steps' outputs, and the job's outputs from it", async () => {
    await expect(source).toMatchFileSnapshot("./fixtures/step-outputs.expected.ts");
    expect(source).toContain('}, { outputs: ["tag", "sha"] }))');
    expect(source).toContain('}, { outputs: ["cache-hit"] }))');
    expect(source).toContain('.add(({ steps }) => step({ if: ne(steps.cache.outputs["cache-hit"], "true"), run: "npm ci" }))');
    expect(source).toContain("tag: versionSteps.steps.describe.outputs.tag,");
    expect(source).toContain("url: expr`https://example.com/releases/${versionSteps.steps.describe.outputs.tag}`");
    // the workflow's run-name, env and concurrency, a job's concurrency, environment and defaults
    expect(source).toContain('"run-name": expr`Release ${github.ref_name}`,');
    expect(source).toContain("env: { REF: github.ref },\n  concurrency: expr`release-${github.ref}`,");
    expect(source).toContain("environment: matrix.registry,\n  concurrency: { group: expr`publish-${matrix.registry}` },");
    expect(source).toContain('defaults: { run: { shell: "bash", "working-directory": matrix.registry } },');
    expect(source).toContain("run: expr`npm publish ${steps.pack.outputs.file} --tag ${needs.version.outputs.tag} --registry ${matrix.registry}`,");
  });

  it("issue 10.5: the imported source regenerates the original byte for byte, and gen then changes nothing", async () => {
    const generated = (await repo.read(WORKFLOW))!;
    // the two header lines aside, the original's bytes; `gen` writes no YAML comments, those stay in the source
    const body = generated.split("\n").slice(2).join("\n");
    expect(generated.split("\n").slice(0, 2).every((line) => line.startsWith("# "))).toBe(true);
    expect(body).toBe(FIXTURE.replace(/^ *#.*\n/gm, ""));
    const gen = await repo.run(["gen"]);
    expect(gen.code, gen.stderr).toBe(ExitCode.Ok);
    expect(await repo.read(WORKFLOW)).toBe(generated);
  });

  it("issue 10.5: the imported source type-checks, and a misspelt step output in it is a type error on its line", async () => {
    expect(typeErrors(repo.root, [SOURCE])).toEqual([]);
    const misspelt = source.replace("${steps.describe.outputs.sha}", "${steps.describe.outputs.shaa}");
    expect(misspelt).not.toBe(source);
    await repo.write("workflows-src/misspelt.ts", misspelt);
    const line = misspelt.split("\n").findIndex((text) => text.includes("outputs.shaa")) + 1;
    expect(typeErrors(repo.root, ["workflows-src/misspelt.ts"])).toEqual([expect.stringMatching(new RegExp(`^workflows-src/misspelt\\.ts:${line} .*shaa`))]);
  }, 60_000);
});

describe("import: what is proven about step outputs", () => {
  it("issue 10.5: reads the names a run script writes to $GITHUB_OUTPUT, in the usual forms only", () => {
    const script = [
      'echo "tag=v1" >> "$GITHUB_OUTPUT"',
      "echo sha=abc >> $GITHUB_OUTPUT",
      "printf 'notes<<EOF\\n%s\\nEOF\\n' \"$NOTES\" >> ${GITHUB_OUTPUT}",
      '"os=linux" >> $env:GITHUB_OUTPUT',
      'echo "::set-output name=legacy::1"',
      '# echo "commented=1" >> "$GITHUB_OUTPUT"',
      'x=1; echo "late=$x" >> "$GITHUB_OUTPUT"',
      'cat values.txt >> "$GITHUB_OUTPUT"',
      'echo "$NAME=1" >> "$GITHUB_OUTPUT"',
      'echo "elsewhere=1" >> out.txt',
    ].join("\n");
    expect(outputsWrittenBy(script, undefined)).toEqual(["tag", "sha", "notes", "os", "legacy"]);
    expect(outputsWrittenBy(script, "bash -e {0}")).toEqual(["tag", "sha", "notes", "os", "legacy"]);
    expect(outputsWrittenBy(script, "python")).toEqual(["legacy"]);
    expect(outputsWrittenBy("print(f'::set-output name=key::{hash}')", "python")).toEqual(["key"]);
  });

  it("issue 10.5: keeps steps as a list, and step outputs as strings, where a chain cannot prove them", () => {
    const job = (steps: string) => `on: push\njobs:\n  a:\n    runs-on: x\n    outputs:\n      o: \${{ steps.s.outputs.v }}\n    steps:\n${steps}`;
    // nothing read typed: no chain
    expect(toTs(job("      - run: make\n")).text).not.toContain("jobSteps");
    // an output the script does not visibly write
    const unknown = toTs(job("      - id: s\n        run: ./set-outputs.sh\n      - run: echo ${{ steps.s.outputs.v }}\n      - run: echo ${{ steps.s.outcome }}\n"));
    expect(unknown.text).toContain('.add(step({ run: "echo ${{ steps.s.outputs.v }}" }))');
    expect(unknown.text).toContain(".add(({ steps }) => step({ run: expr`echo ${steps.s.outcome}` }))");
    expect(unknown.text).toContain('o: "${{ steps.s.outputs.v }}"');
    expect(unknown.expressions.typedStepOutputs).toBe(0);
    // an id used twice would be a type error at the second
    const twice = toTs(job('      - id: s\n        run: echo "v=1" >> "$GITHUB_OUTPUT"\n      - id: s\n        run: echo ${{ steps.s.outputs.v }}\n'));
    expect(twice.text).not.toContain("jobSteps");
    expect(twice.expressions.typedStepOutputs).toBe(0);
    // a step reads only the steps before it
    const later = toTs(job('      - run: echo ${{ steps.s.outputs.v }}\n      - id: s\n        run: echo "v=1" >> "$GITHUB_OUTPUT"\n'));
    expect(later.text).toContain('step({ run: "echo ${{ steps.s.outputs.v }}" })');
    expect(later.text).toContain("o: aSteps.steps.s.outputs.v");
    // an action whose outputs the catalog lists
    const cached = toTs(job("      - id: s\n        uses: actions/cache@v4\n        with: { path: x, key: y }\n      - if: ${{ steps.s.outputs.cache-hit == 'true' }}\n        run: make\n"));
    expect(cached.text).toContain('}, { outputs: ["cache-hit"] }))');
    expect(cached.text).toContain('if: eq(steps.s.outputs["cache-hit"], "true")');
  });
});

describe("import: expressions with functions and operators", () => {
  const scope = { github: { ref: "value", event_name: "value", event: { number: "value" } }, matrix: { os: "value" } } as const;
  const typed = (text: string, functions: string[] = []) => typedString(text, scope, { functions: new Set(functions as never[]) })?.code;

  it("issue 10.5: writes functions and operators with typed forms where trunkline's helpers print the same text", () => {
    expect(typed("${{ github.ref == 'refs/heads/main' }}")).toBe('eq(github.ref, "refs/heads/main")');
    expect(typed("${{ !startsWith(github.ref, 'refs/tags/') }}")).toBe('not(startsWith(github.ref, "refs/tags/"))');
    expect(typed("${{ always() && (github.event_name == 'push' || contains(matrix.os, 'win')) }}", ["always"])).toBe('and(always(), or(eq(github.event_name, "push"), contains(matrix.os, "win")))');
    expect(typed("key-${{ format('{0}-{1}', matrix.os, github.event.number) }}")).toBe('expr`key-${format("{0}-{1}", matrix.os, github.event.number)}`');
    expect(typed("${{ toJSON(github.event) }}")).toBe("toJSON(github.event)");
    expect(typed("${{ github.ref != 'it''s' }}")).toBe(`ne(github.ref, "it's")`);
  });

  it("issue 10.5: keeps the string where the typed form would print other text, or the place or the types do not allow it", () => {
    for (const text of [
      "${{ github.ref=='x' }}", // spacing
      "${{ (github.ref == 'x') }}", // parentheses the helpers would not write
      "${{ toJson(github.event) }}", // a function name in another case
      "${{ always() }}", // not allowed here
      "${{ github.ref == 'a' == 'b' }}", // chained comparison
      "${{ fromJSON(matrix.os) }}", // fromJSON takes a string, matrix.os may be any value
      "echo ${{ fromJSON('[1]') }}", // an unknown value inside text
      "echo ${{ toJSON(github.event) }} ${{ github.event }}", // an object inside text
      "${{ 'literal' }}",
      "${{ contains(github.event.*.body, 'x') }}",
      // helpers over literals alone: their type reads no context, which TypeScript widens to any
      "echo ${{ true == 1 }}",
      "${{ format('hello {0}', 'world') }}",
      "${{ github.ref == 'a' && ('...' || 60) }}",
    ]) expect(typed(text), text).toBeUndefined();
  });
});

describe("import: a local action's outputs", () => {
  const ACTION = [
    "name: Version",
    "description: Finds the version",
    "outputs:",
    "  tag:",
    "    description: The tag",
    "    value: ${{ steps.find.outputs.tag }}",
    "runs:",
    "  using: composite",
    "  steps:",
    "    - id: find",
    "      shell: bash",
    '      run: echo "tag=v1" >> "$GITHUB_OUTPUT"',
    "",
  ].join("\n");
  const WORKFLOW_TEXT = [
    "on: push",
    "jobs:",
    "  build:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - id: version",
    "        uses: ./.github/actions/version",
    "      - run: echo ${{ steps.version.outputs.tag }}",
    "      - run: echo ${{ steps.version.outputs.other }}",
    "",
  ].join("\n");

  it("issue 10.5: reads a local action's outputs from its action.yml, and the imported source type-checks", async () => {
    const repo = await createTempRepo({ ".github/actions/version/action.yml": ACTION, ".github/workflows/local.yml": WORKFLOW_TEXT });
    try {
      const result = await repo.run(["import", ".github/workflows/local.yml"]);
      expect(result.code, result.stderr).toBe(ExitCode.Ok);
      const source = (await repo.read("workflows-src/local.ts"))!;
      expect(source).toContain('step({ id: "version", uses: "./.github/actions/version" }, { outputs: ["tag"] })');
      expect(source).toContain(".add(({ steps }) => step({ run: expr`echo ${steps.version.outputs.tag}` }))");
      // an output the action does not declare stays a string
      expect(source).toContain('.add(step({ run: "echo ${{ steps.version.outputs.other }}" }))');
      expect(typeErrors(repo.root, ["workflows-src/local.ts"])).toEqual([]);
    } finally {
      await repo.dispose();
    }
  }, 60_000);
});
